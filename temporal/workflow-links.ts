import type { Client, WorkflowHandle } from '@temporalio/client';
import type { Config } from '../config/config';
import { temporalUiPath } from '../config/temporal-ui';
import type { Db } from '../db/connection';
import { ApiError } from '../http/api-error';
import { reachableWorkflow } from './client';

/** A workflow in the Temporal UI the app serves to administrators; undefined when it has none (TEMPORAL_UI_UPSTREAM). */
export function temporalUiUrl(config: Config, workflowId: string): string | undefined {
  const { uiUpstream, namespace } = config.temporal;
  return uiUpstream
    ? `${config.publicUrl}${temporalUiPath}/namespaces/${encodeURIComponent(namespace)}/workflows/${encodeURIComponent(workflowId)}`
    : undefined;
}

/** The same link on a staff page: only administrators can open the UI, so only they are shown it. */
export const temporalUiLinkFor = (
  user: { role: string } | undefined,
  config: Config,
  workflowId: string,
): string | undefined => (user?.role === 'admin' ? temporalUiUrl(config, workflowId) : undefined);

/** The handle of a partner's journey, found through its read model (404 for an unknown partner, 503 while Temporal is away). */
export async function journeyHandle(deps: { db: Db; temporal: Client }, partnerId: string): Promise<WorkflowHandle> {
  const found = await deps.db
    .selectFrom('journeys')
    .select('workflow_id')
    .where('partner_id', '=', partnerId)
    .executeTakeFirst();
  if (!found) throw new ApiError(404, 'partner_not_found', `There is no partner with id "${partnerId}".`);
  return reachableWorkflow(deps.temporal, found.workflow_id);
}
