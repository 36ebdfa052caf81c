/**
 * Retries an assertion until it passes or the time is up, then throws its last failure.
 * For effects that follow each other by milliseconds but not in a fixed order as seen from
 * outside (an email arrives; the activity records "request sent" right after).
 */
export async function eventually<T>(assertion: () => Promise<T> | T, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await assertion();
    } catch (failure) {
      if (Date.now() > deadline) throw failure;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
}
