import { Client, Connection, type WorkflowHandle } from '@temporalio/client';
import type { Config } from '../config/config';
import { encryptingDataConverter } from '../privacy/data-converter';
import type { DataKeys } from '../privacy/data-keys';
import { engineUnavailable } from '../http/api-error';

/**
 * A Temporal client whose connection is made on first use, so the API starts (and reports
 * `/readyz` 503) while the engine is away, instead of failing to start.
 */
export function createTemporalClient(config: Config, dataKeys: DataKeys): Client {
  if (!config.temporal.address)
    throw new Error('TEMPORAL_ADDRESS is not set: point it at the Temporal frontend (npm start sets it for you)');
  const connection = Connection.lazy({ address: config.temporal.address, ...config.temporal.connection });
  return new Client({
    connection,
    namespace: config.temporal.namespace,
    dataConverter: encryptingDataConverter(dataKeys),
  });
}

/** The engine did not answer a cheap probe in time: nothing was asked of it. */
export class EngineUnreachable extends Error {
  override name = 'EngineUnreachable';
}

/**
 * Fails within `ms` when the engine is away. Without it, a call to a stopped Temporal server
 * hangs in the client's gRPC retries for about 20 seconds before it fails; with it, the API can
 * answer 503 at once, knowing it changed nothing (docs/reliability.md).
 */
export async function probeEngine(client: Client, ms = 1_000): Promise<void> {
  // The gRPC deadline stops the call, but the client's retry back-off may sleep past it: the
  // timer makes `ms` the promise's limit too.
  let timer: NodeJS.Timeout | undefined;
  const probe = client.withDeadline(Date.now() + ms, () => client.workflowService.getSystemInfo({}));
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error('no answer')), ms);
  });
  try {
    await Promise.race([probe, late]);
  } catch (error) {
    probe.catch(() => undefined); // still settling in the background
    throw new EngineUnreachable(`Temporal did not answer within ${ms} ms (${(error as Error).message})`);
  } finally {
    clearTimeout(timer);
  }
}

/** Runs one engine call with a deadline, so a request never waits on the engine longer than that. */
export function withEngineDeadline<T>(client: Client, ms: number, call: () => Promise<T>): Promise<T> {
  return client.withDeadline(Date.now() + ms, call);
}

/**
 * The handle of a workflow the API is about to ask something of (an Update, a start), once the
 * engine answered the probe: while Temporal is away the caller gets 503 at once, nothing asked.
 */
export async function reachableWorkflow(client: Client, workflowId: string): Promise<WorkflowHandle> {
  await engineReachable(client);
  return client.workflow.getHandle(workflowId);
}

/** `probeEngine` as the API's error: 503 with Retry-After. */
export async function engineReachable(client: Client): Promise<void> {
  try {
    await probeEngine(client);
  } catch {
    throw engineUnavailable();
  }
}
