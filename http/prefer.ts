/**
 * The preferences of an RFC 7240 `Prefer` header that a long-running POST honours:
 * `respond-async` (answer 202 at once) and `wait=<seconds>` (answer within that many seconds).
 * Unknown or malformed preferences are ignored, as the RFC asks.
 */
export function preferences(header: string | string[] | undefined): { respondAsync: boolean; waitSeconds?: number } {
  const tokens = [header ?? []]
    .flat()
    .flatMap((value) => value.split(/[,;]/))
    .map((token) => token.trim().toLowerCase());
  const wait = tokens.map((token) => /^wait\s*=\s*"?(\d{1,6})"?$/.exec(token)?.[1]).find((value) => value);
  return { respondAsync: tokens.includes('respond-async'), ...(wait ? { waitSeconds: Number(wait) } : {}) };
}
