import type { Html } from './layout';

/**
 * A page's bytes with a large part that is already UTF-8 (a cached drawing) put in where `slot`
 * stands: only the page around it is encoded per request. Encoding a 1.3 MB map drawing again with
 * every page cost 8–9 ms, more than the rest of the page's read (docs/benchmarks.md).
 */
export function splicedPage(page: string, slot: Html, part: Buffer): Buffer {
  const at = page.indexOf(slot.value);
  if (at < 0) throw new Error('the page does not hold the slot for its cached part');
  return Buffer.concat([Buffer.from(page.slice(0, at)), part, Buffer.from(page.slice(at + slot.value.length))]);
}
