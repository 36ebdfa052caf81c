/** The worker process: runs workflows and activities until SIGINT/SIGTERM. */
import { Client, Connection } from '@temporalio/client';
import { NativeConnection } from '@temporalio/worker';
import { ConfigError, loadConfig } from '../config/config';
import { runMain } from '../config/run-main';
import { checkDatabaseConnection } from '../db/check-connection';
import { createDb } from '../db/connection';
import { encryptingDataConverter } from '../privacy/data-converter';
import { openDataKeys, requireMasterKey } from '../privacy/data-keys';
import { createWorker } from './create-worker';
import { workerOutbox } from './outbox';
import { installWorkerRuntime } from './runtime';
import { ensureSchedules } from './schedules';
import { startMapLayout } from './map-layout';

runMain('worker', async () => {
  const config = loadConfig();
  installWorkerRuntime(config);
  const missing = (name: string, why: string) =>
    new ConfigError(`${name} is not set: ${why} (npm start sets it for you)`);
  if (!config.databaseUrl) throw missing('DATABASE_URL', 'point it at the app database');
  if (!config.temporal.address)
    throw missing('TEMPORAL_ADDRESS', 'point it at the Temporal frontend, e.g. localhost:7233');
  if (!config.tokenSecret)
    throw missing('PACT_TOKEN_SECRET', 'set a random secret of 32+ characters for partner links');
  const masterKey = requireMasterKey(config);

  const db = createDb(config.databaseUrl);
  await checkDatabaseConnection(db, config.databaseUrl);
  const dataKeys = await openDataKeys(db, masterKey);
  const temporal = { address: config.temporal.address, ...config.temporal.connection };
  const connection = await NativeConnection.connect(temporal).catch((error: Error) => {
    throw new ConfigError(`cannot reach Temporal at TEMPORAL_ADDRESS=${config.temporal.address} (${error.message})`);
  });
  const client = new Client({
    connection: await Connection.connect(temporal),
    namespace: config.temporal.namespace,
    dataConverter: encryptingDataConverter(dataKeys),
  });
  await ensureSchedules(client, config);
  const outbox = workerOutbox(config, db);
  const worker = await createWorker({
    connection,
    db,
    dataKeys,
    outbox,
    config: { ...config, tokenSecret: config.tokenSecret },
    ...(config.temporal.workflowBundlePath ? { workflowBundle: { codePath: config.temporal.workflowBundlePath } } : {}),
  });
  console.log(`worker ready: task queue ${config.temporal.taskQueue} on ${config.temporal.address}`);
  let stopMapLayout = async () => {};
  if (config.workerMapLayout) stopMapLayout = startMapLayout(db);
  else console.log('map layout: off on this worker (WORKER_MAP_LAYOUT=0); another worker places the map');
  await worker.run(); // returns after SIGINT/SIGTERM, once in-flight tasks are done
  await stopMapLayout();
  await connection.close();
  await client.connection.close();
  await db.destroy();
});
