import { executeChild, proxyActivities, setHandler, upsertSearchAttributes, uuid4, workflowInfo } from '@temporalio/workflow';
import type { Activities } from '../activities';
import type { JourneyStage, JourneyStatus } from '../domain/journey';
import { JourneyStageKey } from '../domain/search-attributes';
import { requestWorkflowId } from '../domain/workflow-ids';
import { type JourneyInput, type JourneyState, journeyStateQuery, type RequestOutcome } from './definitions';
import { request } from './request';

const { ensurePartnerRecorded, recordJourneyProgress } = proxyActivities<Activities>({
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '1s', backoffCoefficient: 2, maximumInterval: '1 minute' },
});

/** A partner's journey through the pact (`journey-<partnerId>`): intent → commitment → prototype → monitoring. */
export async function partnerJourney(input: JourneyInput): Promise<JourneyState> {
  const { partner } = input;
  const state: JourneyState = { stage: 'intent', status: 'waiting_partner', pendingRequests: [], decisions: [] };
  setHandler(journeyStateQuery, () => state);

  async function moveTo(stage: JourneyStage, status: JourneyStatus, event: { type: string; summary: string; data?: Record<string, unknown> }) {
    state.stage = stage;
    state.status = status;
    upsertSearchAttributes([{ key: JourneyStageKey, value: stage }]);
    await recordJourneyProgress.executeWithOptions({ summary: event.summary }, [
      {
        partnerId: partner.id,
        workflowId: workflowInfo().workflowId,
        stage,
        status,
        event: { partnerId: partner.id, key: `${workflowInfo().workflowId}/${event.type}/${state.decisions.length}`, ...event },
      },
    ]);
  }

  await ensurePartnerRecorded({ partner, contacts: input.contacts });
  await moveTo('intent', 'waiting_partner', { type: 'journey_started', summary: `${partner.name} joined the pact; intent requested` });
  const intent = await askFor('intent', input.coordinator, {});
  state.decisions.push({ at: new Date().toISOString(), what: `intent ${intent.status}` });
  return state;

  async function askFor(kind: 'intent', recipient: JourneyInput['coordinator'], payload: Record<string, unknown>): Promise<RequestOutcome> {
    const requestId = uuid4();
    state.pendingRequests.push({ requestId, kind, recipient: recipient.email });
    try {
      return await executeChild(request, {
        workflowId: requestWorkflowId(requestId),
        args: [{ requestId, partner: { id: partner.id, name: partner.name }, journeyPartnerId: partner.id, kind, recipient, payload, policy: input.policy }],
        staticSummary: `${kind} request to ${recipient.name}`,
      });
    } finally {
      state.pendingRequests = state.pendingRequests.filter((r) => r.requestId !== requestId);
    }
  }
}
