import { Client, Connection } from '@temporalio/client';
import type { Config } from '../config/config';

/**
 * A Temporal client whose connection is made on first use, so the API starts (and reports
 * `/readyz` 503) while the engine is away, instead of failing to start.
 */
export function createTemporalClient(config: Config): Client {
  if (!config.temporal.address) throw new Error('TEMPORAL_ADDRESS is not set: point it at the Temporal frontend (npm start sets it for you)');
  const connection = Connection.lazy({ address: config.temporal.address });
  return new Client({ connection, namespace: config.temporal.namespace });
}
