import type { Client } from '@temporalio/client';
import type { Config } from '../config/config';
import type { Db } from '../db/connection';
import type { Mailer } from '../mail/mailer';
import type { PostgresDataKeys } from '../privacy/data-keys';

/**
 * What the use cases and every channel calling them are given (the API's routes, inbound mail, the CLI):
 * its own module, so no one needs to import the server that registers the routes.
 */
export interface AppDeps {
  config: Config;
  db: Db;
  temporal: Client;
  /** The data keys of the payload codec: its endpoint and erasure use them (docs/privacy.md). */
  dataKeys: PostgresDataKeys;
  /** For emails the API sends: answers to replies, and the workers' emails through the mail relay. Made from SMTP_URL when not given. */
  mailer?: Mailer;
}
