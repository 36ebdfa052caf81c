import { patched, proxyActivities, proxyLocalActivities } from '@temporalio/workflow';
import type { Activities } from '../activities';

/** Retries never give up: every activity is idempotent, and a database or SMTP outage must delay a journey, not fail it. */
export const retry = { initialInterval: '1s', backoffCoefficient: 2, maximumInterval: '1 minute' } as const;

/** The activities as workflows call them, each a task dispatched through the Temporal server. */
export const activities = proxyActivities<Activities>({ startToCloseTimeout: '1 minute', retry });

/**
 * The same activities run as local activities: inside the workflow's own task, with no round trip
 * through the server, one history marker instead of three events and no extra workflow task.
 * If the worker dies during one, the workflow task times out (10 s) and another worker runs it
 * again, as it would retry a normal activity.
 */
const localActivities = proxyLocalActivities<Activities>({ startToCloseTimeout: '1 minute', retry });

/** Patch id of the change that made the short steps local (docs/workflow-versioning.md). */
export const shortStepsPatch = 'short-steps-as-local-activities';

/**
 * The proxies for a workflow's short, frequent steps (a Postgres write, the one email that opens a
 * request): local since `shortStepsPatch`, normal before. Call it once at the start of a workflow
 * run: a run that started on the old code replays with `patched()` false and keeps normal
 * activities to its end; every new run (also after continue-as-new) records the marker.
 */
export function shortStepActivities(): typeof activities | typeof localActivities {
  return patched(shortStepsPatch) ? localActivities : activities;
}
