// The mail the system sent, as the tests and the benchmarks read it: each test file (and the bench)
// runs its own Mailpit (dev/mailpit.ts) and reads it through Mailpit's REST API (dev/mail-reader.ts).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type MailReader, mailReader } from '../../dev/mail-reader';
import { MailpitFailed, startMailpit, type Mailpit } from '../../dev/mailpit';
import { freePort } from './free-port';

export { type CaughtMessage, type MailReader, mailReader } from '../../dev/mail-reader';

/** A Mailpit of one's own and its reader. */
export interface MailInbox extends MailReader {
  smtpPort: number;
  /** SMTP_URL for the system. */
  smtpUrl: string;
  /** Mailpit's web inbox and REST API. */
  httpUrl: string;
  /** Mailpit's process id (the bench reads its CPU time). */
  pid: number;
  close(): Promise<void>;
}

/** Starts a Mailpit on free ports with a database in a temporary folder; `close()` stops it and removes the folder. */
export async function startMailInbox(binary: string): Promise<MailInbox> {
  const dir = mkdtempSync(join(tmpdir(), 'integratiepact-mailpit-'));
  let mailpit: Mailpit | undefined;
  try {
    // A free port may be taken by another test file between the check and Mailpit's start: try again.
    for (let attempt = 1; !mailpit; attempt++) {
      try {
        mailpit = await startMailpit({
          binary,
          smtpPort: await freePort(),
          httpPort: await freePort(),
          database: join(dir, 'mailpit.db'),
        });
      } catch (error) {
        if (!(error instanceof MailpitFailed && /already in use/.test(error.message)) || attempt === 3) throw error;
      }
    }
  } catch (error) {
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }
  const running = mailpit;
  const reader = mailReader(running.httpUrl);
  return {
    ...reader,
    smtpPort: running.smtpPort,
    smtpUrl: running.smtpUrl,
    httpUrl: running.httpUrl,
    pid: running.pid,
    async close() {
      reader.close();
      await running.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
