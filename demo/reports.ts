import type { Organisation } from './cast';
import type { Inbox } from './inbox';
import { answerRequest, partnerOf, pause } from './journeys';
import type { PactApi } from './pact-api';
import { peopleOf } from './people';

/** How many periods the reporting partners report on before the pact counts as loaded. */
export const reportedPeriods = 3;

/**
 * A partner in monitoring reports on each period through the link in the email that asks for it,
 * until it has reported `reportedPeriods` times (counted on its timeline, so a second run stops there).
 * The figures grow a little each period.
 */
export async function reportPeriods(api: PactApi, inbox: Inbox, organisation: Organisation): Promise<void> {
  const { id } = peopleOf(organisation);
  for (;;) {
    const partner = (await partnerOf(api, id))!;
    const reported = partner.timeline.filter((e) => e.type === 'report_submitted').length;
    if (reported >= reportedPeriods || partner.stage !== 'monitoring') return;
    const request = partner.pendingRequests.find((r) => r.kind === 'report');
    if (!request) {
      await pause(1000); // the period has not ended yet
      continue;
    }
    const base = 2 + (organisation.name.length % 5);
    await answerRequest(api, inbox, id, request, {
      values: { placements_offered: base + reported * 2, staff_trained: base * 3 + reported },
      narrative: `Periode ${reported + 1}: ${organisation.summary}`,
    });
  }
}
