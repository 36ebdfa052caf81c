import { ApiError } from '../http/api-error';

/** Password hashes computed at once: each scrypt takes 128 MiB, so a burst of sign-ins cannot exhaust memory. */
export const passwordChecksAtOnce = 2;
/** Sign-ins that may wait for a slot; beyond them a sign-in is refused at once (503) rather than queued without end. */
export const passwordChecksWaiting = 8;

let running = 0;
const waiting: Array<() => void> = [];

/**
 * Runs `work` (one scrypt) when one of the few slots is free. The 503 says when to try again: a
 * check takes well under a second, so the queue drains in seconds.
 */
export async function inPasswordCheckSlot<T>(work: () => Promise<T>): Promise<T> {
  if (running >= passwordChecksAtOnce) {
    if (waiting.length >= passwordChecksWaiting)
      throw new ApiError(
        503,
        'password_checks_busy',
        'Too many sign-ins are being checked at this moment; try again in a few seconds.',
        undefined,
        { 'retry-after': '5' },
      );
    await new Promise<void>((resolve) => waiting.push(resolve));
  } else running += 1;
  try {
    return await work();
  } finally {
    // The slot passes straight to the next in line, or is freed.
    const next = waiting.shift();
    if (next) next();
    else running -= 1;
  }
}
