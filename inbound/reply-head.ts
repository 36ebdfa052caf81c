/**
 * The part of a reply's text that is read for a decision: its first lines. The decision sits on the
 * first own line and its comment below it, so a longer text is never scanned (issue 22: a 5 MiB body
 * must cost no more than a short one). A bottom-posted answer below a quote longer than this is read
 * as unclear, and its sender is asked again.
 */
export const REPLY_HEAD_CHARS = 16_384;
export const REPLY_HEAD_LINES = 200;

export function replyHead(text: string): string[] {
  return text.slice(0, REPLY_HEAD_CHARS).split(/\r?\n/, REPLY_HEAD_LINES);
}
