import type { Payload } from '@temporalio/common';
import { ApiError } from '../../http/api-error';

/**
 * The JSON the Temporal UI and CLI send to a remote codec: `{payloads: [{metadata: {name: base64},
 * data: base64}]}`, answered in the same shape.
 */
export interface RemotePayload {
  metadata: Record<string, string>;
  data: string;
}

const base64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;
export const maxPayloads = 10_000;

const malformed = (message: string, details?: unknown) =>
  new ApiError(
    400,
    'invalid_codec_request',
    `${message}; send {"payloads": [{"metadata": {"encoding": "<base64>"}, "data": "<base64>"}]}`,
    details,
  );

/** Reads the request body, or says precisely which part is malformed (400, nothing decoded). */
export function readRemotePayloads(body: unknown): Payload[] {
  if (!body || typeof body !== 'object' || Array.isArray(body)) throw malformed('The body is not a JSON object');
  const { payloads } = body as { payloads?: unknown };
  if (!Array.isArray(payloads)) throw malformed('"payloads" must be an array');
  if (payloads.length > maxPayloads) throw malformed(`At most ${maxPayloads} payloads at once`);
  return payloads.map((payload: unknown, index) => {
    const field = `payloads[${index}]`;
    if (!payload || typeof payload !== 'object' || Array.isArray(payload))
      throw malformed(`${field} is not an object`, { field });
    const { metadata = {}, data = '' } = payload as { metadata?: unknown; data?: unknown };
    if (!metadata || typeof metadata !== 'object' || Array.isArray(metadata))
      throw malformed(`${field}.metadata must be an object of base64 strings`, { field: `${field}.metadata` });
    const decoded: Record<string, Uint8Array> = {};
    for (const [name, value] of Object.entries(metadata)) {
      if (typeof value !== 'string' || !base64.test(value))
        throw malformed(`${field}.metadata.${name} is not base64`, { field: `${field}.metadata.${name}` });
      decoded[name] = Buffer.from(value, 'base64');
    }
    if (typeof data !== 'string' || !base64.test(data))
      throw malformed(`${field}.data is not base64`, { field: `${field}.data` });
    return { metadata: decoded, data: Buffer.from(data, 'base64') };
  });
}

export function toRemotePayloads(payloads: Payload[]): { payloads: RemotePayload[] } {
  return {
    payloads: payloads.map((payload) => ({
      metadata: Object.fromEntries(
        Object.entries(payload.metadata ?? {}).map(([name, value]) => [name, Buffer.from(value).toString('base64')]),
      ),
      data: Buffer.from(payload.data ?? new Uint8Array()).toString('base64'),
    })),
  };
}
