import { createHmac } from 'node:crypto';

/**
 * Tokens of a prioritisation ballot: the ranking link (`/b/<token>`) and the reply address
 * (reply+<token>@INBOUND_DOMAIN). Derived like a meeting invitation's (meeting-tokens.ts) from the
 * round, the coordinator's contact and a generation, so reminders recompute them; the database holds
 * only their SHA-256. Not single-use: they rank until the round closes, and the last ranking counts.
 */
export function ballotLinkToken(secret: string, roundId: string, contactId: number, generation: number): string {
  return ballotToken(secret, `ballot:${roundId}:${contactId}`, generation);
}

export function ballotReplyToken(secret: string, roundId: string, contactId: number, generation: number): string {
  return ballotToken(secret, `ballot-reply:${roundId}:${contactId}`, generation);
}

const ballotToken = (secret: string, subject: string, generation: number) =>
  createHmac('sha256', secret).update(`${subject}:${generation}`).digest('base64url');
