/** The API process: HTTP on PORT. */
import { ConfigError, loadConfig } from '../config/config';
import { runMain } from '../config/run-main';
import { checkDatabaseConnection } from '../db/check-connection';
import { createDb } from '../db/connection';
import { handleInboundEmail } from '../inbound/handle-reply';
import { startInboundSmtp } from '../inbound/smtp-listener';
import { createMailer } from '../mail/mailer';
import { openDataKeys, requireMasterKey } from '../privacy/data-keys';
import { buildServer } from './server';
import { createTemporalClient } from './temporal-client';

runMain('api', async () => {
  const config = loadConfig();
  if (!config.databaseUrl)
    throw new ConfigError('DATABASE_URL is not set: point it at the app database (npm start sets it for you)');
  if (!config.apiToken)
    throw new ConfigError(
      'PACT_API_TOKEN is not set: staff routes need it; generate one with `openssl rand -base64 32`',
    );
  const masterKey = requireMasterKey(config);
  const db = createDb(config.databaseUrl);
  await checkDatabaseConnection(db, config.databaseUrl);
  const dataKeys = await openDataKeys(db, masterKey);
  if (!config.smtpUrl)
    throw new ConfigError('SMTP_URL is not set: the API answers replies by email (npm start sets it for you)');
  const temporal = createTemporalClient(config, dataKeys);
  const mailer = createMailer(config.smtpUrl);
  const app = await buildServer({ config, db, temporal, dataKeys, mailer }, { logLevel: config.logLevel });
  await app.listen({ port: config.port, host: process.env.HOST ?? '0.0.0.0' });
  // Replies to request emails (Reply-To: reply+<token>@INBOUND_DOMAIN), when a port is configured.
  const inbound =
    config.inbound.smtpPort === undefined
      ? undefined
      : await startInboundSmtp({
          port: config.inbound.smtpPort,
          host: process.env.HOST ?? '0.0.0.0',
          domain: config.inbound.domain,
          handle: async (raw, envelope) =>
            app.log.info(
              { result: await handleInboundEmail({ db, temporal, mailer, config }, raw, envelope) },
              'inbound email',
            ),
          onError: (err) => app.log.error({ err }, 'inbound email failed'),
        });
  console.log(`api ready: ${config.publicUrl}${inbound ? ` (replies by email on port ${inbound.port})` : ''}`);

  const shutdown = async () => {
    await inbound?.close();
    await app.close();
    mailer.close();
    await temporal.connection.close();
    await db.destroy();
    process.exit(0);
  };
  process.once('SIGINT', shutdown);
  process.once('SIGTERM', shutdown);
});
