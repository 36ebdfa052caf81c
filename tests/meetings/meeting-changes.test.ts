import { brusselsLocal } from '../../domain/brussels-time';
import { openForm } from '../../dev/form-page';
import { readJson } from '../support/http';
import { handleInboundEmail } from '../../inbound/handle-reply';
import { createMailer, type Mailer } from '../../mail/mailer';
import { brusselsAt, calendarReply, readInvitation, threadOf } from '../support/meeting-mail';
import { Actors } from '../support/partner-actions';
import { startTestSystem, type TestSystem } from '../support/test-system';

/** A meeting changes (updated invitation), is cancelled (CANCEL), reminds, passes, and gets its minutes. */
let system: TestSystem;
let actors: Actors;
let school: string[];
let mailer: Mailer;

beforeAll(async () => {
  system = await startTestSystem({
    PACT_REMINDER_AFTER: '8s',
    PACT_REMINDER_EVERY: '1h',
    PACT_MAX_REMINDERS: '1',
    PACT_ESCALATE_AFTER: '2h',
    PACT_EXPIRE_AFTER: '3h',
    // "Tot morgen" 15 s before the start, so the reminder to those who said yes happens within the test.
    PACT_MEETING_REMINDER_BEFORE: '15s',
  });
  actors = new Actors(system);
  mailer = createMailer(system.config);
  school = [
    await actors.onboard('Schoolnet Wijzig', { sector: 'education', actorType: 'state' }),
    await actors.onboard('Leerhuis Wijzig', { sector: 'education', actorType: 'civil_society' }),
  ];
});
afterAll(async () => {
  mailer?.close();
  await system?.stop();
});

const post = (path: string, body?: unknown) =>
  system.staffFetch(path, { method: 'POST', ...(body === undefined ? {} : { body: JSON.stringify(body) }) });
const plan = (fields: Record<string, unknown>) =>
  post('/api/meetings', {
    title: 'Opvolging onderwijs',
    sector: 'education',
    startsAt: brusselsAt(6, 10),
    endsAt: brusselsAt(6, 12),
    place: 'Leuven',
    agenda: 'Stand van zaken',
    invitees: { sector: 'education' },
    ...fields,
  });
const detail = async (id: string) => readJson(await system.staffFetch(`/api/meetings/${id}`));
const linkIn = (text: string) => new RegExp(`${system.url}/m/[A-Za-z0-9_-]{43}`).exec(text)![0];
const meetingCount = async () =>
  Number(
    (
      await system.db
        .selectFrom('meetings')
        .select((eb) => eb.fn.countAll<string>().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );

test('bad input: 400 naming the field, nothing stored', async () => {
  const before = await meetingCount();
  const cases: [Record<string, unknown>, string][] = [
    [{ startsAt: '2020-01-14T14:00', endsAt: '2020-01-14T16:00' }, 'startsAt'],
    [{ startsAt: brusselsAt(6, 16), endsAt: brusselsAt(6, 14) }, 'endsAt'],
    [{ invitees: { sector: 'media' } }, 'invitees'],
    [{ invitees: {} }, 'invitees'],
    [{ sector: 'space_travel' }, 'sector'],
    [{ invitees: { sector: 'space_travel' } }, 'invitees.sector'],
    [{ startsAt: '14/01/2027 14:00' }, 'startsAt'],
    [{ invitees: { partnerIds: ['nobody-here'] } }, 'invitees.partnerIds'],
  ];
  for (const [fields, field] of cases) {
    const response = await plan(fields);
    const body = await readJson(response);
    expect([field, response.status]).toEqual([field, 400]);
    expect(body.error.message).toContain(field);
  }
  expect(await meetingCount()).toBe(before);
  expect((await system.mail.messages()).filter((m) => /Opvolging onderwijs/.test(m.subject))).toEqual([]);
});

test('a meeting gets an opaque id; the same plan twice is refused by its idempotency key, or by its title and day', async () => {
  const planned = await plan({ title: 'Eenmalig overleg', startsAt: brusselsAt(8, 10), endsAt: brusselsAt(8, 12) });
  expect(planned.status).toBe(201);
  const { id, workflowId } = await readJson(planned);
  // No title, no date: an id that cannot name a person, and does not show an old day after a move.
  expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
  expect(workflowId).toBe(`meeting-${id}`);
  const invitation = await actors.nextEmail(actors.addresses(school[0]!).coordinator, /Uitnodiging: Eenmalig overleg/);
  expect((await readInvitation(invitation)).uid).toBe(`meeting-${id}@${system.config.mailFrom.split('@')[1]}`);

  // Without a key the title and the day are the key, as before: another hour the same day is refused.
  const twice = await plan({ title: 'Eenmalig overleg', startsAt: brusselsAt(8, 14), endsAt: brusselsAt(8, 15) });
  expect(twice.status).toBe(409);
  expect((await readJson(twice)).error).toMatchObject({ code: 'meeting_exists', details: { id } });

  // With a key, the key decides: the same key again is refused, another one plans another meeting.
  const keyed = (idempotencyKey: string) =>
    plan({ title: 'Gesleutelde sessie', startsAt: brusselsAt(8, 10), endsAt: brusselsAt(8, 12), idempotencyKey });
  const first = await keyed('api-7c1e90d2');
  expect(first.status).toBe(201);
  const again = await keyed('api-7c1e90d2');
  expect(again.status).toBe(409);
  expect((await readJson(again)).error.details.id).toBe((await readJson(first)).id);
  expect((await keyed('api-0b44e1f7')).status).toBe(201);
  const bad = await keyed('x');
  expect(bad.status).toBe(400);
  expect((await readJson(bad)).error.message).toContain('idempotencyKey');

  // The staff form carries a key made when it was shown: sent twice (a double click), it plans once.
  const form = await (await system.staffFetch('/staff/meetings')).text();
  const key = /name="idempotencyKey" value="([^"]+)"/.exec(form)![1]!;
  const fields = new URLSearchParams({
    idempotencyKey: key,
    title: 'Formulier tweemaal',
    startsAt: brusselsAt(8, 10),
    endsAt: brusselsAt(8, 12),
    place: 'Leuven',
    agenda: 'Eén keer',
    inviteSector: 'education',
  }).toString();
  const send = () =>
    system.staffFetch('/staff/meetings', {
      method: 'POST',
      body: fields,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      redirect: 'manual',
    });
  const sent = await send();
  expect(sent.status).toBe(303);
  const resent = await send();
  expect(resent.status).toBe(409);
  expect(await resent.text()).toContain('al gepland');
  expect(
    await system.db.selectFrom('meetings').select('id').where('title', '=', 'Formulier tweemaal').execute(),
  ).toEqual([{ id: sent.headers.get('location')!.split('/').pop()!.split('?')[0] }]);
  // A new form is a new key.
  const other = await (await system.staffFetch('/staff/meetings')).text();
  expect(/name="idempotencyKey" value="([^"]+)"/.exec(other)![1]).not.toBe(key);
});

test('a new hour on the same day keeps the answers; another day asks again; a cancellation sends CANCEL', async () => {
  const [first, second] = school as [string, string];
  const planned = await plan({ title: 'Opvolging onderwijs' });
  expect(planned.status).toBe(201);
  const { id } = await readJson(planned);
  const invitation = await actors.nextEmail(actors.addresses(first).coordinator, /Uitnodiging: Opvolging onderwijs/);
  await actors.nextEmail(actors.addresses(second).coordinator, /Uitnodiging: Opvolging onderwijs/);
  const link = linkIn(invitation.text);
  expect((await (await openForm(link)).submit([['answer', 'yes']])).status).toBe(200);

  // An hour later, same day, another room: SEQUENCE 1 to everyone, the yes kept.
  const changed = await post(`/api/meetings/${id}/change`, {
    startsAt: brusselsAt(6, 11),
    endsAt: brusselsAt(6, 13),
    place: 'Leuven, zaal 2',
  });
  expect(changed.status).toBe(200);
  const update = await actors.nextEmail(actors.addresses(first).coordinator, /Gewijzigd: Opvolging onderwijs/);
  expect(await readInvitation(update)).toMatchObject({
    method: 'REQUEST',
    uid: (await readInvitation(invitation)).uid,
    sequence: 1,
    attendees: [{ email: actors.addresses(first).coordinator, partstat: 'ACCEPTED' }],
    start: `DTSTART;TZID=Europe/Brussels:${brusselsAt(6, 11).replace(/[-:]/g, '')}00`,
  });
  expect(update.text).toContain('Leuven, zaal 2');
  // In the invitation's thread, as the answers to replies are.
  const invitationId = (await threadOf(invitation)).id!;
  expect(invitationId).toMatch(/^<[^@>]+@[^@>]+>$/);
  expect(await threadOf(update)).toMatchObject({ inReplyTo: invitationId, references: invitationId });
  expect((await threadOf(invitation)).inReplyTo).toBeUndefined();
  expect(update.text).toContain('Uw antwoord: ja.');
  const other = await actors.nextEmail(actors.addresses(second).coordinator, /Gewijzigd: Opvolging onderwijs/);
  expect((await readInvitation(other)).sequence).toBe(1);
  expect((await detail(id)).invitees.find((i: { partnerId: string }) => i.partnerId === first)).toMatchObject({
    answer: 'yes',
  });

  // Another day: everyone is asked again.
  expect(
    (await post(`/api/meetings/${id}/change`, { startsAt: brusselsAt(7, 11), endsAt: brusselsAt(7, 13) })).status,
  ).toBe(200);
  const moved = await actors.nextEmail(actors.addresses(first).coordinator, /Gewijzigd: Opvolging onderwijs/);
  expect(await readInvitation(moved)).toMatchObject({ sequence: 2, attendees: [{ partstat: 'NEEDS-ACTION' }] });
  expect((await detail(id)).invitees.map((i: { answer: unknown }) => i.answer)).toEqual([null, null]);

  // Issue 22: a calendar's REPLY to the first invitation (SEQUENCE 0, the old day) is not taken for the
  // new day (RFC 5546 §2.1.5); its sender is told once to answer the current invitation.
  const inbound = { db: system.db, temporal: system.temporal, mailer, config: system.config };
  const calendar = await readInvitation(invitation);
  const googleReply = (sequence: number, dtstamp = new Date()) =>
    calendarReply({
      client: 'google',
      from: actors.addresses(first).coordinator,
      to: calendar.organizer,
      uid: calendar.uid,
      sequence,
      dtstamp,
      attendee: actors.addresses(first).coordinator,
      partstat: 'ACCEPTED',
      organizer: calendar.organizer,
      subject: 'Opvolging onderwijs',
    });
  expect(await handleInboundEmail(inbound, await googleReply(0))).toBe('meeting_outdated');
  expect(await handleInboundEmail(inbound, await googleReply(0))).toBe('meeting_outdated');
  const outdated = await actors.nextEmail(actors.addresses(first).coordinator, /Uw antwoord: Opvolging onderwijs/);
  expect(outdated.text).toContain('eerdere versie van deze uitnodiging');
  expect(outdated.text).toMatch(/\/m\//);
  // A SEQUENCE never sent, or a DTSTAMP in the future, was not written to our invitation: nothing, silently.
  expect(await handleInboundEmail(inbound, await googleReply(3))).toBe('meeting_implausible');
  expect(await handleInboundEmail(inbound, await googleReply(2, new Date(Date.now() + 3_600_000)))).toBe(
    'meeting_implausible',
  );
  expect((await detail(id)).invitees.map((i: { answer: unknown }) => i.answer)).toEqual([null, null]);
  // The reply to the current invitation counts.
  expect(await handleInboundEmail(inbound, await googleReply(2))).toBe('meeting_answered');
  expect((await detail(id)).invitees.find((i: { partnerId: string }) => i.partnerId === first)).toMatchObject({
    answer: 'yes',
    via: 'calendar',
  });

  // The link still answers, until the meeting starts.
  expect((await (await openForm(link)).submit([['answer', 'no']])).status).toBe(200);

  // A change that makes no sense: 400, nothing changes.
  const bad = await post(`/api/meetings/${id}/change`, { startsAt: brusselsAt(7, 15), endsAt: brusselsAt(7, 14) });
  expect(bad.status).toBe(400);
  expect((await readJson(bad)).error.message).toContain('endsAt');
  expect((await detail(id)).sequence).toBe(2);

  // A form opened before the cancellation, sent after it.
  const stale = await openForm(link);
  expect((await post(`/api/meetings/${id}/cancel`)).status).toBe(200);
  for (const partnerId of school) {
    const cancel = await actors.nextEmail(actors.addresses(partnerId).coordinator, /Afgelast: Opvolging onderwijs/);
    expect(await readInvitation(cancel)).toMatchObject({ method: 'CANCEL', sequence: 2, status: 'CANCELLED' });
    if (partnerId === first) expect((await threadOf(cancel)).inReplyTo).toBe(invitationId);
  }
  for (let i = 0; i < 50 && (await detail(id)).status !== 'cancelled'; i++)
    await new Promise((r) => setTimeout(r, 100));
  expect((await detail(id)).status).toBe('cancelled');
  const late = await stale.submit([['answer', 'yes']]);
  expect(late.status).toBe(410);
  expect(await late.text()).toContain('afgelast');
  expect((await openForm(link)).html).not.toContain('<form');
  expect((await post(`/api/meetings/${id}/change`, { place: 'Gent' })).status).toBe(409);

  // A calendar that still shows the meeting accepts it afterwards: nothing changes, the sender is told once.
  const accept = () =>
    calendarReply({
      client: 'outlook',
      from: actors.addresses(first).coordinator,
      to: calendar.organizer,
      uid: calendar.uid,
      sequence: 2,
      dtstamp: new Date(),
      attendee: actors.addresses(first).coordinator,
      partstat: 'ACCEPTED',
      organizer: calendar.organizer,
      subject: 'Opvolging onderwijs',
    });
  expect(await handleInboundEmail(inbound, await accept())).toBe('meeting_closed');
  expect(await handleInboundEmail(inbound, await accept())).toBe('meeting_closed');
  const told = await actors.nextEmail(actors.addresses(first).coordinator, /Uw antwoord: Opvolging onderwijs/);
  expect(told.text).toContain('afgelast');
  await new Promise((r) => setTimeout(r, 500));
  const answersTold = (await system.mail.messages())
    .filter((m) => /Uw antwoord: Opvolging onderwijs/.test(m.subject))
    .map((m) => m.text);
  expect(answersTold).toHaveLength(2);
  expect(answersTold).toEqual(
    expect.arrayContaining([expect.stringContaining('eerdere versie'), expect.stringContaining('afgelast')]),
  );
  expect((await detail(id)).invitees.find((i: { partnerId: string }) => i.partnerId === first)).toMatchObject({
    answer: 'no',
  });
});

test('reminders go to those who have not answered, and before the start to those who said yes; after the start answers close and staff record the minutes', async () => {
  const [first, second] = school as [string, string];
  // The next whole minute at least 45 s away: the meeting starts soon, lasts a minute.
  const startMs = Math.ceil((Date.now() + 45_000) / 60_000) * 60_000;
  const planned = await plan({
    title: 'Korte opvolging',
    startsAt: brusselsLocal(startMs),
    endsAt: brusselsLocal(startMs + 60_000),
    invitees: { partnerIds: [first], actorType: 'civil_society', signatories: true },
  });
  expect(planned.status).toBe(201);
  const { id } = await readJson(planned);
  const invited = (await detail(id)).invitees;
  // The first partner by name, the second by filter (civil society): both, with their signatories.
  expect(invited.map((i: { partnerId: string; role: string }) => `${i.partnerId}/${i.role}`).sort()).toEqual(
    [`${first}/coordinator`, `${first}/signatory`, `${second}/coordinator`, `${second}/signatory`].sort(),
  );
  const invitation = await actors.nextEmail(actors.addresses(first).coordinator, /Uitnodiging: Korte opvolging/);
  const link = linkIn(invitation.text);
  expect((await (await openForm(link)).submit([['answer', 'yes']])).status).toBe(200);

  const reminder = await actors.nextEmail(
    actors.addresses(second).coordinator,
    /Herinnering: komt u naar Korte opvolging/,
    20_000,
  );
  expect(linkIn(reminder.text)).toMatch(/\/m\//);
  await new Promise((r) => setTimeout(r, 500));
  expect(
    (await system.mail.messages()).filter(
      (m) =>
        /Herinnering: komt u naar Korte opvolging/.test(m.subject) &&
        m.to.includes(actors.addresses(first).coordinator),
    ),
  ).toEqual([]);

  // Shortly before the start (PACT_MEETING_REMINDER_BEFORE), only the one who said yes hears "tot morgen".
  const seeYou = await actors.nextEmail(actors.addresses(first).coordinator, /Morgen: Korte opvolging/, 90_000);
  expect(seeYou.text).toContain('U liet weten dat u komt');
  expect(
    (await system.mail.messages()).filter((m) => /Morgen: Korte opvolging/.test(m.subject)).map((m) => m.to),
  ).toEqual([[actors.addresses(first).coordinator]]);

  expect((await post(`/api/meetings/${id}/minutes`, { attended: [], minutes: 'Te vroeg' })).status).toBe(409);
  const stale = await openForm(link);
  await new Promise((r) => setTimeout(r, Math.max(startMs - Date.now() + 500, 0)));
  const late = await stale.submit([['answer', 'no']]);
  expect(late.status).toBe(410);
  expect(await late.text()).toContain('al begonnen of voorbij');
  expect(
    (await detail(id)).invitees.find(
      (i: { partnerId: string; role: string }) => i.partnerId === first && i.role === 'coordinator',
    ),
  ).toMatchObject({ answer: 'yes' });

  const came = invited.filter((i: { role: string }) => i.role === 'coordinator').map((i: { id: number }) => i.id);
  const minutes = await post(`/api/meetings/${id}/minutes`, {
    attended: came,
    minutes: 'We bespraken de stageplaatsen.',
    initiatives: [{ text: 'Gezamenlijke stagebeurs', levers: ['agency'], partnerIds: [first, second] }],
    actions: [
      { ownerPartnerId: second, description: 'Lijst van stageplaatsen delen', dueDate: brusselsAt(14, 0).slice(0, 10) },
    ],
  });
  expect(minutes.status).toBe(200);
  const recorded = await detail(id);
  expect(recorded.minutes).toBe('We bespraken de stageplaatsen.');
  expect(
    recorded.invitees
      .filter((i: { attended: boolean }) => i.attended)
      .map((i: { id: number }) => i.id)
      .sort(),
  ).toEqual(came.sort());
  // Into the portfolio, proposed by the partners named (issue 24).
  expect(recorded.initiatives).toEqual([
    {
      id: expect.any(String),
      title: 'Gezamenlijke stagebeurs',
      text: 'Gezamenlijke stagebeurs',
      levers: ['agency'],
      status: 'proposed',
      partnerIds: [first, second].sort(),
    },
  ]);
  expect(recorded.actions).toEqual([
    expect.objectContaining({ ownerPartnerId: second, description: 'Lijst van stageplaatsen delen' }),
  ]);
  // Once only.
  expect((await post(`/api/meetings/${id}/minutes`, { attended: [], minutes: 'Nog eens' })).status).toBe(409);
}, 210_000);

test('a corrected address ends the old meeting link and gets the invitation with a new one', async () => {
  const partnerId = await actors.onboard('Adreswissel Cultuur', { sector: 'culture' });
  const oldAddress = actors.addresses(partnerId).coordinator;
  const planned = await plan({
    title: 'Adreswissel',
    sector: 'culture',
    startsAt: brusselsAt(10, 10),
    endsAt: brusselsAt(10, 12),
    invitees: { partnerIds: [partnerId] },
  });
  expect(planned.status).toBe(201);
  const { id } = await readJson(planned);
  const oldLink = linkIn((await actors.nextEmail(oldAddress, /Uitnodiging: Adreswissel/)).text);
  expect((await (await openForm(oldLink)).submit([['answer', 'maybe']])).status).toBe(200);

  const contacts = (await actors.journey(partnerId)).contacts as { role: string; email: string }[];
  const newAddress = 'nieuw-adres@adreswissel.example';
  const corrected = contacts.map((c) => (c.role === 'coordinator' ? { ...c, email: newAddress } : c));
  const put = await system.staffFetch(`/api/partners/${partnerId}/contacts`, {
    method: 'PUT',
    body: JSON.stringify({ contacts: corrected }),
  });
  expect(put.status).toBe(200);

  // The link mailed to the old address no longer opens or answers.
  const stale = await fetch(oldLink);
  expect(stale.status).toBe(404);
  // The new address gets the invitation as it stands, with a link that works.
  const reinvited = await actors.nextEmail(newAddress, /Uitnodiging: Adreswissel/);
  const newLink = linkIn(reinvited.text);
  expect(newLink).not.toBe(oldLink);
  expect((await readInvitation(reinvited)).attendees).toEqual([
    expect.objectContaining({ email: newAddress, partstat: 'TENTATIVE' }),
  ]);
  expect((await (await openForm(newLink)).submit([['answer', 'yes']])).status).toBe(200);
  expect((await detail(id)).invitees).toEqual([expect.objectContaining({ partnerId, answer: 'yes' })]);
});
