/**
 * Every kind of personal link, by the path prefix its token sits under (`/r/<token>`, `/m/<token>`).
 * The one registry: the routes, the links in emails and the log redaction (log-redaction.ts) read it,
 * so a new kind of link (a ballot, say) is redacted from the logs as soon as it exists.
 */
export const tokenPathPrefixes = {
  /** A request's page: an intent, a sign-off, a report (request-tokens.ts). */
  request: 'r',
  /** A meeting invitation's answer page (meeting-tokens.ts). */
  meeting: 'm',
  /** The confirmation of a join from the public form (/pact/join): random, single-use (join-tokens.ts). */
  join: 'j',
  /** A partner's link to give or withdraw consent to be listed publicly (consent-tokens.ts). */
  consent: 'c',
  /** A prioritisation ballot's ranking page (ballot-tokens.ts). */
  ballot: 'b',
} as const;

export type TokenLinkKind = keyof typeof tokenPathPrefixes;

/** The route of a kind of link, for Fastify (`/r/:token`). */
export const tokenRoute = (kind: TokenLinkKind) => `/${tokenPathPrefixes[kind]}/:token` as const;

/** The path of one link (`/r/<token>`), relative to the app's public URL. */
export const tokenPath = (kind: TokenLinkKind, token: string) => `/${tokenPathPrefixes[kind]}/${token}`;
