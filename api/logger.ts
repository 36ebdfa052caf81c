import type { FastifyServerOptions } from 'fastify';
import type { LogLevel } from '../config/config';
import { redactSecrets } from '../security/log-redaction';

/** Where log lines go when not stdout (a test capturing them). */
export interface LogDestination {
  write(line: string): void;
}

/**
 * The API's pino options: every line, whatever logged it (request logs with their URL, errors,
 * the inbound listener), is redacted as a whole just before it is written.
 */
export function apiLogger(level: LogLevel, destination?: LogDestination): FastifyServerOptions['logger'] {
  return { level, hooks: { streamWrite: redactSecrets }, ...(destination ? { stream: destination } : {}) };
}
