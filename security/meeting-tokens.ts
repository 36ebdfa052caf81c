import { createHmac } from 'node:crypto';

/**
 * Tokens of a meeting invitation: the answer link (`/m/<token>`) and the reply address
 * (reply+<token>@INBOUND_DOMAIN, also the invitation's ORGANIZER). Derived like a request's
 * (security/request-tokens.ts) from the meeting, the invited contact and a generation, so reminders
 * and updated invitations recompute them; the database holds only their SHA-256. Correcting the
 * invitee's address bumps the generation, which revokes the links mailed to the old one. Unlike a
 * request's they are not single-use: they answer until the meeting starts, and a later answer
 * replaces the earlier. Generation 0 is the derivation from before generations, so links already
 * mailed keep working.
 */
export function meetingLinkToken(secret: string, meetingId: string, contactId: number, generation: number): string {
  return meetingToken(secret, `meeting:${meetingId}:${contactId}`, generation);
}

export function meetingReplyToken(secret: string, meetingId: string, contactId: number, generation: number): string {
  return meetingToken(secret, `meeting-reply:${meetingId}:${contactId}`, generation);
}

const meetingToken = (secret: string, subject: string, generation: number) =>
  createHmac('sha256', secret)
    .update(generation ? `${subject}:${generation}` : subject)
    .digest('base64url');
