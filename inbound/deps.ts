import type { Client } from '@temporalio/client';
import type { Config } from '../config/config';
import type { Db } from '../db/connection';
import type { Mailer } from '../mail/mailer';

/** What handling an inbound reply needs: the SMTP listener and the webhook give it. */
export interface InboundDeps {
  db: Db;
  temporal: Client;
  mailer: Mailer;
  config: Pick<Config, 'inbound' | 'mailFrom' | 'publicUrl' | 'staffEmail'> & { tokenSecret: string };
}
