import type { Client, WorkflowHandle } from '@temporalio/client';
import { requestWorkflowId } from '../../domain/workflow-ids';

/** The workflow that asks one request (workflows/request.ts), by the request's id: the one lookup of its handle. */
export function requestWorkflow(temporal: Client, requestId: string): WorkflowHandle {
  return temporal.workflow.getHandle(requestWorkflowId(requestId));
}
