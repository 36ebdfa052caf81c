import { connect } from 'node:net';
import { networkInterfaces } from 'node:os';
import { startChild } from '../../dev/child-process';
import { freePort } from '../support/free-port';
import { readJson } from '../support/http';
import { Actors } from '../support/partner-actions';
import { startTestSystem, type TestSystem } from '../support/test-system';

/** Without INBOUND_DOMAIN (the production default) nothing can be answered by email, and no email says otherwise. */
let system: TestSystem;
let actors: Actors;
beforeAll(async () => {
  system = await startTestSystem({
    INBOUND_DOMAIN: '',
    INBOUND_WEBHOOK_SECRET: 'inbound-test-secret-0123456789-abcdefgh',
  });
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
    headers: { 'content-type': 'message/rfc822', 'x-inbound-secret': 'inbound-test-secret-0123456789-abcdefgh' },
    body: 'Subject: x\r\n\r\nJa',
  });
  expect(response.status).toBe(404);
  expect((await readJson(response)).error.message).toContain('INBOUND_DOMAIN');
});

test('the API process opens no SMTP port, and its internal listener only on the loopback', async () => {
  const [port, internalPort, smtpPort] = [await freePort(), await freePort(), await freePort()];
  const api = await startChild({
    name: 'api',
    command: process.execPath,
    args: ['--import', 'tsx', 'api/main.ts'],
    env: {
      ...process.env,
      ...system.env,
      PORT: String(port),
      INTERNAL_PORT: String(internalPort),
      INBOUND_SMTP_PORT: String(smtpPort),
      LOG_LEVEL: 'warn',
    },
    ready: /^api ready/,
  });
  try {
    expect(await canConnect('127.0.0.1', smtpPort)).toBe(false);
    // The machine's own network address, where one exists: the internal listener is not there.
    const external = Object.values(networkInterfaces())
      .flat()
      .find((i) => i && i.family === 'IPv4' && !i.internal)?.address;
    if (external) {
      expect(await canConnect(external, port)).toBe(true); // the public port is there
      expect(await canConnect(external, internalPort)).toBe(false);
    }
    expect((await fetch(`http://127.0.0.1:${port}/metrics`)).status).toBe(404);
    expect((await fetch(`http://127.0.0.1:${internalPort}/metrics`)).status).toBe(200);
  } finally {
    await api.stop();
  }
});

function canConnect(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, host)
      .on('connect', () => {
        socket.destroy();
        resolve(true);
      })
      .on('error', () => resolve(false));
  });
}
