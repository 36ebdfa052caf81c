/** The API process: HTTP on PORT. */
import { ConfigError, loadConfig } from '../config/config';
import { runMain } from '../config/run-main';
import { checkDatabaseConnection } from '../db/check-connection';
import { createDb } from '../db/connection';
import { buildServer } from './server';
import { createTemporalClient } from './temporal-client';

runMain('api', async () => {
  const config = loadConfig();
  if (!config.databaseUrl) throw new ConfigError('DATABASE_URL is not set: point it at the app database (npm start sets it for you)');
  if (!config.apiToken) throw new ConfigError('PACT_API_TOKEN is not set: staff routes need it; generate one with `openssl rand -base64 32`');
  const db = createDb(config.databaseUrl);
  await checkDatabaseConnection(db, config.databaseUrl);
  const temporal = createTemporalClient(config);
  const app = await buildServer({ config, db, temporal }, { logLevel: config.logLevel });
  await app.listen({ port: config.port, host: process.env.HOST ?? '0.0.0.0' });
  console.log(`api ready: ${config.publicUrl}`);

  const shutdown = async () => {
    await app.close();
    await temporal.connection.close();
    await db.destroy();
    process.exit(0);
  };
  process.once('SIGINT', shutdown);
  process.once('SIGTERM', shutdown);
});
