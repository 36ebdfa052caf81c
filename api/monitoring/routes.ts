import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { AppDeps } from '../../features/deps';
import { requireStaff } from '../../auth/plugin';
import { parsePeriodLabel, periodBegun, periodLabelForms } from '../../domain/reporting-periods';
import { ApiError } from '../../http/api-error';
import { toCsv } from '../../features/monitoring/reports-csv';
import { monitoringSummary, reportedValues } from '../../features/monitoring/queries';
import { summaryQuerySchema } from '../../features/monitoring/schema';

/** Monitoring for staff: totals grouped for the learning network, and every value as CSV. */
export async function monitoringRoutes(fastify: FastifyInstance, deps: AppDeps): Promise<void> {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  app.addHook('onRequest', requireStaff(deps));

  app.get('/api/monitoring/summary', { schema: { querystring: summaryQuerySchema } }, async (request) => {
    const groupBy = request.query.groupBy ?? 'lever';
    const { period } = request.query;
    if (period !== undefined && !parsePeriodLabel(period)) {
      const problem = { field: 'period', message: `is not a period: use ${periodLabelForms}` };
      throw new ApiError(400, 'invalid_request', `period: ${problem.message}`, [problem]);
    }
    const begun = period === undefined ? undefined : periodBegun(period, Date.now());
    if (begun?.kind === 'not_begun') {
      throw new ApiError(400, 'invalid_request', `period: ${begun.message}`, [
        { field: 'period', message: begun.message },
      ]);
    }
    return {
      groupBy,
      period: request.query.period ?? null,
      rows: await monitoringSummary(deps.db, groupBy, request.query.period),
    };
  });

  app.get('/api/reports.csv', async (_request, reply) => {
    const rows = await reportedValues(deps.db);
    const header = [
      'partner_id',
      'partner_name',
      'sector',
      'actor_type',
      'period',
      'period_start',
      'period_end',
      'indicator',
      'value',
      'submitted_at',
    ];
    const body = toCsv(
      header,
      rows.map((r) => [
        r.partnerId,
        r.partnerName,
        r.sector,
        r.actorType,
        r.period,
        r.periodStart,
        r.periodEnd,
        r.indicator,
        r.value,
        r.submittedAt,
      ]),
    );
    return reply
      .type('text/csv; charset=utf-8')
      .header('content-disposition', 'attachment; filename="integratiepact-reports.csv"')
      .send(body);
  });
}
