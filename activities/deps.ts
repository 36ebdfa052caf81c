import type { Config } from '../config/config';
import type { Db } from '../db/connection';
import type { Mailer } from '../mail/mailer';

/** What activities need from the outside world; the worker and the tests wire real ones. */
export interface ActivityDeps {
  db: Db;
  mailer: Mailer;
  config: Config & { tokenSecret: string };
}
