import type { Client } from '@temporalio/client';
import type { Config } from '../config/config';
import type { Db } from '../db/connection';
import type { Mailer } from '../mail/mailer';
import type { PostgresDataKeys } from '../privacy/data-keys';

/** What the API's routes are given: its own module, so route files need not import the server that registers them. */
export interface ApiDeps {
  config: Config;
  db: Db;
  temporal: Client;
  /** The data keys of the payload codec: its endpoint and erasure use them (docs/privacy.md). */
  dataKeys: PostgresDataKeys;
  /** For emails the API sends: answers to replies, and the workers' emails through the mail relay. Made from SMTP_URL when not given. */
  mailer?: Mailer;
}
