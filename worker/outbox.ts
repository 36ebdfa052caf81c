import { type Config, ConfigError } from '../config/config';
import type { Db } from '../db/connection';
import { createMailer } from '../mail/mailer';
import { localOutbox, type Outbox } from '../mail/outbox';
import { relayOutbox } from '../mail/relay-client';

/**
 * Where the worker's emails go: the API's mail relay when MAIL_RELAY_URL is set (what `npm start`
 * and docker-compose do, so a killed worker never sends an email twice), else straight to SMTP_URL.
 */
export function workerOutbox(config: Config, db: Db): Outbox {
  if (config.mailRelay.url) return relayOutbox(config.mailRelay.url, config.mailRelay.secret!);
  if (!config.smtpUrl)
    throw new ConfigError(
      'Neither MAIL_RELAY_URL nor SMTP_URL is set: point MAIL_RELAY_URL at the API (npm start sets it for you), or SMTP_URL at an SMTP server',
    );
  return localOutbox(db, createMailer(config));
}
