import type { Db } from '../../db/connection';
import { cached } from '../../db/shared-cache';
import type { MapQuery } from './map-query';
import { mapCacheMaxAgeMs, mapDataVersion } from './map-version';

interface Drawn {
  version: string;
  /** When it was drawn (the drawing process's clock): its age counts from then, wherever it is kept. */
  drawnAt: number;
  drawing: string;
}

/** A drawing as this process keeps it: encoded once, sent as it is with every page that shows it. */
interface DrawnHere extends Omit<Drawn, 'drawing'> {
  bytes: Buffer;
}

/**
 * The drawings this process last used, per database (a bench or test process may serve two), most
 * recent last: reused without reading the (large) shared row again.
 */
const drawnHereFor = new WeakMap<Db, Map<string, DrawnHere>>();
/** A drawing at 10,000 partners is a few MB: a process keeps the few its staff look at, not every filter. */
const keptHere = 8;

/**
 * The staff map of now for one language and filter, drawn (SVG, relations table, clusters) at most once
 * per data version (features/map/map-version.ts) by all API processes together: a process that finds it
 * in the shared cache (db/shared-cache.ts) takes it from there, and keeps its own copy for the next
 * request while the version holds, as UTF-8 bytes (api/html/spliced-page.ts). A drawing is also redrawn
 * after `mapCacheMaxAgeMs`, for the changes the version does not see. Dated maps are not cached: every
 * date would be its own entry.
 */
export async function currentMapDrawing(
  db: Db,
  lang: string,
  query: Pick<MapQuery, 'sector' | 'actorType' | 'lever'>,
  draw: () => Promise<string>,
): Promise<Buffer> {
  const key = `map:staff:${lang}:${query.sector ?? ''}:${query.actorType ?? ''}:${query.lever ?? ''}`;
  const version = await mapDataVersion(db);
  const drawnHere = drawnHereFor.get(db) ?? new Map<string, DrawnHere>();
  drawnHereFor.set(db, drawnHere);
  const here = drawnHere.get(key);
  if (here && here.version === version && Date.now() - here.drawnAt < mapCacheMaxAgeMs) return here.bytes;
  const drawn = await cached(db, key, { version, maxAgeMs: mapCacheMaxAgeMs }, async () => ({
    version,
    drawnAt: Date.now(),
    drawing: await draw(),
  }));
  const bytes = Buffer.from(drawn.drawing);
  drawnHere.delete(key);
  drawnHere.set(key, { version: drawn.version, drawnAt: drawn.drawnAt, bytes });
  if (drawnHere.size > keptHere) drawnHere.delete(drawnHere.keys().next().value!);
  return bytes;
}
