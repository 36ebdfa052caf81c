import type { FastifyInstance } from 'fastify';
import type { AppDeps } from '../features/deps';
import { type EmailDispatcher, startEmailDispatcher } from '../mail/email-dispatcher';
import { createMailer, type Mailer } from '../mail/mailer';
import { sendError } from '../mail/outbox';
import { dataKeySealer } from '../privacy/data-key-sealer';

/** The API's email dispatcher (mail/email-dispatcher.ts), logging through `log` that sending waits. */
export function startApiEmailDispatcher(
  deps: Pick<AppDeps, 'db' | 'dataKeys'>,
  mailer: Mailer,
  log: () => FastifyInstance['log'],
): EmailDispatcher {
  return startEmailDispatcher(deps.db, mailer, dataKeySealer(deps.dataKeys), {
    // The row keeps the error for staff; the log says that sending waits (SMTP or the database away).
    log: (error) => log().warn({ error: sendError(error) }, 'queued email not sent yet; tried again later'),
  });
}

/**
 * The deps with an email dispatcher: the one given (buildServers shares one between both
 * listeners), else one of this server's own, closed with it. None without SMTP_URL: then nothing
 * can be sent.
 */
export function withEmailDispatcher<Deps extends AppDeps>(app: FastifyInstance, deps: Deps): Deps {
  if (deps.emailDispatcher || !deps.config.smtpUrl) return deps;
  const mailer = deps.mailer ?? createMailer(deps.config);
  const emailDispatcher = startApiEmailDispatcher(deps, mailer, () => app.log);
  app.addHook('onClose', async () => {
    await emailDispatcher.close();
    if (!deps.mailer) mailer.close();
  });
  return { ...deps, mailer, emailDispatcher };
}
