import type { Payload, PayloadCodec, SerializationContext } from '@temporalio/common';
import { temporal } from '@temporalio/proto';
import { open, seal } from './aes-gcm';
import { type DataKeys, keyOwnerOfWorkflow, UnknownDataKey } from './data-keys';

export const encryptedEncoding = 'binary/encrypted';
export const keyIdMetadata = 'encryption-key-id';

const utf8 = (text: string) => Buffer.from(text, 'utf8');
const text = (bytes: Uint8Array | null | undefined) => (bytes ? Buffer.from(bytes).toString('utf8') : undefined);

/** The key id an encrypted payload names; undefined for a payload this codec did not encrypt. */
export function keyIdOf(payload: Payload): string | undefined {
  if (text(payload.metadata?.encoding) !== encryptedEncoding) return undefined;
  const keyId = text(payload.metadata?.[keyIdMetadata]);
  if (!keyId) throw new UnknownDataKey(`an encrypted payload without ${keyIdMetadata}`);
  return keyId;
}

/**
 * Encrypts every payload Temporal stores with AES-256-GCM (docs/privacy.md), under the data key
 * of the partner whose workflow the payload belongs to: the SDK passes that workflow's id in the
 * serialization context (for an activity, the id of the workflow that scheduled it; for a child,
 * the child's). The whole payload, metadata included, is encrypted; the key id goes in the
 * metadata, and decoding reads it alone. Payloads written before the codec pass through decoding.
 */
export class PartnerPayloadCodec implements PayloadCodec {
  constructor(private readonly keys: DataKeys) {}

  async encode(payloads: Payload[], context?: SerializationContext): Promise<Payload[]> {
    if (payloads.length === 0) return payloads;
    const { id, key } = await this.keys.forEncoding(keyOwnerOfWorkflow(context?.workflowId));
    return payloads.map((payload) => ({
      metadata: { encoding: utf8(encryptedEncoding), [keyIdMetadata]: utf8(id) },
      data: seal(key, temporal.api.common.v1.Payload.encode(payload).finish(), id),
    }));
  }

  decode(payloads: Payload[]): Promise<Payload[]> {
    return Promise.all(payloads.map((payload) => this.decodeOne(payload)));
  }

  private async decodeOne(payload: Payload): Promise<Payload> {
    const keyId = keyIdOf(payload);
    if (keyId === undefined) return payload;
    const { key } = await this.keys.forDecoding(keyId);
    let plaintext: Buffer;
    try {
      plaintext = open(key, payload.data ?? new Uint8Array(), keyId);
    } catch {
      throw new UnknownDataKey(`payload under key ${keyId} does not decrypt: it was altered or not made with that key`);
    }
    const decoded = temporal.api.common.v1.Payload.decode(plaintext);
    return { metadata: decoded.metadata, data: decoded.data };
  }
}
