/** Addresses of the servers global setup started, handed to every test file through the environment. */
export interface SharedServers {
  temporalAddress: string;
  /** The Temporal UI server, for the API to serve (TEMPORAL_UI_UPSTREAM). */
  temporalUiUpstream: string;
  /** A database on the test Postgres server from which per-file databases are created. */
  adminDatabaseUrl: string;
  workflowBundlePath: string;
  /** The Mailpit binary each test file starts its own Mailpit from (tests/support/mail-inbox.ts). */
  mailpitBinary: string;
}

export function sharedServers(): SharedServers {
  const text = process.env.TEST_SHARED_SERVERS;
  if (!text)
    throw new Error('TEST_SHARED_SERVERS is not set: run the tests through jest (tests/support/global-setup.ts)');
  return JSON.parse(text) as SharedServers;
}

/** Lives in the jest parent process between global setup and teardown. */
export const shared: { stop?: () => Promise<void> } = ((
  globalThis as { __integratiepactTestServers?: { stop?: () => Promise<void> } }
).__integratiepactTestServers ??= {});
