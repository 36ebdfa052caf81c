/** Workflow ids are part of the contract (DESIGN §3): administrators find workflows by them. */

export const journeyWorkflowId = (partnerId: string) => `journey-${partnerId}`;
export const requestWorkflowId = (requestId: string) => `request-${requestId}`;
export const projectWorkflowId = (projectId: string) => `project-${projectId}`;
export const reportingPeriodWorkflowId = (partnerId: string, period: string) => `report-${partnerId}-${period}`;
