// A deliberately broken change to the journey, for the replay test: the same activities in a
// different order. Replaying a stored journey history against it must fail.
import { activities } from '../../workflows/activity-proxies';
import type { JourneyInput } from '../../workflows/definitions';

export { prototypeProject, reportingPeriod, request } from '../../workflows';

export async function partnerJourney(input: JourneyInput): Promise<void> {
  await activities.recordJourneyProgress({
    partnerId: input.partner.id,
    workflowId: `journey-${input.partner.id}`,
    stage: 'intent',
    status: 'waiting_partner',
  });
  await activities.ensurePartnerRecorded({ partner: input.partner, contacts: input.contacts });
}
