/** Workflow ids are part of the contract (README, "Administrators"): administrators find workflows by them. */

export const journeyWorkflowId = (partnerId: string) => `journey-${partnerId}`;
export const requestWorkflowId = (requestId: string) => `request-${requestId}`;
export const projectWorkflowId = (projectId: string) => `project-${projectId}`;
/** A follow-up meeting: about several partners, so its payloads use the global data key and carry ids only. */
export const meetingWorkflowId = (meetingId: string) => `meeting-${meetingId}`;
/** A prioritisation round: about several partners, so its payloads use the global data key and carry ids only. */
export const roundWorkflowId = (roundId: string) => `round-${roundId}`;
/** A CSV import of partners: about many partners, so its payloads use the global data key and carry ids only. */
export const partnerImportWorkflowId = (importId: string) => `partner-import-${importId}`;
export const reportingPeriodWorkflowId = (partnerId: string, period: string) => `report-${partnerId}-${period}`;

/**
 * A request's id starts with its partner's id (`<partnerId>-<uuid>`), so the payload codec can pick
 * the partner's data key from the workflow id alone (docs/privacy.md): a child's input is encoded
 * before any database row exists. Requests started before that have a bare uuid.
 */
export const partnerRequestId = (partnerId: string, uuid: string) => `${partnerId}-${uuid}`;

const uuidPattern = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}';
/** Period labels: relative (`p3`) and calendar (`2027-Q1`, `2027-03`, `2027`). */
const periodPattern = 'p\\d+|\\d{4}(?:-Q[1-4]|-\\d{2})?';
const partnerPatterns = [
  /^journey-(.+)$/,
  new RegExp(`^request-(.+)-${uuidPattern}$`),
  new RegExp(`^report-(.+)-(?:${periodPattern})$`),
];

/**
 * The partner whose personal data a workflow's payloads hold, read from its id; undefined for
 * workflows about several partners or none (projects, schedules, requests started before their
 * ids named the partner).
 */
export function partnerIdOfWorkflow(workflowId: string): string | undefined {
  for (const pattern of partnerPatterns) {
    const match = pattern.exec(workflowId);
    if (match) return match[1];
  }
  return undefined;
}
