import { open, seal } from './aes-gcm';
import { globalKeyOwner, type DataKeys } from './data-keys';

/**
 * Seals data kept at rest for a while under an owner's current data key (the global one by
 * default) and opens it again with the key it names: for a queued email, which holds link tokens
 * until it is sent (mail/email-dispatcher.ts). The key id is bound with `context`, so sealed
 * bytes moved to another row or named with another key fail to open.
 */
export function dataKeySealer(dataKeys: DataKeys, owner = globalKeyOwner) {
  return {
    async seal(plaintext: Buffer, context: string): Promise<{ keyId: string; sealed: Buffer }> {
      const key = await dataKeys.forEncoding(owner);
      return { keyId: key.id, sealed: seal(key.key, plaintext, `${key.id}/${context}`) };
    },
    async open(keyId: string, sealed: Buffer, context: string): Promise<Buffer> {
      const key = await dataKeys.forDecoding(keyId);
      return open(key.key, sealed, `${key.id}/${context}`);
    },
  };
}
