import { eventually } from '../support/eventually';
import { startTestSystem, type TestSystem } from '../support/test-system';
import { type WorkerProcess, workerProcess } from '../support/worker-process';

/**
 * The real worker process places the map's new nodes in the background (worker/map-layout.ts)
 * unless WORKER_MAP_LAYOUT=0, which a deployment with several workers sets on all but one so that
 * only that one carries the layout's memory peak (docs/benchmarks.md, P4).
 */
let system: TestSystem;
let worker: WorkerProcess | undefined;
beforeAll(async () => {
  system = await startTestSystem({}, { worker: false });
  await system.db
    .insertInto('partners')
    .values({
      id: 'kaart-zonder-plaats',
      name: 'Kaart Zonder Plaats',
      sector: 'civil_society',
      actor_type: 'civil_society',
      language: 'nl',
    })
    .execute();
}, 120_000);
afterAll(async () => {
  await worker?.stop();
  await system?.stop();
});

const placed = async () =>
  (await system.db.selectFrom('map_positions').select('node_id').execute()).map((r) => r.node_id);

test('a worker with WORKER_MAP_LAYOUT=0 says so and places nothing; one with the default places the new partner', async () => {
  worker = workerProcess({ ...system.env, WORKER_MAP_LAYOUT: '0' });
  await worker.start();
  // A worker with the layout on runs its first refresh as it starts: give it that moment, then look.
  await new Promise((resolve) => setTimeout(resolve, 3_000));
  expect(worker.recentOutput().join('\n')).toContain('map layout: off on this worker (WORKER_MAP_LAYOUT=0)');
  expect(await placed()).toEqual([]);
  await worker.stop();

  worker = workerProcess(system.env);
  await worker.start();
  // The positions are stored, then the worker logs the refresh: wait for both.
  await eventually(async () => {
    expect(await placed()).toContain('partner:kaart-zonder-plaats');
    expect(worker!.recentOutput().join('\n')).toMatch(/map layout: placed \d+ of \d+ nodes/);
  }, 30_000);
}, 120_000);
