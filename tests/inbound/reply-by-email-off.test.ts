import { readJson } from '../support/http';
import { Actors } from '../support/partner-actions';
import { startTestSystem, type TestSystem } from '../support/test-system';

/** Without INBOUND_DOMAIN (the production default) nothing can be answered by email, and no email says otherwise. */
let system: TestSystem;
let actors: Actors;
beforeAll(async () => {
  system = await startTestSystem({ INBOUND_DOMAIN: '', INBOUND_WEBHOOK_SECRET: 'inbound-test-secret-0123456789' });
  actors = new Actors(system);
});
afterAll(() => system?.stop());

test('request emails carry no Reply-To', async () => {
  const id = await actors.onboard('Stille Post');
  const invitation = await actors.nextEmail(actors.addresses(id).coordinator);
  expect(actors.linkIn(invitation)).toContain('/r/');
  expect(invitation.replyTo).toBeUndefined();
  expect(invitation.headers['reply-to']).toBeUndefined();
});

test('the inbound webhook is off, even with its secret set', async () => {
  const response = await fetch(`${system.url}/api/inbound/email`, {
    method: 'POST',
    headers: { 'content-type': 'message/rfc822', 'x-inbound-secret': 'inbound-test-secret-0123456789' },
    body: 'Subject: x\r\n\r\nJa',
  });
  expect(response.status).toBe(404);
  expect((await readJson(response)).error.message).toContain('INBOUND_DOMAIN');
});
