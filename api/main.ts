/** The API process: HTTP on PORT, the internal listener on INTERNAL_PORT, reply-by-email when INBOUND_DOMAIN is set. */
import { ConfigError, loadConfig } from '../config/config';
import { runMain } from '../config/run-main';
import { checkDatabaseConnection } from '../db/check-connection';
import { createDb } from '../db/connection';
import { handleInboundEmail } from '../inbound/handle-reply';
import { startInboundSmtp } from '../inbound/smtp-listener';
import { createMailer } from '../mail/mailer';
import { openDataKeys, requireMasterKey } from '../privacy/data-keys';
import { buildServers } from './server';
import { createTemporalClient } from '../temporal/client';

runMain('api', async () => {
  const config = loadConfig();
  if (!config.databaseUrl)
    throw new ConfigError('DATABASE_URL is not set: point it at the app database (npm start sets it for you)');
  if (!config.apiToken)
    throw new ConfigError(
      'PACT_API_TOKEN is not set: staff routes need it; generate one with `openssl rand -base64 32`',
    );
  if (!config.tokenSecret)
    throw new ConfigError(
      'PACT_TOKEN_SECRET is not set: partner links and their forms depend on it; give the API the same secret as the worker (`openssl rand -base64 48`)',
    );
  const masterKey = requireMasterKey(config);
  const db = createDb(config.databaseUrl);
  await checkDatabaseConnection(db, config.databaseUrl);
  const dataKeys = await openDataKeys(db, masterKey);
  if (!config.smtpUrl)
    throw new ConfigError('SMTP_URL is not set: the API answers replies by email (npm start sets it for you)');
  const temporal = createTemporalClient(config, dataKeys);
  const mailer = createMailer(config);
  const { app, internal } = await buildServers(
    { config, db, temporal, dataKeys, mailer },
    { logLevel: config.logLevel },
  );
  await app.listen({ port: config.port, host: config.host });
  await internal.listen({ port: config.internal.port, host: config.internal.host });
  // Replies to request emails (Reply-To: reply+<token>@INBOUND_DOMAIN): only with a domain and a port.
  const { domain, smtpPort } = config.inbound;
  const tokenSecret = config.tokenSecret; // config.ts requires it with INBOUND_DOMAIN
  const inbound =
    smtpPort === undefined || domain === undefined || tokenSecret === undefined
      ? undefined
      : await startInboundSmtp({
          port: smtpPort,
          host: config.host,
          domain,
          handle: async (raw, envelope) =>
            app.log.info(
              {
                result: await handleInboundEmail(
                  { db, temporal, mailer, config: { ...config, tokenSecret } },
                  raw,
                  envelope,
                ),
              },
              'inbound email',
            ),
          onError: (err) => app.log.error({ err }, 'inbound email failed'),
        });
  console.log(
    `api ready: ${config.publicUrl}, internal ${config.internal.host}:${config.internal.port}${inbound ? ` (replies by email on port ${inbound.port})` : ''}`,
  );

  const shutdown = async () => {
    await inbound?.close();
    await app.close();
    await internal.close();
    mailer.close();
    await temporal.connection.close();
    await db.destroy();
    process.exit(0);
  };
  process.once('SIGINT', shutdown);
  process.once('SIGTERM', shutdown);
});
