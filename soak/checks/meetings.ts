import type { SoakSystem } from '../system';
import { checked, type CheckResult } from './check';

/** Each invitee's answer, as the meeting records it, is the last one they gave. */
export async function checkMeetings(
  system: SoakSystem,
  lastAnswers: Map<string, Map<string, string>>,
): Promise<CheckResult> {
  const problems: string[] = [];
  let answers = 0;
  for (const [meetingId, last] of lastAnswers) {
    const invitees = await system.db
      .selectFrom('meeting_invitees')
      .select(['partner_id', 'answer'])
      .where('meeting_id', '=', meetingId)
      .execute();
    for (const [partnerId, answer] of last) {
      answers += 1;
      const recorded = invitees.find((i) => i.partner_id === partnerId)?.answer;
      if (recorded !== answer)
        problems.push(`meeting ${meetingId}, ${partnerId}: recorded ${recorded}, last answer ${answer}`);
    }
  }
  return checked(
    'meeting answers kept',
    problems,
    `${lastAnswers.size} meetings, ${answers} invitees' last answers recorded`,
  );
}
