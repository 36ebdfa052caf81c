import type { Priority } from '@temporalio/common';

/**
 * Task priorities (Temporal Task Queue Priority: 1 is dispatched first, 3 is the default).
 *
 * A partner who clicks "approve" waits on the page until their request workflow confirms the
 * answer, so request workflows go before the follow-up work of journeys, projects and reporting
 * periods (recording progress, starting the next step), which nobody watches in real time. Under a
 * burst of answers the follow-ups queue for a moment instead of the people (docs/benchmarks.md).
 * Server 1.29 dispatches by priority only with the settings in deploy/temporal/dynamicconfig.yaml,
 * which docker-compose, the cluster and the dev server all read (dev/temporal-settings.ts).
 */
export const personWaitingPriority: Priority = { priorityKey: 1 };
