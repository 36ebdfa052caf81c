import { sql } from 'kysely';
import type { Db } from './connection';

export interface CacheEntryRule {
  /** What the value is computed from, e.g. the time of the last change it reflects; another version recomputes. */
  version: string;
  /** Recompute after this long even when the version is the same (for values that also depend on the clock). */
  maxAgeMs?: number;
}

/**
 * A value that is expensive to compute and the same for every API process (a public page's figures, a
 * map's layout), kept in Postgres so that each process finds what another computed, and a restart
 * finds it too. Two processes that miss at once both compute; the last one written stays, which is
 * harmless because both computed the same version.
 */
export async function cached<T>(db: Db, key: string, rule: CacheEntryRule, compute: () => Promise<T>): Promise<T> {
  const found = await db
    .selectFrom('shared_cache')
    .select(['version', 'value', sql<number>`extract(epoch from now() - computed_at) * 1000`.as('ageMs')])
    .where('key', '=', key)
    .executeTakeFirst();
  if (found && found.version === rule.version && (rule.maxAgeMs === undefined || found.ageMs < rule.maxAgeMs))
    return found.value as T;
  const value = await compute();
  await db
    .insertInto('shared_cache')
    .values({ key, version: rule.version, value: JSON.stringify(value) })
    .onConflict((oc) =>
      oc.column('key').doUpdateSet({ version: rule.version, value: JSON.stringify(value), computed_at: sql`now()` }),
    )
    .execute();
  return value;
}

/** Drops the entries whose key starts with `prefix`, e.g. when what they show was withdrawn. */
export async function forgetCached(db: Db, prefix: string): Promise<void> {
  await db
    .deleteFrom('shared_cache')
    .where('key', 'like', `${prefix.replace(/[\\%_]/g, '\\$&')}%`)
    .execute();
}
