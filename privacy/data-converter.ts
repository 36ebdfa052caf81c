import type { DataConverter } from '@temporalio/common';
import type { DataKeys } from './data-keys';
import { PartnerPayloadCodec } from './payload-codec';

/** The failure converter's module: workflow bundles built ahead of the worker (tests) need it too. */
export const failureConverterPath = require.resolve('./failure-converter');

/** The data converter of every Client and Worker the project makes: payloads and failures encrypted. */
export function encryptingDataConverter(keys: DataKeys): DataConverter {
  return {
    payloadCodecs: [new PartnerPayloadCodec(keys)],
    failureConverterPath,
  };
}
