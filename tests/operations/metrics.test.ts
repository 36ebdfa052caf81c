import { freePort } from '../support/free-port';
import { eventually } from '../support/eventually';
import { Actors, intentAnswer } from '../support/partner-actions';
import { startTcpProxy, type TcpProxy } from '../support/tcp-proxy';
import { startTestSystem, type TestSystem } from '../support/test-system';
import { type WorkerProcess, workerProcess } from '../support/worker-process';

/**
 * What Prometheus scrapes: the API's metrics (prom-client) on its internal listener, and the real
 * worker process's Temporal SDK metrics on WORKER_METRICS_PORT, including the ones the README
 * says to alert on. The SMTP server goes away for a while, so the outbox backs up and the send
 * activity is retried.
 */
let system: TestSystem;
let smtp: TcpProxy;
let worker: WorkerProcess;
let workerMetricsUrl: string;
let actors: Actors;
beforeAll(async () => {
  system = await startTestSystem(
    {},
    { worker: false, routeSmtp: async (target) => (smtp = await startTcpProxy(target)) },
  );
  const port = await freePort();
  workerMetricsUrl = `http://127.0.0.1:${port}/metrics`;
  worker = workerProcess({ ...system.env, WORKER_METRICS_PORT: String(port) });
  await worker.start();
  actors = new Actors(system);
}, 120_000);
afterAll(async () => {
  smtp?.restore();
  await worker?.stop();
  await system?.stop();
  await smtp?.close();
});

const scrape = async (url: string) => {
  const response = await fetch(url);
  expect(response.status).toBe(200);
  return response.text();
};
/** The value of one sample, e.g. `integratiepact_emails{status="pending"}`; undefined when absent. */
const sample = (text: string, series: string) => {
  const line = text.split('\n').find((l) => l.startsWith(`${series} `));
  return line === undefined ? undefined : Number(line.slice(series.length + 1));
};

test('with SMTP down, the outbox backlog and the retried send activity show; once it is back, the email goes out', async () => {
  smtp.cut();
  const id = await actors.onboard('Meetbare Metaalwerken');
  const api = await eventually(async () => {
    const text = await scrape(`${system.internalUrl}/metrics`);
    expect(sample(text, 'integratiepact_emails{status="pending"}')).toBeGreaterThanOrEqual(1);
    expect(sample(text, 'integratiepact_email_oldest_pending_seconds')).toBeGreaterThan(0);
    expect(sample(text, 'integratiepact_journeys{stage="intent",status="waiting_partner"}')).toBe(1);
    return text;
  }, 30_000);
  // Every kind × status is there from the start, so an alert on a rise in expiries has a series.
  expect(sample(api, 'integratiepact_requests{kind="intent",status="expired"}')).toBe(0);
  expect(api).toMatch(/^integratiepact_http_requests_total\{method="POST",route="\/api\/partners",status="201"\} 1$/m);
  expect(api).toMatch(/^process_resident_memory_bytes \d+/m);

  const failedActivities = await eventually(async () => {
    const text = await scrape(workerMetricsUrl);
    // The email that opens a request is sent by a local activity (workflows/activity-proxies.ts).
    expect(text).toMatch(/^temporal_local_activity_execution_failed\{activity_type="openRequest",.*\} [1-9]/m);
    return text;
  }, 30_000);
  expect(failedActivities).toMatch(/^# TYPE temporal_local_activity_execution_failed counter$/m);

  smtp.restore();
  await actors.expectOk(actors.answer(actors.addresses(id).coordinator, intentAnswer));
  await eventually(async () => {
    expect(sample(await scrape(`${system.internalUrl}/metrics`), 'integratiepact_email_oldest_pending_seconds')).toBe(
      0,
    );
  }, 30_000);
}, 120_000);

test("the worker's SDK metrics: workflow task latency, polls and calls to Temporal, free task slots", async () => {
  const text = await scrape(workerMetricsUrl);
  expect(text).toMatch(
    new RegExp(
      `^temporal_workflow_task_execution_latency_bucket\\{.*task_queue="${system.env.TEMPORAL_TASK_QUEUE}".*\\} \\d+`,
      'm',
    ),
  );
  expect(text).toMatch(/^temporal_long_request\{.*operation="PollWorkflowTaskQueue".*\} [1-9]/m);
  expect(text).toMatch(/^temporal_request\{.*operation="RespondWorkflowTaskCompleted".*\} [1-9]/m);
  expect(text).toMatch(/^temporal_worker_task_slots_available\{/m);
});

test('a second worker given a metrics port in use stops at once, with one line naming the setting', async () => {
  const second = workerProcess({ ...system.env, WORKER_METRICS_PORT: new URL(workerMetricsUrl).port });
  await expect(second.start()).rejects.toThrow(
    /exited \(code 1\): worker: cannot serve the worker's metrics on 127\.0\.0\.1:\d+ \(.*in use.*\): set WORKER_METRICS_PORT to a free port, or unset it$/,
  );
});
