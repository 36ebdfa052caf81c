/**
 * The staff session cookie; its value is a random token whose SHA-256 is the staff_sessions id.
 * On https it carries the `__Host-` prefix: browsers then accept it only with Secure, Path=/ and
 * no Domain, so a sibling subdomain cannot plant or overwrite it.
 */
export const sessionCookieName = (publicUrl: string): string =>
  publicUrl.startsWith('https:') ? '__Host-pact_session' : 'pact_session';

/** Reads one cookie from a `Cookie` header; the first occurrence wins (RFC 6265: most specific path first). */
export function readCookie(header: string | undefined, name: string): string | undefined {
  for (const part of (header ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq < 0 || part.slice(0, eq).trim() !== name) continue;
    const value = part
      .slice(eq + 1)
      .trim()
      .replace(/^"(.*)"$/, '$1');
    try {
      return decodeURIComponent(value);
    } catch {
      return value;
    }
  }
  return undefined;
}

/**
 * HttpOnly keeps it from scripts; SameSite=Lax keeps it off cross-site POSTs; Secure when the
 * public URL is https (a plain-http dev setup would otherwise never get it back).
 */
export function sessionCookie(token: string, options: { maxAgeMs: number; publicUrl: string }): string {
  const attributes = [
    `${sessionCookieName(options.publicUrl)}=${token}`,
    'Path=/',
    'HttpOnly',
    'SameSite=Lax',
    `Max-Age=${Math.floor(options.maxAgeMs / 1000)}`,
  ];
  if (options.publicUrl.startsWith('https:')) attributes.push('Secure');
  return attributes.join('; ');
}

export const clearedSessionCookie = (publicUrl: string): string => sessionCookie('', { maxAgeMs: 0, publicUrl });
