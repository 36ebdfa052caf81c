import { workflowInfo } from '@temporalio/workflow';
import { activities } from './activity-proxies';

/**
 * Started by Temporal Schedules (worker/schedules.ts). A scheduled run's workflow id names its
 * time, so it is the email's idempotency key: a retried run never mails staff twice.
 */

/** Weekly digest to staff: what is overdue, who waits on whom. */
export async function staffDigest(): Promise<void> {
  await activities.sendStaffDigest.executeWithOptions({ summary: 'email the weekly digest to staff' }, [
    { runKey: workflowInfo().workflowId },
  ]);
}

/** Quarterly learning-network summary: indicator totals per lever and sector. */
export async function networkSummary(): Promise<void> {
  await activities.sendNetworkSummary.executeWithOptions({ summary: 'email the learning-network summary to staff' }, [
    { runKey: workflowInfo().workflowId },
  ]);
}

/** Hourly: join requests from the public form whose address was not confirmed in time leave nothing. */
export async function expireJoinRequests(): Promise<{ deleted: number }> {
  return activities.expireJoinRequests.executeWithOptions(
    { summary: 'delete unconfirmed join requests past their time' },
    [],
  );
}
