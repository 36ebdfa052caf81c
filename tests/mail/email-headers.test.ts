import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Actors } from '../support/partner-actions';
import { startTestSystem, type TestSystem } from '../support/test-system';

/** What a mail client sees of the system's emails: who sent them, that they are automatic, threads, DKIM. */
let system: TestSystem;
let actors: Actors;
beforeAll(async () => {
  const keyFile = join(mkdtempSync(join(tmpdir(), 'dkim-')), 'private.pem');
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  writeFileSync(keyFile, privateKey.export({ type: 'pkcs8', format: 'pem' }));
  system = await startTestSystem({
    PACT_REMINDER_AFTER: '1h',
    DKIM_DOMAIN: 'integratiepact.localhost',
    DKIM_SELECTOR: 'pact2026',
    DKIM_PRIVATE_KEY_FILE: keyFile,
  });
  actors = new Actors(system);
});
afterAll(() => system?.stop());

test('a request email comes from "vzw Integratiepact", says it is automatic, and is signed with DKIM', async () => {
  const id = await actors.onboard('Klaproos');
  const email = await actors.nextEmail(actors.addresses(id).coordinator);
  expect(email.headers.from).toBe('vzw Integratiepact <integratiepact@integratiepact.localhost>');
  expect(email.headers['auto-submitted']).toBe('auto-generated');
  expect(email.headers['dkim-signature']).toMatch(/\bd=integratiepact\.localhost;.*\bs=pact2026;/);
});

test("a reminder answers the request's first email, so mail clients show one conversation", async () => {
  const id = await actors.onboard('Korenbloem');
  const who = actors.addresses(id);
  const first = await actors.nextEmail(who.coordinator);
  const requestId = (await actors.journey(id)).pendingRequests[0].id as string;
  expect((await system.staffFetch(`/api/requests/${requestId}/remind`, { method: 'POST' })).status).toBe(200);
  const reminder = await actors.nextEmail(who.coordinator, /^Herinnering/);
  expect(first.messageId).toMatch(/^<.+@integratiepact\.localhost>$/);
  expect(reminder.headers['in-reply-to']).toBe(first.messageId);
  expect(reminder.headers.references).toBe(first.messageId);
  expect(first.headers['in-reply-to']).toBeUndefined();
});
