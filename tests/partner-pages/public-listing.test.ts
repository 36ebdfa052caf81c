import MailComposer from 'nodemailer/lib/mail-composer';
import { publicListingActivities } from '../../activities/public-listing';
import { localOutbox } from '../../mail/outbox';
import { requestWorkflowId } from '../../domain/workflow-ids';
import { handleInboundEmail } from '../../inbound/handle-reply';
import { createMailer, type Mailer } from '../../mail/mailer';
import { updateRefusal } from '../../temporal/update-refusal';
import { answerRequestUpdate } from '../../workflows/definitions';
import { openForm } from '../../dev/form-page';
import { readJson } from '../support/http';
import type { CaughtMessage } from '../support/mail-inbox';
import { Actors, intentAnswer } from '../support/partner-actions';
import { startTestSystem, type TestSystem } from '../support/test-system';

/**
 * Consent to be listed publicly (docs/privacy.md, Consent to be listed): asked beside the commitment
 * signature (default no), refused on every other answer, never given by an email reply; after the
 * countersignature the partner is mailed its consent link and invitation link; the link, and staff,
 * give and withdraw it, each change recorded with who and when.
 */
let system: TestSystem;
let actors: Actors;
let mailer: Mailer;
beforeAll(async () => {
  system = await startTestSystem();
  actors = new Actors(system);
  mailer = createMailer(system.config);
});
afterAll(async () => {
  mailer?.close();
  await system?.stop();
});

const refusedField = (field: string) => ({
  status: 400,
  body: { error: expect.objectContaining({ code: 'invalid_answer', details: [expect.objectContaining({ field })] }) },
});

async function listing(partnerId: string) {
  const partner = await system.db
    .selectFrom('partners')
    .select(['public_listing', 'referral_code'])
    .where('id', '=', partnerId)
    .executeTakeFirstOrThrow();
  const changes = await system.db
    .selectFrom('public_listing_changes')
    .select(['listed', 'via', 'recorded_by'])
    .where('partner_id', '=', partnerId)
    .orderBy('id')
    .execute();
  return { ...partner, changes };
}

const latestRequest = (partnerId: string) =>
  system.db
    .selectFrom('requests')
    .select(['id', 'status', 'topic'])
    .where('partner_id', '=', partnerId)
    .orderBy('created_at', 'desc')
    .executeTakeFirstOrThrow();

/** Intent and its review, the consent field refused on both: the signatory gets the commitment to sign. */
async function upToSignature(name: string) {
  const id = await actors.onboard(name);
  const who = actors.addresses(id);
  const intent = actors.linkIn(await actors.nextEmail(who.coordinator));
  expect(await actors.post(intent, { ...intentAnswer, publicListing: true })).toMatchObject(
    refusedField('publicListing'),
  );
  await actors.expectOk(actors.post(intent, intentAnswer));
  const review = actors.linkIn(await actors.nextEmail(who.staff, new RegExp(name)));
  expect(await actors.post(review, { decision: 'approve', publicListing: false })).toMatchObject(
    refusedField('publicListing'),
  );
  await actors.expectOk(actors.post(review, { decision: 'approve' }));
  return { id, who, ask: await actors.nextEmail(who.signatory) };
}

const consentLinkIn = (message: CaughtMessage) => {
  const link = new RegExp(`${system.url}/c/[A-Za-z0-9_-]{43}`).exec(message.text)?.[0];
  if (!link) throw new Error(`no consent link in "${message.subject}"`);
  return link;
};

test('signed on the page with the box left unticked: no consent; the consent field is refused on the countersignature, by the page and by the workflow; the formalised email carries the consent link and the invitation link, which give and withdraw consent', async () => {
  const { id, who, ask } = await upToSignature('Toestemming Een');
  const signature = actors.linkIn(ask);
  const form = await openForm(signature);
  expect(form.html).toMatch(/<input type="checkbox" name="publicListing" value="yes"\s*\/>/); // unticked
  expect(form.html).toContain('Vermelding op de publieke pagina');
  expect((await openForm(signature, '?lang=fr')).html).toContain('Mention sur les pages publiques du pacte');
  expect((await form.submit([['decision', 'approve']])).status).toBe(200);
  expect(await listing(id)).toMatchObject({ public_listing: false, changes: [] });

  // The director's countersignature: the consent field is refused by the channel (nothing changes) and by the Update's validator.
  const countersignature = actors.linkIn(await actors.nextEmail(who.director, /Toestemming Een/));
  expect(await actors.post(countersignature, { decision: 'approve', publicListing: true })).toMatchObject(
    refusedField('publicListing'),
  );
  const pending = await latestRequest(id);
  expect(pending).toMatchObject({ status: 'pending', topic: { subject: 'countersignature' } });
  const refusal = await system.temporal.workflow
    .getHandle(requestWorkflowId(pending.id))
    .executeUpdate(answerRequestUpdate, {
      args: [{ answer: { decision: 'approve', publicListing: true }, via: 'api' }],
    })
    .then(
      () => undefined,
      (error: unknown) => updateRefusal(error),
    );
  expect(refusal).toMatchObject({ kind: 'invalid', problems: [expect.objectContaining({ field: 'publicListing' })] });
  await actors.expectOk(actors.post(countersignature, { decision: 'approve' }));
  await actors.waitForStage(id, 'prototype');

  // The partner is told, once, with its personal consent link and its invitation link.
  const formalised = await actors.nextEmail(who.signatory, /geformaliseerd/);
  const { referral_code: code } = await listing(id);
  expect(code).toMatch(/^[A-Za-z0-9_-]{12}$/);
  expect(formalised.text).toContain(`${system.config.publicUrl}/pact/join?ref=${code}`);
  expect(formalised.text).toContain('niet publiek vermeld');
  const link = consentLinkIn(formalised);
  const stored = await system.db
    .selectFrom('email_outbox')
    .select('text_body')
    .where('idempotency_key', '=', `partner/${id}/formalised`)
    .execute();
  expect(stored).toHaveLength(1);
  expect(stored[0]!.text_body).not.toContain(link); // the outbox keeps no credential

  // The link's page: the consent now (no), and the form to give it.
  const page = await openForm(link);
  expect(page.status).toBe(200);
  expect(page.html).toContain('Nu: nee');
  expect(page.html).toMatch(/name="listed" value="no"\s+checked/);
  const given = await page.submit([['listed', 'yes']]);
  expect(given.status).toBe(200);
  expect(await given.text()).toContain('Nu: ja');
  expect((await listing(id)).public_listing).toBe(true);

  // JSON: the same link withdraws it, and shows it; a bad value names the field and changes nothing.
  const json = (body: unknown) =>
    fetch(link, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  const bad = await json({ listed: 'nee' });
  expect(bad.status).toBe(400);
  expect(await readJson(bad)).toMatchObject({ error: { details: [{ field: 'listed' }] } });
  const withdrawn = await json({ listed: false });
  expect(withdrawn.status).toBe(200);
  expect(await readJson(withdrawn)).toEqual({ partner: { id, name: 'Toestemming Een' }, listed: false, changed: true });
  const now = await fetch(link, { headers: { accept: 'application/json' } });
  expect(await readJson(now)).toEqual({ partner: { id, name: 'Toestemming Een' }, listed: false });
  expect(await listing(id)).toMatchObject({
    public_listing: false,
    changes: [
      { listed: true, via: 'consent_link', recorded_by: 'partner' },
      { listed: false, via: 'consent_link', recorded_by: 'partner' },
    ],
  });

  // A form without its CSRF field, and a link no one has, change nothing.
  const forged = await fetch(link, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: 'listed=yes',
  });
  expect(forged.status).toBe(403);
  const unknown = await fetch(`${system.url}/c/${'x'.repeat(43)}`);
  expect(unknown.status).toBe(404);
  expect((await listing(id)).public_listing).toBe(false);

  // The activity run again (a retry) sends nothing more and keeps the link and the code.
  await publicListingActivities({
    db: system.db,
    outbox: localOutbox(system.db, mailer),
    config: { ...system.config, tokenSecret: system.config.tokenSecret! },
  }).sendFormalisedEmail({ partnerId: id, signatory: { role: 'signatory' } });
  expect(
    await system.db.selectFrom('consent_links').select('token_hash').where('partner_id', '=', id).execute(),
  ).toHaveLength(1);
  expect((await listing(id)).referral_code).toBe(code);
  expect((await openForm(link)).status).toBe(200);

  // Exactly one formalised email.
  const all = (await system.mail.messages()).filter(
    (m) => m.to.includes(who.signatory) && /geformaliseerd/.test(m.subject),
  );
  expect(all).toHaveLength(1);
});

test('the box ticked on the signature page gives consent, recorded as the partner’s; staff record a withdrawal and consent given another way, with its history', async () => {
  const { id, ask } = await upToSignature('Toestemming Twee');
  const form = await openForm(actors.linkIn(ask));
  expect(
    (
      await form.submit([
        ['decision', 'approve'],
        ['publicListing', 'yes'],
      ])
    ).status,
  ).toBe(200);
  await waitFor(async () => (await listing(id)).public_listing);
  expect((await listing(id)).changes).toEqual([{ listed: true, via: 'signature', recorded_by: 'partner' }]);

  const put = (body: unknown) =>
    system.staffFetch(`/api/partners/${id}/public-listing`, { method: 'PUT', body: JSON.stringify(body) });
  const bad = await put({ listed: 'no' });
  expect(bad.status).toBe(400);
  expect(JSON.stringify(await readJson(bad))).toContain('listed');
  const withdrawn = await put({ listed: false });
  expect(withdrawn.status).toBe(200);
  expect(await readJson(withdrawn)).toMatchObject({ partnerId: id, listed: false, changed: true });

  // The staff page's form, then the history on the page and in the API.
  const posted = await system.staffFetch(`/staff/partners/${id}/public-listing`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: 'listed=true',
    redirect: 'manual',
  });
  expect(posted.status).toBe(303);
  const page = await (
    await system.staffFetch(new URL(posted.headers.get('location')!, system.url).pathname + '?listing=given')
  ).text();
  expect(page).toContain('De toestemming is genoteerd.');
  expect(page).toContain('bij de ondertekening');
  expect(page).toContain('door een medewerker');
  const history = await readJson(await system.staffFetch(`/api/partners/${id}/public-listing`));
  expect(history).toMatchObject({
    partnerId: id,
    listed: true,
    changes: [
      { listed: true, via: 'staff', recordedBy: 'api-token (bootstrap)' },
      { listed: false, via: 'staff', recordedBy: 'api-token (bootstrap)' },
      { listed: true, via: 'signature', recordedBy: 'partner' },
    ],
  });
  expect((await system.staffFetch('/api/partners/niemand-hier/public-listing')).status).toBe(404);
});

test('a signature given by email reply gives no consent', async () => {
  const { id, who, ask } = await upToSignature('Toestemming Drie');
  const replyTo = /reply\+[A-Za-z0-9_-]{43}@[^\s>]+/.exec(ask.replyTo ?? '')?.[0];
  expect(replyTo).toBeDefined();
  const raw = await new MailComposer({
    from: who.signatory,
    to: replyTo,
    subject: `Re: ${ask.subject}`,
    text: 'Ja, akkoord',
  })
    .compile()
    .build();
  expect(
    await handleInboundEmail({ db: system.db, temporal: system.temporal, mailer, config: system.config }, raw),
  ).toBe('answered');
  await actors.nextEmail(who.director, /Toestemming Drie/); // signed: the countersignature is asked
  expect(await listing(id)).toMatchObject({ public_listing: false, changes: [] });
});

async function waitFor(check: () => Promise<boolean>, timeoutMs = 10_000) {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
