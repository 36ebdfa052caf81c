/**
 * True only for `application/json`, optionally with a charset: the media type is compared whole,
 * so a form sent as `application/x-www-form-urlencoded; x=application/json` is still a form (and
 * still needs its CSRF token, api/link-pages/request-routes.ts).
 */
export function isJsonMediaType(contentType: string | undefined): boolean {
  const [type, ...parameters] = (contentType ?? '').split(';').map((part) => part.trim().toLowerCase());
  return type === 'application/json' && parameters.every((p) => /^charset="?utf-8"?$/.test(p));
}
