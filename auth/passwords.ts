import { randomBytes, scrypt, type ScryptOptions, timingSafeEqual } from 'node:crypto';
import { ApiError } from '../http/api-error';
import { inPasswordCheckSlot } from './password-check-slots';

// scrypt is memory-hard (128·N·r bytes = 128 MiB per hash), so guessing on GPUs is costly; the
// cost OWASP's Password Storage Cheat Sheet advises (N=2^17, r=8, p=1).
const params = { N: 2 ** 17, r: 8, p: 1 };
const maxmem = 256 * 1024 * 1024;
const keyLength = 32;

export const minPasswordLength = 12;

function derive(password: string, salt: Buffer, options: ScryptOptions, length: number): Promise<Buffer> {
  return inPasswordCheckSlot(
    () =>
      new Promise((resolve, reject) =>
        scrypt(password.normalize('NFC'), salt, length, options, (error, key) =>
          error ? reject(error) : resolve(key),
        ),
      ),
  );
}

/** `scrypt$N$r$p$salt$hash`, salt and hash base64; the parameters travel with the hash so they can be raised later. */
export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const key = await derive(password, salt, { ...params, maxmem }, keyLength);
  return ['scrypt', params.N, params.r, params.p, salt.toString('base64'), key.toString('base64')].join('$');
}

/** True when `password` matches `stored`; a malformed or unsupported hash is simply no match. */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [scheme, n, r, p, saltText, hashText, ...rest] = stored.split('$');
  if (scheme !== 'scrypt' || rest.length > 0 || !saltText || !hashText) return false;
  const [N, R, P] = [Number(n), Number(r), Number(p)];
  if (![N, R, P].every((x) => Number.isInteger(x) && x > 0)) return false;
  const expected = Buffer.from(hashText, 'base64');
  if (expected.length < 16) return false;
  try {
    const actual = await derive(password, Buffer.from(saltText, 'base64'), { N, r: R, p: P, maxmem }, expected.length);
    return timingSafeEqual(actual, expected);
  } catch (error) {
    if (error instanceof ApiError) throw error; // every slot taken: the caller answers 503
    return false; // parameters beyond maxmem, or not a power of two
  }
}

/** True when `stored` was made with other (older, cheaper) parameters: hash the password again at sign-in. */
export function needsRehash(stored: string): boolean {
  const [scheme, n, r, p] = stored.split('$');
  return scheme !== 'scrypt' || Number(n) !== params.N || Number(r) !== params.r || Number(p) !== params.p;
}

/** Same parameters as a real hash, so checking a login for an unknown email costs the same time. */
export const dummyHash = [
  'scrypt',
  params.N,
  params.r,
  params.p,
  Buffer.alloc(16).toString('base64'),
  Buffer.alloc(keyLength).toString('base64'),
].join('$');
