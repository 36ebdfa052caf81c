// CLI entry: `npx tsx dev/mail-catcher/main.ts`. Used by `npm start` when no SMTP_URL
// is set; the starting process waits for the single "ready" line on stdout, so
// nothing else is printed there.
import { startMailCatcher, type MailCatcher } from './mail-catcher';

function port(name: string, fallback: number): number {
  const value = process.env[name];
  if (value === undefined || value === '') return fallback;
  const parsed = Number(value);
  if (!Number.isInteger(parsed) || parsed < 0 || parsed > 65535) {
    throw new Error(`${name} must be a port number (0-65535), got "${value}"`);
  }
  return parsed;
}

async function main(): Promise<void> {
  let catcher: MailCatcher;
  try {
    catcher = await startMailCatcher({
      smtpPort: port('MAIL_CATCHER_SMTP_PORT', 1025),
      httpPort: port('MAIL_CATCHER_HTTP_PORT', 8025),
      storeDir: process.env.MAIL_CATCHER_DIR || '.data/mail',
    });
  } catch (error) {
    // Expected failures (port in use, bad setting) get one line, not a stack trace.
    process.stderr.write(`mail catcher: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  }

  let closing = false;
  const stop = (): void => {
    if (closing) process.exit(1); // a second signal means "now"
    closing = true;
    catcher.close().then(
      () => process.exit(0),
      (error: unknown) => {
        process.stderr.write(`mail catcher: error while closing: ${String(error)}\n`);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);

  process.stdout.write(`mail catcher ready: smtp://127.0.0.1:${catcher.smtpPort} inbox ${catcher.httpUrl ?? ''}\n`);
}

void main();
