/**
 * Opening a prioritisation round for N partners (issue 24 point 7): ballots sent per second, from the
 * POST that opens the round until the last coordinator's ballot email has arrived at the SMTP server,
 * against onboarding's rate in the same run (N partners through `POST /api/partners` until the last
 * invitation has arrived: the same API, worker, outbox and SMTP server). Repetitions alternate the two.
 * The invited partners are stored directly as formalised (a journey to the countersignature per partner
 * is not what is measured), each with its own coordinator address.
 */
import { sql } from 'kysely';
import type { BenchContext, Figure, MeasurementResult } from './context';
import { onboardPartners } from './onboarding';
import { formatSpread, spread } from './stats';
import { type BenchApp, log } from './system';

async function seedFormalised(app: BenchApp, tag: string, n: number): Promise<{ ids: string[]; addresses: string[] }> {
  await sql`
    insert into partners (id, name, actor_type, sector, language)
    select 'round-' || ${tag} || '-' || i, 'Rondepartner ' || ${tag} || ' ' || i, 'civil_society', 'work', 'nl'
    from generate_series(1, ${n}) i`.execute(app.db);
  await sql`
    insert into contacts (partner_id, name, email, role, language)
    select 'round-' || ${tag} || '-' || i, 'Coordinator ' || i, 'coordinator@round-' || ${tag} || '-' || i || '.example', 'coordinator', 'nl'
    from generate_series(1, ${n}) i`.execute(app.db);
  await sql`
    insert into journeys (partner_id, workflow_id, stage, status, formalised_at, updated_at)
    select 'round-' || ${tag} || '-' || i, 'journey-round-' || ${tag} || '-' || i, 'monitoring', 'waiting_partner', now(), now()
    from generate_series(1, ${n}) i`.execute(app.db);
  const ids = Array.from({ length: n }, (_, i) => `round-${tag}-${i + 1}`);
  return { ids, addresses: ids.map((id) => `coordinator@${id}.example`) };
}

/** A week from now as the API takes it (Brussels local time; a few hours either way do not matter here). */
const inAWeek = () => new Date(Date.now() + 7 * 86_400_000).toISOString().slice(0, 16);

async function openRound(app: BenchApp, tag: string, initiativeIds: string[], partnerIds: string[]) {
  const response = await app.staffFetch('/api/prioritisation-rounds', {
    method: 'POST',
    body: JSON.stringify({
      title: `Benchronde ${tag}`,
      initiativeIds,
      invitees: { partnerIds },
      closesAt: inAWeek(),
      maxRanked: 3,
      prioritiseTop: 2,
    }),
  });
  const body = (await response.json()) as { id?: string };
  if (response.status !== 201 || !body.id)
    throw new Error(`POST /api/prioritisation-rounds answered ${response.status}: ${JSON.stringify(body)}`);
  return body.id;
}

export async function measureRoundOpening(ctx: BenchContext): Promise<MeasurementResult> {
  const { n, reps, concurrency } = ctx.profile.roundOpening;
  const app = await ctx.systemApp();
  const initiativeIds: string[] = [];
  for (let i = 1; i <= 5; i++) {
    const response = await app.staffFetch('/api/initiatives', {
      method: 'POST',
      body: JSON.stringify({
        title: `Benchinitiatief ${i}`,
        description: 'Voor de meting van het openen van een ronde.',
        levers: ['trust'],
        kind: 'proposal',
        idempotencyKey: `bench-round-initiative-${i}-${Date.now()}`,
      }),
    });
    const body = (await response.json()) as { id?: string };
    if (response.status !== 201 || !body.id) throw new Error(`POST /api/initiatives answered ${response.status}`);
    initiativeIds.push(body.id);
  }
  const runs: { kind: 'onboarding' | 'round'; rep: number; seconds: number; rate: number }[] = [];
  for (let rep = 0; rep < reps; rep++) {
    // Alternating which goes first, so a drift in the machine's load hits both alike.
    const order = rep % 2 === 0 ? (['onboarding', 'round'] as const) : (['round', 'onboarding'] as const);
    for (const kind of order) {
      const tag = `r${rep}-${Date.now().toString(36)}`;
      await ctx.mailbox.clear();
      let seconds: number;
      if (kind === 'onboarding') {
        const started = Date.now();
        const { lastReceivedAt } = await onboardPartners(app, ctx.mailbox, 'api', `ro-${tag}`, n, concurrency);
        seconds = (lastReceivedAt - started) / 1000;
      } else {
        const { ids, addresses } = await seedFormalised(app, tag, n);
        const started = Date.now();
        const roundId = await openRound(app, tag, initiativeIds, ids);
        const { lastReceivedAt } = await ctx.mailbox.waitForEach(addresses, Math.max(180_000, n * 600));
        seconds = (lastReceivedAt - started) / 1000;
        await app.staffFetch(`/api/prioritisation-rounds/${roundId}/close`, { method: 'POST', body: '{}' });
      }
      runs.push({ kind, rep, seconds, rate: n / seconds });
      log(`round opening rep ${rep + 1}: ${kind} ${n} in ${seconds.toFixed(1)} s (${(n / seconds).toFixed(1)}/s)`);
    }
  }
  const rates = (kind: 'onboarding' | 'round') => runs.filter((r) => r.kind === kind).map((r) => r.rate);
  const figure: Figure = {
    measurement: '10. opening a round',
    metric: `ballots sent per second, ${n} partners (baseline: onboarding's invitations per second, ${n} partners)`,
    system: formatSpread(spread(rates('round')), 1, '/s'),
    baseline: formatSpread(spread(rates('onboarding')), 1, '/s'),
    ratio: formatSpread(spread(rates('round').map((r, i) => r / rates('onboarding')[i]!))),
    goal: '–',
    met: undefined,
  };
  return { name: 'round-opening', figures: [figure], details: { n, reps, concurrency, runs }, notes: [] };
}
