import { randomBytes } from 'node:crypto';
import { type Kysely, sql } from 'kysely';
import { type Config, ConfigError, masterKeyHint } from '../config/config';
import type { Database } from '../db/schema';
import { partnerIdOfWorkflow } from '../domain/workflow-ids';
import { open, seal } from './aes-gcm';

/**
 * Whose data key encrypts a workflow's payloads: its partner's, read from the workflow id, or the
 * global key for workflows about several partners or none (projects, schedules, old request ids).
 * '_global' cannot be a partner id: partner ids are slugs of [a-z0-9-].
 */
export const globalKeyOwner = '_global';
const ownerPattern = /^(?:_global|[a-z0-9]+(?:-[a-z0-9]+)*)$/;
const keyIdPattern = /^(_global|[a-z0-9]+(?:-[a-z0-9]+)*)\.([1-9][0-9]{0,8})$/;

export function keyOwnerOfWorkflow(workflowId: string | undefined): string {
  const partnerId = workflowId === undefined ? undefined : partnerIdOfWorkflow(workflowId);
  return partnerId !== undefined && ownerPattern.test(partnerId) ? partnerId : globalKeyOwner;
}

export const dataKeyId = (owner: string, version: number) => `${owner}.${version}`;

export interface DataKey {
  id: string;
  key: Buffer;
}

/** Where the payload codec gets its keys: Postgres in the system, a JSON file for stored fixtures. */
export interface DataKeys {
  /** The owner's current key, made on first use. Throws PartnerErased for an erased partner. */
  forEncoding(owner: string): Promise<DataKey>;
  /** The key a payload names. Throws UnknownDataKey (malformed or never made) or PartnerErased. */
  forDecoding(keyId: string): Promise<DataKey>;
}

/** A key id that is malformed or names no key: the payload was not encrypted by this system. */
export class UnknownDataKey extends Error {
  override name = 'UnknownDataKey';
}

/** The partner's personal data was erased with its key (docs/privacy.md): nothing of it can be read or written. */
export class PartnerErased extends Error {
  override name = 'PartnerErased';
  constructor(readonly owner: string) {
    super(`the personal data of partner ${owner} was erased: its data key is deleted`);
  }
}

/** PACT_MASTER_KEY does not open the stored keys: a different master key than the database was made with. */
export class MasterKeyMismatch extends Error {
  override name = 'MasterKeyMismatch';
}

/** A stored data key opened with the master key it was wrapped by; MasterKeyMismatch with any other. */
export function unwrapDataKey(masterKey: Buffer, keyId: string, wrapped: Uint8Array): Buffer {
  try {
    return open(masterKey, wrapped, keyId);
  } catch {
    throw new MasterKeyMismatch(
      `PACT_MASTER_KEY does not open data key ${keyId}: it is not the master key this database's keys were made with (docs/privacy.md, "Lost master key")`,
    );
  }
}

export function parseKeyId(keyId: string): { owner: string; version: number } {
  const match = keyIdPattern.exec(keyId);
  if (!match) throw new UnknownDataKey(`"${keyId.slice(0, 80)}" is not a data key id (<partner id>.<version>)`);
  return { owner: match[1]!, version: Number(match[2]) };
}

/** What `postgresDataKeys` keeps read keys in (a Map, or one that also indexes them). */
interface Cache<V> {
  has(name: string): boolean;
  get(name: string): V | undefined;
  set(name: string, value: V): void;
}

export interface PostgresDataKeys extends DataKeys {
  /**
   * A new version of the owner's key, for new payloads; older versions stay readable. Other
   * processes take it up within `freshMs` (their next look for changes).
   */
  rotate(owner: string): Promise<DataKey>;
  /** Deletes every key of the owner (and makes sure none is made later); idempotent. */
  erase(owner: string): Promise<void>;
  /** Throws MasterKeyMismatch when the master key does not open a stored key: call at start-up. */
  checkMasterKey(): Promise<void>;
}

/**
 * Data keys in Postgres (db/migrations/006_data_keys.ts), wrapped by the master key. A key, once
 * read, stays in memory; at most every `freshMs` one query asks which owners' keys changed since
 * (made, rotated or erased) and forgets those, so an erasure or a rotation reaches every process
 * within that time while a partner's answer months later costs no read (docs/benchmarks.md,
 * "Payload codec"). While Postgres is away the keys read before keep serving, so running workflows
 * go on through a short outage (tests/faults/outages.test.ts).
 */
export function postgresDataKeys(
  db: Kysely<Database>,
  masterKey: Buffer,
  {
    freshMs = 60_000,
    makeKey = () => randomBytes(32),
  }: {
    freshMs?: number;
    /** How a new key is made: random, except for captured test histories (tests/support/history-fixtures.ts). */
    makeKey?: (keyId: string) => Buffer;
  } = {},
): PostgresDataKeys {
  const byId = new Map<string, DataKey | PartnerErased>();
  // Each owner's key ids in `byId`: forgetting an owner (a look for changes forgets every owner whose
  // key was made since the last one) must not scan every key the process holds.
  const idsByOwner = new Map<string, Set<string>>();
  const keysById: Cache<DataKey | PartnerErased> = {
    has: (keyId) => byId.has(keyId),
    get: (keyId) => byId.get(keyId),
    set(keyId, value) {
      byId.set(keyId, value);
      const { owner } = parseKeyId(keyId);
      const ids = idsByOwner.get(owner) ?? new Set<string>();
      idsByOwner.set(owner, ids.add(keyId));
    },
  };
  const currentByOwner = new Map<string, string | PartnerErased>();
  // One database read per key at a time, however many payloads wait for it.
  const loadingById = new Map<string, Promise<DataKey | PartnerErased>>();
  const loadingByOwner = new Map<string, Promise<string | PartnerErased>>();

  const forget = (owner: string) => {
    currentByOwner.delete(owner);
    for (const keyId of idsByOwner.get(owner) ?? []) byId.delete(keyId);
    idsByOwner.delete(owner);
  };

  // Changes are looked for from a little before the previous look (the database's clock), so a key
  // made in a transaction that committed after that look is not missed.
  let changesSince: Date | undefined;
  let lookedAt = Number.NEGATIVE_INFINITY;
  let looking: Promise<void> | undefined;
  const lookForChanges = async () => {
    const { rows } = await sql<{ now: Date }>`select now() as now`.execute(db);
    const now = rows[0]!.now;
    if (!changesSince) {
      // The first look: anything read before it (while Postgres was away) may be out of date.
      byId.clear();
      idsByOwner.clear();
      currentByOwner.clear();
    } else {
      const changed = await db
        .selectFrom('data_keys')
        .select('owner')
        .distinct()
        .where((eb) => eb.or([eb('created_at', '>', changesSince!), eb('erased_at', '>', changesSince!)]))
        .execute();
      for (const { owner } of changed) forget(owner);
    }
    changesSince = new Date(now.getTime() - Math.max(freshMs, 5_000));
  };
  /** Forgets changed keys when the last look is older than `freshMs`; keeps serving when Postgres is away. */
  const refresh = async () => {
    if (Date.now() - lookedAt < freshMs) return;
    // A failed look waits for the next window too; the one after it covers the gap.
    looking ??= lookForChanges().finally(() => {
      lookedAt = Date.now();
      looking = undefined;
    });
    await looking.catch(() => undefined);
  };
  const settle = <T>(value: T | PartnerErased): T => {
    if (value instanceof PartnerErased) throw value;
    return value;
  };
  const cachedRead = async <T>(
    cache: Cache<T | PartnerErased>,
    loading: Map<string, Promise<T | PartnerErased>>,
    name: string,
    read: () => Promise<T | PartnerErased>,
  ): Promise<T> => {
    if (cache.has(name)) return settle(cache.get(name)!);
    let pending = loading.get(name);
    if (!pending) {
      pending = read()
        .then((value) => {
          cache.set(name, value);
          return value;
        })
        .finally(() => loading.delete(name));
      loading.set(name, pending);
    }
    return settle(await pending);
  };

  const unwrap = (id: string, wrapped: Buffer): DataKey => ({ id, key: unwrapDataKey(masterKey, id, wrapped) });

  const readKey = async (keyId: string): Promise<DataKey | PartnerErased> => {
    const { owner } = parseKeyId(keyId);
    const row = await db.selectFrom('data_keys').select(['wrapped_key']).where('id', '=', keyId).executeTakeFirst();
    if (!row) throw new UnknownDataKey(`no data key ${keyId} exists`);
    return row.wrapped_key ? unwrap(keyId, row.wrapped_key) : new PartnerErased(owner);
  };
  const latest = (owner: string) =>
    db
      .selectFrom('data_keys')
      .select(['id', 'wrapped_key'])
      .where('owner', '=', owner)
      .orderBy('version', 'desc')
      .limit(1)
      .executeTakeFirst();
  const readCurrent = async (owner: string): Promise<string | PartnerErased> => {
    let row = await latest(owner);
    if (!row) {
      const id = dataKeyId(owner, 1);
      const key = makeKey(id);
      const made = await db
        .insertInto('data_keys')
        .values({ id, owner, version: 1, wrapped_key: seal(masterKey, key, id) })
        .onConflict((c) => c.doNothing())
        .returning('id')
        .executeTakeFirst();
      // Made here: this process holds the key, so neither reading it back nor unwrapping it is needed
      // (onboarding made four queries per new partner for its key, now two).
      if (made) {
        keysById.set(id, { id, key });
        return id;
      }
      row = await latest(owner); // another process made it first
    }
    if (!row) throw new Error(`data key of ${owner} was not stored`);
    return row.wrapped_key ? row.id : new PartnerErased(owner);
  };

  const decodingKey = (keyId: string) => cachedRead(keysById, loadingById, keyId, () => readKey(keyId));
  return {
    async forDecoding(keyId) {
      await refresh();
      return decodingKey(keyId);
    },
    async forEncoding(owner) {
      if (!ownerPattern.test(owner)) throw new UnknownDataKey(`"${owner}" is not a partner id`);
      await refresh();
      return decodingKey(await cachedRead(currentByOwner, loadingByOwner, owner, () => readCurrent(owner)));
    },
    async rotate(owner) {
      if (!ownerPattern.test(owner)) throw new UnknownDataKey(`"${owner}" is not a partner id`);
      const current = await latest(owner);
      if (current && !current.wrapped_key) throw new PartnerErased(owner);
      const version = current ? parseKeyId(current.id).version + 1 : 1;
      const id = dataKeyId(owner, version);
      await db
        .insertInto('data_keys')
        .values({ id, owner, version, wrapped_key: seal(masterKey, makeKey(id), id) })
        .execute();
      currentByOwner.delete(owner);
      return decodingKey(id);
    },
    async erase(owner) {
      // The database's clock, as every process's look for changes compares with it (lookForChanges).
      const id = dataKeyId(owner, 1);
      await db.transaction().execute(async (trx) => {
        // A tombstone when the partner never had a key, so none is made for it later.
        await trx
          .insertInto('data_keys')
          .values({ id, owner, version: 1, wrapped_key: null, erased_at: sql<Date>`now()` })
          .onConflict((c) => c.doNothing())
          .execute();
        await trx
          .updateTable('data_keys')
          .set((eb) => ({ wrapped_key: null, erased_at: eb.fn.coalesce('erased_at', sql<Date>`now()`) }))
          .where('owner', '=', owner)
          .execute();
      });
      forget(owner);
    },
    async checkMasterKey() {
      const row = await db
        .selectFrom('data_keys')
        .select(['id', 'wrapped_key'])
        .where('wrapped_key', 'is not', null)
        .limit(1)
        .executeTakeFirst();
      if (row?.wrapped_key) unwrap(row.id, row.wrapped_key);
    },
  };
}

/** PACT_MASTER_KEY, or the one line that says what to set: the API and the worker cannot start without it. */
export function requireMasterKey(config: Pick<Config, 'masterKey'>): Buffer {
  if (config.masterKey) return config.masterKey;
  throw new ConfigError(
    `PACT_MASTER_KEY is not set: it encrypts personal data in Temporal's histories; ${masterKeyHint} (npm start sets it for you)`,
  );
}

/** The process's data keys, once the master key is known to open the stored ones. */
export async function openDataKeys(db: Kysely<Database>, masterKey: Buffer): Promise<PostgresDataKeys> {
  const keys = postgresDataKeys(db, masterKey);
  try {
    await keys.checkMasterKey();
  } catch (error) {
    throw error instanceof MasterKeyMismatch ? new ConfigError(error.message) : error;
  }
  return keys;
}
