import { type Client, ScheduleAlreadyRunning } from '@temporalio/client';
import type { Config } from '../config/config';
import type * as workflows from '../workflows';

/** A workflow the worker runs, by the name a schedule starts it under (checked against workflows/index.ts). */
type WorkflowName = keyof typeof workflows;

/** The pact's recurring emails to staff and clean-ups, as Temporal Schedules (visible and pausable in the UI). */
export const schedules = [
  {
    scheduleId: 'staff-digest',
    workflowType: 'staffDigest' satisfies WorkflowName,
    cron: '0 8 * * MON',
    note: 'weekly digest to staff: overdue requests, who waits on whom',
  },
  {
    scheduleId: 'network-summary',
    workflowType: 'networkSummary' satisfies WorkflowName,
    // A month into each quarter: with PACT_EXPIRE_AFTER's 30 days every report of the quarter before is
    // in or has expired by then (domain/reporting-periods.ts, `summaryQuarter`).
    cron: '0 8 1 2,5,8,11 *',
    note: 'quarterly learning-network summary: indicator totals per lever and sector of the last complete quarter',
  },
  {
    scheduleId: 'join-request-expiry',
    workflowType: 'expireJoinRequests' satisfies WorkflowName,
    cron: '17 * * * *',
    note: 'hourly: delete join requests from the public form whose address was not confirmed within 72 hours',
  },
] as const;

/**
 * Creates the schedules once; on later starts they already exist and are left as staff set them.
 * `idPrefix` lets several deployments (or test runs) share one namespace.
 */
export async function ensureSchedules(client: Client, config: Config, idPrefix = ''): Promise<void> {
  for (const schedule of schedules) {
    try {
      await client.schedule.create({
        scheduleId: `${idPrefix}${schedule.scheduleId}`,
        spec: { cronExpressions: [schedule.cron], timezone: 'Europe/Brussels' },
        action: {
          type: 'startWorkflow',
          workflowType: schedule.workflowType,
          taskQueue: config.temporal.taskQueue,
          args: [] satisfies Parameters<(typeof workflows)[typeof schedule.workflowType]>,
        },
        memo: { note: schedule.note },
      });
    } catch (error) {
      if (!(error instanceof ScheduleAlreadyRunning)) throw error;
    }
  }
}
