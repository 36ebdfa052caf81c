import { extname, join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { Db } from '../db/connection';
import { type NodePlacer, type Position, refreshMapLayout } from '../db/map/layout';

/** How often the worker places what is new on the pact's map. */
export const mapLayoutIntervalMs = 30_000;

/**
 * ForceAtlas2 over the whole pact takes seconds at 10,000 partners and minutes at 100,000: run in
 * the worker's main thread it would hold up every workflow task and activity meanwhile. So each
 * refresh computes in a thread of its own (worker/map-layout-thread.ts), which ends with it.
 */
export const placeInThread: NodePlacer = (history, placed) => {
  const file = join(__dirname, `map-layout-thread${extname(__filename)}`);
  // Under tsx (npm run worker) or ts-jest the thread loads TypeScript through tsx's require hook; the build runs JavaScript.
  const load = `${file.endsWith('.ts') ? "require('tsx/cjs');" : ''} require(${JSON.stringify(file)});`;
  const thread = new Worker(load, { eval: true, workerData: { history, placed: [...placed] } });
  return new Promise((resolve, reject) => {
    thread.once('message', (entries: [string, Position][]) => resolve(new Map(entries)));
    thread.once('error', reject);
    thread.once('exit', (code) => reject(new Error(`the map layout's thread stopped (exit code ${code})`)));
  });
};

/**
 * The map's layout, computed in the background (never in a request): at start and then every
 * `intervalMs`, the worker places the nodes that have no position yet (db/map/layout.ts). Several
 * workers may run it; one at a time does the work. Returns the function that stops it.
 */
export function startMapLayout(db: Db, intervalMs = mapLayoutIntervalMs): () => Promise<void> {
  let running: Promise<unknown> = Promise.resolve();
  let busy = false;
  const refresh = () => {
    if (busy) return; // the last one is still placing: the next tick picks up what is new
    busy = true;
    running = refreshMapLayout(db, placeInThread)
      .then((result) => {
        if (result.placed > 0) console.log(`map layout: placed ${result.placed} of ${result.total} nodes`);
      })
      .catch((error: Error) => console.error(`map layout failed (retried in ${intervalMs} ms): ${error.message}`))
      .finally(() => {
        busy = false;
      });
  };
  refresh();
  const timer = setInterval(refresh, intervalMs);
  timer.unref();
  return async () => {
    clearInterval(timer);
    await running;
  };
}
