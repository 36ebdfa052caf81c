/**
 * The baseline worker process: runs bench/baseline-workflows.ts with a no-op activity and an email
 * activity on BENCH_TASK_QUEUE, with the SDK's default worker options (as worker/main.ts does).
 * Prints `done <count> <epoch ms>` whenever no-op activities completed, so the bench can tell when
 * the N-th one ran without asking the server; the emails' arrival the bench reads at the SMTP server.
 */
import { Context } from '@temporalio/activity';
import { bundleWorkflowCode, DefaultLogger, NativeConnection, Runtime, Worker } from '@temporalio/worker';
import nodemailer from 'nodemailer';
import { baselineRecipientOf } from './baseline-mail';
import type { BaselineActivities } from './baseline-workflows';

async function main(): Promise<void> {
  const address = process.env.BENCH_TEMPORAL_ADDRESS;
  const taskQueue = process.env.BENCH_TASK_QUEUE;
  const smtpUrl = process.env.BENCH_SMTP_URL;
  if (!address || !taskQueue || !smtpUrl)
    throw new Error('set BENCH_TEMPORAL_ADDRESS, BENCH_TASK_QUEUE and BENCH_SMTP_URL');
  Runtime.install({ logger: new DefaultLogger('WARN') });
  const quiet = { trace() {}, debug() {}, info() {}, warn() {}, error: console.error, log() {} } as never;
  const workflowBundle = await bundleWorkflowCode({
    workflowsPath: require.resolve('./baseline-workflows'),
    logger: quiet,
  });
  const connection = await NativeConnection.connect({ address });

  // Plain nodemailer to the bench's SMTP server (Mailpit, no TLS), no app code; pooled connections,
  // as the system's mailer keeps, so neither side pays an SMTP handshake per email.
  const smtp = new URL(smtpUrl);
  const mailer = nodemailer.createTransport({
    host: smtp.hostname,
    port: Number(smtp.port),
    ignoreTLS: true,
    pool: true,
    maxConnections: 3,
  });

  let count = 0;
  let lastAt = 0;
  let printed = 0;
  const activities: BaselineActivities = {
    async noop() {
      count += 1;
      lastAt = Date.now();
    },
    async sendEmail() {
      const workflowId = Context.current().info.workflowExecution?.workflowId;
      if (!workflowId) throw new Error('sendEmail runs in a baseline workflow only');
      await mailer.sendMail({
        from: 'baseline@bench.example',
        to: baselineRecipientOf(workflowId),
        subject: 'Uitnodiging: engagementsintentie',
        text: 'Vul uw engagementsintentie in: http://127.0.0.1/r/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA\n',
      });
    },
  };
  const worker = await Worker.create({ connection, namespace: 'default', taskQueue, workflowBundle, activities });
  setInterval(() => {
    if (count === printed) return;
    printed = count;
    console.log(`done ${count} ${lastAt}`);
  }, 10).unref();
  console.log(`baseline worker ready: task queue ${taskQueue}`);
  await worker.run();
  mailer.close();
  await connection.close();
}

main().catch((error: unknown) => {
  console.error('baseline worker failed:', error);
  process.exit(1);
});
