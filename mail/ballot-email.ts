import type { Language } from '../domain/vocabulary';
import { ballotLinkToken, ballotReplyToken } from '../security/ballot-tokens';
import { replyAddress } from '../security/request-tokens';
import { tokenPath } from '../security/token-paths';
import type { Email } from './email';
import type { OutboxOptions } from './outbox';
import { type BallotEmailKind, renderBallotEmail } from './templates/ballot-email';

export interface BallotRecipient {
  id: number;
  partner_id: string;
  contact_id: number;
  token_generation: number;
  name: string;
  email: string;
  language: Language;
  partnerName: string;
}

export interface BallotRound {
  id: string;
  title: string;
  closes_at: Date;
  max_ranked: number;
  initiatives: { number: number; title: string }[];
}

interface Settings {
  tokenSecret: string;
  publicUrl: string;
  mailFrom: string;
  inboundDomain: string | undefined;
}

/**
 * One ballot email to one coordinator, with their link and reply address of the current generation;
 * its idempotency key names its purpose (`ballot`, `reminder/<n>`), so each goes out once.
 */
export function ballotEmail(
  settings: Settings,
  round: BallotRound,
  recipient: BallotRecipient,
  kind: BallotEmailKind,
  keyPart: string,
): { email: Email; options: OutboxOptions } {
  const link = ballotLinkToken(settings.tokenSecret, round.id, recipient.contact_id, recipient.token_generation);
  const replyTokenOf = ballotReplyToken(
    settings.tokenSecret,
    round.id,
    recipient.contact_id,
    recipient.token_generation,
  );
  const reply = settings.inboundDomain ? replyAddress(replyTokenOf, settings.inboundDomain) : undefined;
  const rendered = renderBallotEmail({
    kind,
    language: recipient.language,
    recipientName: recipient.name,
    partnerName: recipient.partnerName,
    title: round.title,
    closesAt: round.closes_at,
    maxRanked: round.max_ranked,
    initiatives: round.initiatives,
    link: `${settings.publicUrl}${tokenPath('ballot', link)}`,
    replyByEmail: reply !== undefined,
  });
  return {
    email: {
      idempotencyKey: `ballot/${round.id}/${keyPart}/${recipient.id}${recipient.token_generation ? `/g${recipient.token_generation}` : ''}`,
      to: recipient.email,
      partnerIds: [recipient.partner_id],
      ...(reply ? { replyTo: reply } : {}),
      ...rendered,
    },
    options: { from: settings.mailFrom, redact: [link, replyTokenOf] },
  };
}
