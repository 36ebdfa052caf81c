import { readCookie, sessionCookie } from '../../auth/cookies';
import { hashPassword, needsRehash, verifyPassword } from '../../auth/passwords';
import { localPath } from '../../auth/routes';

/** The pieces of staff authentication that need no database. */

describe('password hashing', () => {
  it("stores scrypt at OWASP's cost (N=2^17, r=8, p=1), a 16-byte salt and a 32-byte hash, base64", async () => {
    const stored = await hashPassword('correct horse battery staple');
    const [scheme, n, r, p, salt, hash] = stored.split('$');
    expect([scheme, n, r, p]).toEqual(['scrypt', '131072', '8', '1']);
    expect(needsRehash(stored)).toBe(false);
    expect(needsRehash(stored.replace('$131072$', '$32768$'))).toBe(true);
    expect(Buffer.from(salt!, 'base64')).toHaveLength(16);
    expect(Buffer.from(hash!, 'base64')).toHaveLength(32);
  });

  it('verifies the right password and refuses a wrong one', async () => {
    const stored = await hashPassword('correct horse battery staple');
    await expect(verifyPassword('correct horse battery staple', stored)).resolves.toBe(true);
    await expect(verifyPassword('correct horse battery stapler', stored)).resolves.toBe(false);
    await expect(verifyPassword('', stored)).resolves.toBe(false);
  });

  it('salts every hash differently', async () => {
    expect(await hashPassword('the same password')).not.toBe(await hashPassword('the same password'));
  });

  it('treats a malformed or unaffordable hash as no match instead of throwing', async () => {
    await expect(verifyPassword('x', 'bcrypt$whatever')).resolves.toBe(false);
    await expect(
      verifyPassword('x', 'scrypt$1000$8$1$AAAA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA='),
    ).resolves.toBe(false); // N not a power of two
    await expect(
      verifyPassword('x', `scrypt$${2 ** 21}$8$1$AAAA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=`),
    ).resolves.toBe(false); // beyond maxmem
  });
});

describe('the session cookie', () => {
  it('is read from a Cookie header among others', () => {
    expect(readCookie('a=1; pact_session=abc-_123; b="2"', 'pact_session')).toBe('abc-_123');
    expect(readCookie('b="2"', 'b')).toBe('2');
    expect(readCookie('xpact_session=1', 'pact_session')).toBeUndefined();
    expect(readCookie(undefined, 'pact_session')).toBeUndefined();
  });

  it('is HttpOnly, SameSite=Lax on Path=/, and Secure with the __Host- prefix only for an https public URL', () => {
    const plain = sessionCookie('t', { maxAgeMs: 3_600_000, publicUrl: 'http://localhost:3000' });
    expect(plain).toBe('pact_session=t; Path=/; HttpOnly; SameSite=Lax; Max-Age=3600');
    expect(sessionCookie('t', { maxAgeMs: 1000, publicUrl: 'https://pact.example' })).toBe(
      '__Host-pact_session=t; Path=/; HttpOnly; SameSite=Lax; Max-Age=1; Secure',
    );
  });
});

describe('where a sign-in form may send the browser next', () => {
  it.each(['/', '/partners?stage=intent', '/r/abc#top'])('allows the local path %s', (next) =>
    expect(localPath(next)).toBe(next),
  );
  it.each(['https://evil.example/', '//evil.example', '/\\evil.example', '/\t/evil.example', 'partners', '', 42])(
    'refuses %p',
    (next) => expect(localPath(next)).toBeUndefined(),
  );
});
