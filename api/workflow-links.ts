import type { WorkflowHandle } from '@temporalio/client';
import type { Config } from '../config/config';
import { ApiError } from '../http/api-error';
import type { ApiDeps } from './deps';
import { reachableWorkflow } from './temporal-client';

/** A workflow in the Temporal UI, for administrators; undefined when no UI is configured (TEMPORAL_UI_URL). */
export function temporalUiUrl(config: Config, workflowId: string): string | undefined {
  const { uiUrl, namespace } = config.temporal;
  return uiUrl && `${uiUrl}/namespaces/${encodeURIComponent(namespace)}/workflows/${encodeURIComponent(workflowId)}`;
}

/** The handle of a partner's journey, found through its read model (404 for an unknown partner, 503 while Temporal is away). */
export async function journeyHandle(
  deps: Pick<ApiDeps, 'db' | 'temporal'>,
  partnerId: string,
): Promise<WorkflowHandle> {
  const found = await deps.db
    .selectFrom('journeys')
    .select('workflow_id')
    .where('partner_id', '=', partnerId)
    .executeTakeFirst();
  if (!found) throw new ApiError(404, 'partner_not_found', `There is no partner with id "${partnerId}".`);
  return reachableWorkflow(deps.temporal, found.workflow_id);
}
