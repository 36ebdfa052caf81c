import { executeChild, uuid4 } from '@temporalio/workflow';
import { shortStepActivities } from './activity-proxies';
import type { ReportingPeriodInput, ReportingPeriodResult } from './definitions';
import { request, requestChildOptions } from './request';

/**
 * One monitoring period of one partner (`report-<partnerId>-<period>`): asks the coordinator for
 * the period's indicator values (with the usual reminders and escalation) and stores them.
 */
export async function reportingPeriod(input: ReportingPeriodInput): Promise<ReportingPeriodResult> {
  const { partner, period } = input;
  const { listIndicators, storeReport, recordReportMissing } = shortStepActivities();
  const indicators = await listIndicators({ language: input.coordinator.language });
  const requestId = uuid4();
  const outcome = await executeChild(request, {
    ...requestChildOptions(requestId),
    args: [
      {
        requestId,
        partner,
        recipient: input.coordinator,
        topic: { kind: 'report', period, indicators },
        policy: input.policy,
      },
    ],
    staticSummary: `report request for period ${period.label} to ${input.coordinator.name}`,
  });
  if (outcome.status === 'answered') {
    await storeReport({
      partnerId: partner.id,
      period,
      requestId,
      values: outcome.answer!.values as Record<string, number>,
    });
    return { period: period.label, status: 'submitted' };
  }
  await recordReportMissing({ partnerId: partner.id, period });
  return { period: period.label, status: 'missing' };
}
