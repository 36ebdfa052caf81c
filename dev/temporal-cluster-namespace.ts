import { randomUUID } from 'node:crypto';
import { Connection } from '@temporalio/client';
import { msToTs } from '@temporalio/common/lib/time';
import { temporal } from '@temporalio/proto';
import { TemporalClusterFailed } from './temporal-cluster-failed';
import { searchAttributeList } from './temporal-settings';

const { IndexedValueType } = temporal.api.enums.v1;
/** What compose's temporal-setup gives namespace `default`: 30 days. */
const retention = '720h';
const patienceMs = 120_000;

/**
 * What compose's temporal-setup does: namespace `default` and the search attributes of
 * deploy/temporal/search-attributes.txt, keeping what exists. A new namespace or attribute takes
 * a while to reach every service's cache, so after creating one this waits until a workflow can
 * be started there and a query on the attributes runs (a probe workflow, terminated at once).
 */
export async function registerNamespaceAndSearchAttributes(
  address: string,
  namespace: string,
  log: (line: string) => void,
): Promise<void> {
  const connection = await Connection.connect({ address });
  const service = connection.workflowService;
  const deadline = Date.now() + patienceMs;
  const retry = async <T>(what: string, attempt: () => Promise<T>): Promise<T> => {
    for (;;) {
      try {
        return await attempt();
      } catch (error) {
        if (Date.now() > deadline)
          throw new TemporalClusterFailed(
            `the Temporal cluster did not ${what} within ${patienceMs / 1000}s: ${(error as Error).message}`,
          );
        await new Promise((resolve) => setTimeout(resolve, 500));
      }
    }
  };
  try {
    let created = false;
    const exists = await service.describeNamespace({ namespace }).then(
      () => true,
      () => false,
    );
    if (!exists) {
      await retry(`register namespace ${namespace}`, () =>
        service
          .registerNamespace({ namespace, workflowExecutionRetentionPeriod: msToTs(retention) })
          .catch((error: Error) => {
            if (!/already exists/i.test(error.message)) throw error;
          }),
      );
      created = true;
      log(`[setup] registered namespace ${namespace}`);
    }
    const wanted = searchAttributeList();
    const { customAttributes = {} } = await retry('list the search attributes', () =>
      connection.operatorService.listSearchAttributes({ namespace }),
    );
    const missing = wanted.filter(({ name }) => !(name in customAttributes));
    if (missing.length > 0) {
      const searchAttributes = Object.fromEntries(missing.map(({ name, type }) => [name, indexedValueType(type)]));
      await retry('register the search attributes', () =>
        connection.operatorService.addSearchAttributes({ namespace, searchAttributes }),
      );
      created = true;
      log(`[setup] registered search attributes ${missing.map(({ name }) => name).join(', ')}`);
    }
    if (created) await retry('serve the new namespace', () => probe(connection, namespace, wanted[0]?.name));
  } finally {
    await connection.close();
  }
}

function indexedValueType(type: string): number {
  const key = `INDEXED_VALUE_TYPE_${type.replace(/([a-z])([A-Z])/g, '$1_$2').toUpperCase()}`;
  const value = (IndexedValueType as unknown as Record<string, number | undefined>)[key];
  if (value === undefined)
    throw new TemporalClusterFailed(
      `deploy/temporal/search-attributes.txt: "${type}" is not a search attribute type: use Keyword, Text, Int, Double, Bool, Datetime or KeywordList`,
    );
  return value;
}

/** Starts and terminates a workflow nobody runs, and queries by a custom attribute. */
async function probe(connection: Connection, namespace: string, attribute: string | undefined): Promise<void> {
  const workflowId = `temporal-cluster-readiness-${randomUUID()}`;
  await connection.workflowService.startWorkflowExecution({
    namespace,
    workflowId,
    requestId: randomUUID(),
    workflowType: { name: 'TemporalClusterReadiness' },
    taskQueue: { name: 'temporal-cluster-readiness' },
    // Closes itself should the termination below not get through.
    workflowExecutionTimeout: msToTs('1m'),
  });
  await connection.workflowService.terminateWorkflowExecution({
    namespace,
    workflowExecution: { workflowId },
    reason: 'readiness probe of dev/temporal-cluster.ts',
  });
  if (attribute)
    await connection.workflowService.countWorkflowExecutions({ namespace, query: `${attribute} = "probe"` });
}
