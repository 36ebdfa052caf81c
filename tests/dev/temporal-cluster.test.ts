/**
 * The production-style Temporal cluster (dev/temporal-cluster.ts): the server's four services as
 * separate processes on a Postgres of their own, with SQL visibility, the dynamic config and the
 * search attributes compose deploys. The system runs a journey step through it, an administrator's
 * search-attribute query works, a killed history service comes back; and start-up stops with one
 * line for each problem issue #27 names.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { journeyWorkflowId } from '../../domain/workflow-ids';
import { startTemporalCluster, type TemporalCluster, TemporalClusterFailed } from '../../dev/temporal-cluster';
import { dynamicConfigFile } from '../../dev/temporal-settings';
import { eventually } from '../support/eventually';
import { freePort } from '../support/free-port';
import { Actors, intentAnswer } from '../support/partner-actions';
import { sharedServers } from '../support/shared-servers';
import { startTestSystem, type TestSystem } from '../support/test-system';

// Four Go servers starting on two shared cores, and a history service waiting for its shards.
jest.setTimeout(300_000);

let workDir: string;
// Databases of this file's own on the test Postgres server.
const suffix = randomBytes(4).toString('hex');
const databases = { temporal: `temporal_${suffix}`, visibility: `temporal_visibility_${suffix}` };
const start = (options: Partial<Parameters<typeof startTemporalCluster>[0]> = {}) =>
  startTemporalCluster({
    dataDir: join(workDir, 'cluster'),
    postgresUrl: sharedServers().adminDatabaseUrl,
    databases,
    ...options,
  });

beforeAll(() => {
  workDir = mkdtempSync(join(tmpdir(), 'temporal-cluster-test-'));
});
afterAll(() => rmSync(workDir, { recursive: true, force: true }));

describe('a running cluster', () => {
  let cluster: TemporalCluster;
  let system: TestSystem;
  let actors: Actors;
  beforeAll(async () => {
    cluster = await start();
    system = await startTestSystem({}, { temporalAddress: cluster.address });
    actors = new Actors(system);
  });
  afterAll(async () => {
    await system?.stop();
    await cluster?.stop();
  });

  test('runs each service as its own process', () => {
    const pids = Object.values(cluster.services).map((service) => service.pid());
    expect(pids.every((pid) => typeof pid === 'number')).toBe(true);
    expect(new Set(pids).size).toBe(4);
  });

  test('carries a journey step, and an administrator finds the journey by its search attributes', async () => {
    const id = await actors.onboard('Buurthuis Shardveld');
    const who = actors.addresses(id);
    await actors.expectOk(actors.answer(who.coordinator, intentAnswer));
    await actors.expectOk(actors.answer(who.staff, { decision: 'approve' }, /Shardveld/));
    await actors.waitForStage(id, 'commitment');

    // What the README tells administrators to type in the UI, answered by SQL visibility.
    const found = await eventually(async () => {
      const ids: string[] = [];
      for await (const execution of system.temporal.workflow.list({
        query: `PartnerId = "${id}" AND JourneyStage = "commitment"`,
      }))
        ids.push(execution.workflowId);
      expect(ids).toEqual([journeyWorkflowId(id)]);
      return ids;
    }, 30_000);
    expect(found).toHaveLength(1);
  });

  test('a history service killed outright comes back, and journeys go on', async () => {
    const before = cluster.services.history.pid();
    cluster.services.history.kill('SIGKILL');
    await cluster.services.history.restart();
    expect(cluster.services.history.pid()).toEqual(expect.any(Number));
    expect(cluster.services.history.pid()).not.toBe(before);

    const id = await actors.onboard('Buurthuis Ringveld');
    await actors.expectOk(actors.answer(actors.addresses(id).coordinator, intentAnswer));
    await actors.nextEmail(actors.addresses(id).staff, /Ringveld/, 60_000);
  });
});

describe('start-up stops with one line naming the problem', () => {
  test('a dynamic-config key the server does not know', async () => {
    const file = join(workDir, 'dynamicconfig.yaml');
    writeFileSync(
      file,
      `${readFileSync(dynamicConfigFile, 'utf8')}matching.useNewMatchr:\n  - value: true\n    constraints: {}\n`,
    );
    const failure = await start({ dynamicConfigFile: file }).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(TemporalClusterFailed);
    expect((failure as Error).message).toMatch(/unregistered key "matching.useNewMatchr".*correct or remove it/);
    expect((failure as Error).message).not.toContain('\n');
  });

  test('a schema at another version than the server needs', async () => {
    // A database a newer server has upgraded.
    const url = new URL(sharedServers().adminDatabaseUrl);
    url.pathname = `/${databases.temporal}`;
    const temporalDb = new Client({ connectionString: url.toString() });
    await temporalDb.connect();
    try {
      await temporalDb.query(`UPDATE schema_version SET curr_version = '1.99'`);
      const failure = await start().catch((error: unknown) => error);
      expect(failure).toBeInstanceOf(TemporalClusterFailed);
      expect((failure as Error).message).toMatch(
        /database temporal_\w+ holds Temporal schema 1\.99, but Temporal server v1\.29\.1 needs 1\.18/,
      );
      expect((failure as Error).message).not.toContain('\n');
    } finally {
      await temporalDb.query(`UPDATE schema_version SET curr_version = '1.18'`);
      await temporalDb.end();
    }
  });

  test('a service that does not come up', async () => {
    // Something else holds the history service's port.
    const squatter: Server = createServer();
    const port = await freePort();
    await new Promise<void>((resolve) => squatter.listen(port, '127.0.0.1', resolve));
    try {
      const failure = await start({ ports: { history: port } }).catch((error: unknown) => error);
      expect(failure).toBeInstanceOf(TemporalClusterFailed);
      expect((failure as Error).message).toMatch(
        /^the Temporal history service did not come up: .*address already in use/,
      );
      expect((failure as Error).message).not.toContain('\n');
    } finally {
      squatter.close();
    }
  });
});
