/**
 * The one error shape of the API: `{ error: { code, message, details? } }`. A 4xx says what to fix;
 * a 5xx never comes from bad input.
 */
export class ApiError extends Error {
  constructor(
    readonly statusCode: number,
    readonly code: string,
    message: string,
    readonly details?: unknown,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }
}

export const engineUnavailable = (
  message = 'The workflow engine (Temporal) cannot be reached right now; nothing was changed. Try again in a minute.',
) =>
  new ApiError(503, 'engine_unavailable', message, undefined, {
    'retry-after': '30',
  });

/** Postgres cannot be reached (restarted, network cut, pool timed out): a 503 to retry, not a 500. */
export const databaseUnavailable = () =>
  new ApiError(
    503,
    'database_unavailable',
    'The database cannot be reached right now. Try again in a minute.',
    undefined,
    { 'retry-after': '30' },
  );
