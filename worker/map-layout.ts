import type { Db } from '../db/connection';
import { refreshMapLayout } from '../db/map/layout';

/** How often the worker places what is new on the pact's map. */
export const mapLayoutIntervalMs = 30_000;

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
    running = refreshMapLayout(db)
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
