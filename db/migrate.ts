/** `npm run migrate`: applies pending migrations to DATABASE_URL. */
import { loadConfig } from '../config/config';
import { runMain } from '../config/run-main';
import { createDb } from './connection';
import { migrateToLatest } from './migrator';

runMain('migrate', async () => {
  const { databaseUrl } = loadConfig();
  if (!databaseUrl)
    throw new Error('DATABASE_URL is not set: point it at the app database (npm start sets it for you)');
  const db = createDb(databaseUrl, { maxConnections: 1 });
  try {
    const { results = [] } = await migrateToLatest(db);
    console.log(
      results.length ? results.map((r) => `applied ${r.migrationName}`).join('\n') : 'database schema is up to date',
    );
  } finally {
    await db.destroy();
  }
});
