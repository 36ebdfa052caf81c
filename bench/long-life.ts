/**
 * 5. Long life: one journey driven through 40 reporting periods (continue-as-new working), with
 * short policy durations as in tests/journey/long-life.test.ts, answering every request through the
 * link in its email; then the events of each of the journey's runs. Baseline: the bare shape of
 * the monitoring stage (a timer and a child workflow with one activity per period, continuing as
 * new every 8 periods, as the journey does) over the same number of periods.
 * Each journey is a repetition; they run side by side.
 */
import { Actors } from '../tests/support/partner-actions';
import type { BenchContext, Figure, MeasurementResult } from './context';
import { formatSpread, spread } from './stats';
import { type BenchApp, type HistoryProfile, historyProfile, log, startBenchApp } from './system';

const policy = {
  PACT_MAX_REMINDERS: '0',
  PACT_ESCALATE_AFTER: '1h',
  PACT_EXPIRE_AFTER: '2h',
  PACT_REPORT_EVERY: '200ms',
  PACT_COMMITMENT_TERM: '8s',
};

async function runs(app: BenchApp, workflowId: string): Promise<HistoryProfile[]> {
  const found: { runId: string; startTime: Date }[] = [];
  for await (const execution of app.temporal.workflow.list({ query: `WorkflowId = "${workflowId}"` }))
    found.push({ runId: execution.runId, startTime: execution.startTime });
  found.sort((a, b) => a.startTime.getTime() - b.startTime.getTime());
  return Promise.all(found.map((run) => historyProfile(app.temporal, workflowId, run.runId)));
}

async function driveJourney(app: BenchApp, actors: Actors, k: number, periods: number): Promise<string> {
  const id = await actors.onboard(`Longlife ${k} ${Date.now()}`);
  await actors.formalise(id);
  const title = `Werkplekleren ${id}`;
  const response = await app.staffFetch('/api/projects', {
    method: 'POST',
    body: JSON.stringify({ title, description: 'Leren op de werkvloer.', levers: ['agency'], partnerIds: [id] }),
  });
  if (response.status !== 201)
    throw new Error(`POST /api/projects answered ${response.status}: ${await response.text()}`);
  await actors.expectOk(
    actors.answer(actors.addresses(id).coordinator, { decision: 'approve' }, new RegExp(title.replace(/-/g, '.'))),
  );
  for (let period = 1; period <= periods; period++) {
    await actors.expectOk(
      actors.answer(
        actors.addresses(id).coordinator,
        { values: { actions_taken: period } },
        new RegExp(`\\bp${period}\\b`),
      ),
    );
  }
  await actors.waitForStage(id, 'completed', 120_000);
  return id;
}

export async function measureLongLife(ctx: BenchContext): Promise<MeasurementResult> {
  const { journeys, periods } = ctx.profile.longLife;
  const app = await startBenchApp(ctx.servers, { label: 'longlife', env: policy });
  const baseline = await ctx.baselineWorker();
  try {
    const actors = new Actors(app);
    const t0 = Date.now();
    const [ids, baselineIds] = await Promise.all([
      Promise.all(Array.from({ length: journeys }, (_, k) => driveJourney(app, actors, k + 1, periods))),
      Promise.all(
        Array.from({ length: journeys }, async (_, k) => {
          const workflowId = `baseline-longlife-${k + 1}-${Date.now()}`;
          const handle = await app.baselineTemporal.workflow.start('baselineLongLife', {
            taskQueue: baseline.taskQueue,
            workflowId,
            args: [{ periods, everyMs: 200, periodsPerRun: 8 }],
          });
          await handle.result();
          return workflowId;
        }),
      ),
    ]);
    log(`long life: ${journeys} journey(s) through ${periods} periods in ${((Date.now() - t0) / 1000).toFixed(0)} s`);

    const systemRuns = await Promise.all(ids.map((id) => runs(app, `journey-${id}`)));
    const baselineRuns = await Promise.all(baselineIds.map((id) => runs(app, id)));
    const maxEvents = (r: HistoryProfile[]) => Math.max(...r.map((x) => x.events));
    const sys = spread(systemRuns.map(maxEvents));
    const base = spread(baselineRuns.map(maxEvents));
    const ratio = spread(systemRuns.map((r, i) => maxEvents(r) / maxEvents(baselineRuns[i]!)));
    const figures: Figure[] = [
      {
        measurement: '5. long life',
        metric: `largest run of a journey over ${periods} periods: history events`,
        system: formatSpread(sys, 0),
        baseline: formatSpread(base, 0),
        ratio: formatSpread(ratio),
        goal: '< 2,000 events',
        met: sys.max < 2000,
      },
    ];
    const describe = (r: HistoryProfile[]) =>
      r.map((x) => `${x.events} ev/${(x.bytes / 1024).toFixed(0)} KiB`).join(', ');
    const notes = [
      `long life: journey runs (events/size per run, first to last): ${describe(systemRuns[0]!)}; ${systemRuns[0]!.length} runs, ${systemRuns[0]!.reduce((a, x) => a + x.events, 0)} events in all`,
      `long life: baseline runs: ${describe(baselineRuns[0]!)}; ${baselineRuns[0]!.length} runs`,
    ];
    return { name: 'long-life', figures, details: { journeys, periods, policy, systemRuns, baselineRuns }, notes };
  } finally {
    await app.stop();
  }
}
