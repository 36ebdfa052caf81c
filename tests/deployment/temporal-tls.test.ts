import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Connection } from '@temporalio/client';
import { ConfigError, loadConfig } from '../../config/config';
import { Actors } from '../support/partner-actions';
import { sharedServers } from '../support/shared-servers';
import { startTestSystem, type TestSystem } from '../support/test-system';
import {
  makeTestCertificates,
  startTlsFrontend,
  type TestCertificates,
  type TlsFrontend,
} from '../support/tls-frontend';

/**
 * Temporal over TLS: every connection (API client, worker, CLI) takes the standard TEMPORAL_*
 * variables (config/temporal-connection.ts). The system runs here against the shared dev server
 * behind a TLS front that requires a client certificate, so a wrong setting fails the handshake.
 */
const serverName = 'temporal.integratiepact.test';
let certificates: TestCertificates;
let frontend: TlsFrontend;
let tlsEnv: Record<string, string>;

beforeAll(async () => {
  certificates = makeTestCertificates(serverName);
  frontend = await startTlsFrontend(sharedServers().temporalAddress, certificates);
  tlsEnv = {
    TEMPORAL_ADDRESS: frontend.address,
    TEMPORAL_TLS_SERVER_CA_CERT_PATH: certificates.caPath,
    TEMPORAL_TLS_SERVER_NAME: serverName,
    TEMPORAL_TLS_CLIENT_CERT_PATH: certificates.clientCertPath,
    TEMPORAL_TLS_CLIENT_KEY_PATH: certificates.clientKeyPath,
  };
});
afterAll(async () => {
  await frontend?.close();
  certificates?.remove();
});

describe('the connection settings', () => {
  test('TLS with the server CA, a server name and a client certificate reach the connection options', () => {
    const { temporal } = loadConfig(tlsEnv);
    expect(temporal.address).toBe(frontend.address);
    expect(temporal.connection).toEqual({
      tls: {
        serverNameOverride: serverName,
        serverRootCACertificate: Uint8Array.from(readFileSync(certificates.caPath)),
        clientCertPair: {
          crt: Uint8Array.from(readFileSync(certificates.clientCertPath)),
          key: Uint8Array.from(readFileSync(certificates.clientKeyPath)),
        },
      },
    });
  });

  test('an API key (Temporal Cloud) turns TLS on by itself; TEMPORAL_TLS=false turns it off', () => {
    const cloud = { TEMPORAL_ADDRESS: 'eu-west-1.aws.api.temporal.io:7233', TEMPORAL_NAMESPACE: 'pact.a1b2c' };
    expect(loadConfig({ ...cloud, TEMPORAL_API_KEY: 'key-0123' }).temporal).toMatchObject({
      address: cloud.TEMPORAL_ADDRESS,
      namespace: 'pact.a1b2c',
      connection: { apiKey: 'key-0123', tls: true },
    });
    expect(loadConfig({ ...cloud, TEMPORAL_TLS: 'true' }).temporal.connection).toEqual({ tls: {} });
    expect(loadConfig({ ...cloud, TEMPORAL_API_KEY: 'k', TEMPORAL_TLS: 'false' }).temporal.connection).toEqual({
      apiKey: 'k',
      tls: false,
    });
  });

  test('plain TEMPORAL_ADDRESS and TEMPORAL_NAMESPACE keep working, without TLS', () => {
    const { temporal } = loadConfig({ TEMPORAL_ADDRESS: 'temporal:7233', TEMPORAL_NAMESPACE: 'pact' });
    expect(temporal).toMatchObject({ address: 'temporal:7233', namespace: 'pact', connection: {} });
    expect(loadConfig({}).temporal).toMatchObject({ address: undefined, namespace: 'default', connection: {} });
  });

  test('a profile file is read only when TEMPORAL_CONFIG_FILE names it; the variables win over it', () => {
    const file = join(certificates.dir, 'temporal.toml');
    writeFileSync(
      file,
      `[profile.default]\naddress = "cluster.example:7233"\nnamespace = "pact"\n[profile.default.tls]\nserver_name = "${serverName}"\n`,
    );
    expect(loadConfig({ TEMPORAL_CONFIG_FILE: file }).temporal).toMatchObject({
      address: 'cluster.example:7233',
      namespace: 'pact',
      connection: { tls: { serverNameOverride: serverName } },
    });
    expect(loadConfig({ TEMPORAL_CONFIG_FILE: file, TEMPORAL_ADDRESS: 'other:7233' }).temporal.address).toBe(
      'other:7233',
    );
  });

  test('a certificate file that cannot be read stops the start with a message naming the setting', () => {
    expect(() => loadConfig({ ...tlsEnv, TEMPORAL_TLS_CLIENT_CERT_PATH: '/nonexistent/client.pem' })).toThrow(
      ConfigError,
    );
    expect(() => loadConfig({ ...tlsEnv, TEMPORAL_TLS_CLIENT_CERT_PATH: '/nonexistent/client.pem' })).toThrow(
      /TEMPORAL_\* connection settings.*nonexistent/,
    );
  });
});

describe('a journey over TLS with a client certificate', () => {
  let system: TestSystem;
  beforeAll(async () => {
    system = await startTestSystem(tlsEnv, { temporalAddress: frontend.address });
  });
  afterAll(() => system?.stop());

  test('the API starts the journey and the worker runs it through the TLS front', async () => {
    const actors = new Actors(system);
    const id = await actors.onboard('Versleuteld');
    const invitation = await actors.nextEmail(actors.addresses(id).coordinator);
    expect(invitation.subject).toContain('Versleuteld');
    const ready = await fetch(`${system.internalUrl}/readyz`);
    expect(await ready.json()).toEqual({ status: 'ready', checks: { database: 'ok', temporal: 'ok' } });
    expect(frontend.authorized).toBeGreaterThanOrEqual(2); // the API's client and the worker's
  });

  test('without the client certificate, or without TLS, the server cannot be reached', async () => {
    const attempts = [
      {
        address: frontend.address,
        tls: { serverNameOverride: serverName, serverRootCACertificate: readFileSync(certificates.caPath) },
      },
      { address: frontend.address },
    ];
    for (const options of attempts) {
      await expect(
        Connection.connect({ ...options, connectTimeout: 2_000 }).then((c) =>
          c.workflowService.getSystemInfo({}).finally(() => c.close()),
        ),
      ).rejects.toThrow();
    }
  });
});
