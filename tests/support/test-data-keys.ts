import { randomBytes } from 'node:crypto';
import {
  type DataKey,
  type DataKeys,
  dataKeyId,
  parseKeyId,
  PartnerErased,
  UnknownDataKey,
} from '../../privacy/data-keys';

/** Data keys as JSON (`{ "<key id>": "<base64 key>" }`): test-only keys, kept beside captured histories. */
export type DataKeysJson = Record<string, string>;

/**
 * Data keys held in memory, made on first use like the Postgres store's: for unit tests and for
 * replaying stored histories with the keys saved beside them. `erase` forgets an owner's keys.
 */
export function memoryDataKeys(json: DataKeysJson = {}) {
  const keys = new Map(Object.entries(json).map(([id, key]) => [id, Buffer.from(key, 'base64')]));
  const erased = new Set<string>();
  const store: DataKeys & { erase(owner: string): void; toJSON(): DataKeysJson } = {
    async forEncoding(owner) {
      if (erased.has(owner)) throw new PartnerErased(owner);
      const id = dataKeyId(owner, 1);
      if (!keys.has(id)) keys.set(id, randomBytes(32));
      return { id, key: keys.get(id)! };
    },
    async forDecoding(keyId): Promise<DataKey> {
      const { owner } = parseKeyId(keyId);
      if (erased.has(owner)) throw new PartnerErased(owner);
      const key = keys.get(keyId);
      if (!key) throw new UnknownDataKey(`no data key ${keyId} exists`);
      return { id: keyId, key };
    },
    erase(owner) {
      erased.add(owner);
    },
    toJSON: () => Object.fromEntries([...keys].map(([id, key]) => [id, key.toString('base64')])),
  };
  return store;
}
