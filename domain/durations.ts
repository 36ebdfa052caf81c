/**
 * Policy durations such as `7d`, `12h`, `2s` or `500ms`, and calendar periods such as `3mo`.
 */

const day = 86_400_000;
// Months and years are calendar approximations (30 and 365 days): policy durations, not dates.
const unitMs = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: day, w: 7 * day, mo: 30 * day, y: 365 * day } as const;
const pattern = /^(\d+(?:\.\d+)?)(ms|mo|[smhdwy])$/;

/** Milliseconds for a duration like `7d`, or null when the text is not one. */
export function parseDuration(text: string): number | null {
  const match = pattern.exec(text.trim());
  if (!match) return null;
  const ms = Number(match[1]) * unitMs[match[2] as keyof typeof unitMs];
  return ms > 0 ? Math.round(ms) : null;
}

export const durationHint = 'a number followed by ms, s, m, h, d, w, mo or y, like 7d or 2s';
