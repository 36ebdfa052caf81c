import { proxyActivities } from '@temporalio/workflow';
import type { Activities } from '../activities';

/**
 * The activities as workflows call them. Retries never give up: every activity is idempotent,
 * and a database or SMTP outage must delay a journey, not fail it.
 */
export const activities = proxyActivities<Activities>({
  startToCloseTimeout: '1 minute',
  retry: { initialInterval: '1s', backoffCoefficient: 2, maximumInterval: '1 minute' },
});
