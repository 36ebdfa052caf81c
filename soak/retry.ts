/** What the soak's clients share: a person retries what got no definite answer, up to a generous deadline. */
export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Generous: a restart of Temporal or Postgres on two busy cores takes a while. */
export const patienceMs = 10 * 60_000;

/** Counts of what the soak's clients did, and how often they had to try again. */
export class LoadCounters {
  readonly done = new Map<string, number>();
  readonly retried = new Map<string, number>();

  count(what: string): void {
    this.done.set(what, (this.done.get(what) ?? 0) + 1);
  }

  retry(what: string): void {
    this.retried.set(what, (this.retried.get(what) ?? 0) + 1);
  }
}

/**
 * Sends a request until it has a definite answer: a 5xx or a dropped connection (an API, Temporal
 * or Postgres down) is tried again a second later, as a person or a script would.
 */
export async function untilAnswered(
  what: string,
  counters: LoadCounters,
  send: () => Promise<Response>,
  deadlineMs = patienceMs,
): Promise<Response> {
  const deadline = Date.now() + deadlineMs;
  for (;;) {
    let failure: string;
    try {
      const response = await send();
      if (response.status < 500) return response;
      failure = `${response.status} ${await response.text()}`;
    } catch (error) {
      failure = String(error);
    }
    if (Date.now() > deadline) throw new Error(`${what}: no answer within ${deadlineMs / 1000}s (${failure})`);
    counters.retry(what);
    await sleep(1_000);
  }
}

/** Repeats a read (of the database, of Mailpit) that may fail while its server is down. */
export async function untilItWorks<T>(what: string, read: () => Promise<T>, deadlineMs = patienceMs): Promise<T> {
  const deadline = Date.now() + deadlineMs;
  for (;;) {
    try {
      return await read();
    } catch (error) {
      if (Date.now() > deadline) throw new Error(`${what}: still failing after ${deadlineMs / 1000}s (${error})`);
      await sleep(1_000);
    }
  }
}
