import type { Kysely } from 'kysely';
import type { Database } from '../db/schema';
import { seal } from './aes-gcm';
import { MasterKeyMismatch, unwrapDataKey } from './data-keys';

export interface RewrapResult {
  rewrapped: number;
  /** Keys already wrapped by the new master key: a second run after a first that succeeded. */
  alreadyNew: number;
}

/**
 * Changes the master key (docs/privacy.md, "Changing the master key"): every stored data key is
 * opened with the current master key and wrapped again by the new one, in one transaction, so a
 * crash leaves all keys under the old master key or all under the new. The data keys themselves,
 * and so every payload in Temporal, stay as they are.
 */
function opened(masterKey: Buffer, keyId: string, wrapped: Buffer): Buffer | undefined {
  try {
    return unwrapDataKey(masterKey, keyId, wrapped);
  } catch (error) {
    if (error instanceof MasterKeyMismatch) return undefined;
    throw error;
  }
}

export async function rewrapDataKeys(db: Kysely<Database>, current: Buffer, next: Buffer): Promise<RewrapResult> {
  return db.transaction().execute(async (trx) => {
    const rows = await trx
      .selectFrom('data_keys')
      .select(['id', 'wrapped_key'])
      .where('wrapped_key', 'is not', null)
      .orderBy('id')
      .forUpdate()
      .execute();
    const result: RewrapResult = { rewrapped: 0, alreadyNew: 0 };
    for (const { id, wrapped_key: wrapped } of rows) {
      const key = opened(current, id, wrapped!);
      if (!key) {
        if (!opened(next, id, wrapped!))
          throw new MasterKeyMismatch(
            `Neither the current nor the new master key opens data key ${id}; nothing was changed.`,
          );
        result.alreadyNew += 1;
        continue;
      }
      await trx
        .updateTable('data_keys')
        .set({ wrapped_key: seal(next, key, id) })
        .where('id', '=', id)
        .execute();
      result.rewrapped += 1;
    }
    return result;
  });
}
