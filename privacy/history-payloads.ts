import type { Payload } from '@temporalio/common';

/** A payload as it sits in a history event: metadata and data as bytes. */
export const isPayload = (value: unknown): value is Payload =>
  typeof value === 'object' &&
  value !== null &&
  (value as Payload).data instanceof Uint8Array &&
  typeof (value as Payload).metadata === 'object';

/**
 * Every payload in a history or one of its events (inputs, results, update arguments, markers, memo,
 * summaries, …), wherever it is nested: what the export decodes and the privacy tests inspect.
 */
export function payloadsIn(value: unknown, found: Payload[] = []): Payload[] {
  if (isPayload(value)) found.push(value);
  else if (Array.isArray(value)) for (const item of value) payloadsIn(item, found);
  else if (typeof value === 'object' && value !== null && !(value instanceof Uint8Array))
    for (const item of Object.values(value)) payloadsIn(item, found);
  return found;
}
