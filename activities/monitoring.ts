import type { IndicatorDefinition, ReportingPeriod } from '../domain/request-topics';
import type { Language } from '../domain/vocabulary';
import type { ContactRef } from '../workflows/definitions';
import type { ActivityDeps } from './deps';
import { addToIndicatorTotals, changedValues } from './indicator-totals';
import { appendJourneyEvent } from './journey-events';
import { loadContact } from './recipients';

export function monitoringActivities({ db }: Pick<ActivityDeps, 'db'>) {
  return {
    /** The active indicators, labelled in the reporter's language (from Postgres since v3): indicators are data, not code. */
    async listIndicators(
      reporter: { language: Language } | { partnerId: string; contact: ContactRef },
    ): Promise<IndicatorDefinition[]> {
      const { language } =
        'language' in reporter ? reporter : await loadContact(db, reporter.partnerId, reporter.contact);
      const rows = await db
        .selectFrom('indicators')
        .selectAll()
        .where('active', '=', true)
        .orderBy('position')
        .execute();
      return rows.map((row) => ({ key: row.key, label: row[`label_${language}`], levers: row.levers }));
    },

    /**
     * Stores a period's reported values, one row per indicator, and keeps the running totals the
     * monitoring summary reads. Temporal may run it more than once, and a corrected report replaces
     * earlier values: the totals take only the difference with what is stored, so the same report
     * stored again changes nothing.
     */
    async storeReport(input: {
      partnerId: string;
      period: ReportingPeriod;
      requestId: string;
      values: Record<string, number>;
    }): Promise<void> {
      const rows = Object.entries(input.values).map(([indicator, value]) => ({
        partner_id: input.partnerId,
        period: input.period.label,
        indicator,
        value,
        request_id: input.requestId,
        period_start: input.period.start,
        period_end: input.period.end,
      }));
      await db.transaction().execute(async (tx) => {
        if (rows.length) {
          // Locking the partner serialises its reports: FOR UPDATE on the stored values cannot lock a
          // value not stored yet, so two attempts at once (a retry while the first still runs) would
          // both count it as new. NO KEY UPDATE still lets rows referencing the partner be written.
          const partner = await tx
            .selectFrom('partners')
            .select(['sector', 'actor_type'])
            .where('id', '=', input.partnerId)
            .forNoKeyUpdate()
            .executeTakeFirstOrThrow();
          const stored = await tx
            .selectFrom('indicator_values')
            .select(['indicator', 'value'])
            .where('partner_id', '=', input.partnerId)
            .where('period', '=', input.period.label)
            .forUpdate()
            .execute();
          await tx
            .insertInto('indicator_values')
            .values(rows)
            .onConflict((oc) =>
              oc
                .columns(['partner_id', 'period', 'indicator'])
                .doUpdateSet((eb) => ({ value: eb.ref('excluded.value'), request_id: eb.ref('excluded.request_id') })),
            )
            .execute();
          await addToIndicatorTotals(tx, partner, input.period.label, changedValues(input.values, stored));
        }
        await appendJourneyEvent(tx, {
          partnerId: input.partnerId,
          key: `report/${input.partnerId}/${input.period.label}/submitted`,
          type: 'report_submitted',
          summary: `report for period ${input.period.label} submitted`,
          data: { period: input.period.label, values: input.values },
        });
      });
    },

    async recordReportMissing({ partnerId, period }: { partnerId: string; period: ReportingPeriod }): Promise<void> {
      await appendJourneyEvent(db, {
        partnerId,
        key: `report/${partnerId}/${period.label}/missing`,
        type: 'report_missing',
        summary: `no report for period ${period.label}`,
        data: { period: period.label },
      });
    },
  };
}
