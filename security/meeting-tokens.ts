import { createHmac } from 'node:crypto';

/**
 * Tokens of a meeting invitation: the answer link (`/m/<token>`) and the reply address
 * (reply+<token>@INBOUND_DOMAIN, also the invitation's ORGANIZER). Derived like a request's
 * (security/request-tokens.ts) from the meeting and the invited contact, so reminders and updated
 * invitations recompute them; the database holds only their SHA-256. Unlike a request's they are
 * not single-use: they answer until the meeting starts, and a later answer replaces the earlier.
 */
export function meetingLinkToken(secret: string, meetingId: string, contactId: number): string {
  return createHmac('sha256', secret).update(`meeting:${meetingId}:${contactId}`).digest('base64url');
}

export function meetingReplyToken(secret: string, meetingId: string, contactId: number): string {
  return createHmac('sha256', secret).update(`meeting-reply:${meetingId}:${contactId}`).digest('base64url');
}
