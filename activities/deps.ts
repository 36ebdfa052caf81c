import type { Config } from '../config/config';
import type { Db } from '../db/connection';
import type { Outbox } from '../mail/outbox';

/** What activities need from the outside world; the worker and the tests wire real ones. */
export interface ActivityDeps {
  db: Db;
  /** Where emails go out: SMTP from this process, or the API's mail relay (MAIL_RELAY_URL). */
  outbox: Outbox;
  config: Config & { tokenSecret: string };
}
