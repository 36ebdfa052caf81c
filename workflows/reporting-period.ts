import { executeChild } from '@temporalio/workflow';
import type { TopicOf } from '../domain/request-topics';
import { shortStepActivities } from './activity-proxies';
import type { ReportingPeriodInput, ReportingPeriodResult } from './definitions';
import { answered, newRequestId, request, requestChildOptions } from './request';

/**
 * One monitoring period of one partner (`report-<partnerId>-<period>`): asks the coordinator for
 * the period's indicator values (with the usual reminders and escalation) and stores them.
 */
export async function reportingPeriod(input: ReportingPeriodInput): Promise<ReportingPeriodResult> {
  const { partner, period } = input;
  const { listIndicators, storeReport, recordReportMissing } = shortStepActivities();
  const { coordinator } = input;
  // Since v3 the coordinator is a reference: the activity reads their language from Postgres.
  const indicators = await listIndicators(
    'language' in coordinator ? { language: coordinator.language } : { partnerId: partner.id, contact: coordinator },
  );
  const requestId = newRequestId(partner.id);
  const outcome = await executeChild(request<TopicOf<'report'>>, {
    ...requestChildOptions(requestId),
    args: [
      {
        requestId,
        partner,
        recipient: coordinator,
        topic: { kind: 'report', period, indicators },
        policy: input.policy,
      },
    ],
    staticSummary: `report request for period ${period.label} to the coordinator of ${partner.name}`,
  });
  const report = answered(outcome);
  if (report) {
    await storeReport({ partnerId: partner.id, period, requestId, values: report.answer.values });
    return { period: period.label, status: 'submitted' };
  }
  await recordReportMissing({ partnerId: partner.id, period });
  return { period: period.label, status: 'missing' };
}
