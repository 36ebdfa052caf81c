import { sql } from 'kysely';
import { latestClosedRound } from '../db/round-initiatives';
import { waitingOnStaff } from '../db/waiting-on-staff';
import { summaryQuarter } from '../domain/reporting-periods';
import type { Lever, Sector } from '../domain/vocabulary';
import { renderNetworkSummaryEmail, renderStaffDigestEmail } from '../mail/templates/network-emails';
import type { ActivityDeps } from './deps';

/** The scheduled emails to staff, built from the read model. Each run's key makes it one email. */
export function networkReportActivities({ db, outbox, config }: ActivityDeps) {
  return {
    /** Weekly: partners per stage, what waits on staff, what is overdue. */
    async sendStaffDigest({ runKey }: { runKey: string }): Promise<void> {
      const now = new Date();
      const [stages, waiting, overdue] = await Promise.all([
        db
          .selectFrom('journeys')
          .select(['stage', ({ fn }) => fn.countAll<string>().as('n')])
          .groupBy('stage')
          .execute(),
        waitingOnStaff(db, 200),
        db
          .selectFrom('requests')
          .innerJoin('partners', 'partners.id', 'requests.partner_id')
          .select([
            'partners.id as partnerId',
            'partners.name as partnerName',
            'requests.recipient_name as recipientName',
            'requests.kind',
            'requests.due_at as dueAt',
          ])
          .where('requests.status', '=', 'pending')
          .where('requests.due_at', '<', now)
          .orderBy('requests.due_at')
          .limit(200)
          .execute(),
      ]);
      const email = renderStaffDigestEmail({
        generatedAt: now,
        stages: Object.fromEntries(stages.map((s) => [s.stage, Number(s.n)])),
        waitingOnStaff: waiting.map((w) => ({ partnerName: w.partnerName, task: w.task })),
        overdue,
        dashboardUrl: `${config.publicUrl}/staff`,
      });
      await outbox.send(
        {
          idempotencyKey: `digest/${runKey}`,
          to: config.staffEmail,
          // It names the people of the partners it lists: erasing any of them erases this copy.
          partnerIds: [...new Set([...waiting, ...overdue].map((row) => row.partnerId))],
          ...email,
        },
        { from: config.mailFrom },
      );
    },

    /**
     * Quarterly: indicator totals per lever and per sector of one calendar quarter's reports
     * (domain/reporting-periods.ts, `summaryQuarter`): the values of the reporting periods that lie in
     * it, whenever they were submitted, so every partner's figures cover the same months.
     */
    async sendNetworkSummary({ runKey }: { runKey: string }): Promise<void> {
      const quarter = summaryQuarter(Date.now(), config.policy.expireAfterMs);
      const values = db
        .selectFrom('indicator_values')
        .innerJoin('partners', 'partners.id', 'indicator_values.partner_id')
        .innerJoin('indicators', 'indicators.key', 'indicator_values.indicator')
        .where('indicator_values.period_start', '>=', new Date(quarter.start))
        .where('indicator_values.period_end', '<=', new Date(quarter.end));
      const [byIndicator, bySector, reports, open] = await Promise.all([
        values
          .select([
            'indicators.levers',
            'indicators.label_nl as indicator',
            ({ fn }) => fn.sum<number>('indicator_values.value').as('total'),
          ])
          .groupBy(['indicators.key', 'indicators.levers', 'indicators.label_nl'])
          .execute(),
        values
          .select([
            'partners.sector as sector',
            'indicators.label_nl as indicator',
            ({ fn }) => fn.sum<number>('indicator_values.value').as('total'),
          ])
          .groupBy(['partners.sector', 'indicators.label_nl'])
          .orderBy('partners.sector')
          .execute(),
        values
          .select(sql<string>`count(distinct (indicator_values.partner_id, indicator_values.period))`.as('n'))
          .executeTakeFirstOrThrow(),
        db
          .selectFrom('requests')
          .select(({ fn }) => fn.countAll<string>().as('n'))
          .where('kind', '=', 'report')
          .where('status', '=', 'pending')
          .where(sql<Date>`(topic->'period'->>'start')::timestamptz`, '>=', new Date(quarter.start))
          .where(sql<Date>`(topic->'period'->>'end')::timestamptz`, '<=', new Date(quarter.end))
          .executeTakeFirstOrThrow(),
      ]);
      const priorities = await latestClosedRound(db);
      const email = renderNetworkSummaryEmail({
        quarter,
        ...(priorities
          ? {
              priorities: {
                title: priorities.round.title,
                closedAt: priorities.round.closed_at ?? priorities.round.closes_at,
                prioritiseTop: priorities.round.prioritise_top,
                result: priorities.result,
              },
            }
          : {}),
        // An indicator counts under each lever it is tied to.
        byLever: byIndicator
          .flatMap((r) => r.levers.map((lever: Lever) => ({ lever, indicator: r.indicator, total: Number(r.total) })))
          .sort((a, b) => a.lever.localeCompare(b.lever)),
        bySector: bySector.map((r) => ({ sector: r.sector as Sector, indicator: r.indicator, total: Number(r.total) })),
        reportsReceived: Number(reports.n),
        reportsOpen: Number(open.n),
        monitoringUrl: `${config.publicUrl}/staff/monitoring`,
      });
      await outbox.send(
        // Totals only: about no one's people.
        { idempotencyKey: `network-summary/${runKey}`, to: config.staffEmail, partnerIds: [], ...email },
        { from: config.mailFrom },
      );
    },
  };
}
