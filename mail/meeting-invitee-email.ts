import type { Selectable } from 'kysely';
import type { MeetingsTable } from '../db/schema';
import { meetingUid, type RsvpAnswer } from '../domain/meetings';
import type { Language } from '../domain/vocabulary';
import { replyAddress } from '../security/request-tokens';
import { meetingLinkToken, meetingReplyToken } from '../security/meeting-tokens';
import type { Email } from './email';
import { meetingCalendar } from './meeting-calendar';
import { messageIdFor, type OutboxOptions } from './outbox';
import { type MeetingEmailKind, renderMeetingEmail } from './templates/meeting-email';
import { tokenPath } from '../security/token-paths';

export interface MeetingInvitee {
  id: number;
  partner_id: string;
  contact_id: number;
  token_generation: number;
  name: string;
  email: string;
  language: Language;
  partnerName: string;
  answer: RsvpAnswer | null;
}

interface Settings {
  tokenSecret: string;
  publicUrl: string;
  mailFrom: string;
  inboundDomain: string | undefined;
}

/**
 * An email's idempotency key: its purpose (`<sequence>/<method>`, `reminder/…`) per invitee, and
 * the link generation once the invitee's address was corrected, so the new address gets its own.
 */
export const meetingEmailKey = (
  meetingId: string,
  keyPart: string,
  invitee: Pick<MeetingInvitee, 'id' | 'token_generation'>,
) => `meeting/${meetingId}/${keyPart}/${invitee.id}${invitee.token_generation ? `/g${invitee.token_generation}` : ''}`;

/**
 * One meeting email to one invitee, with their link and reply address of the current generation:
 * the invitation, an update, the CANCEL (each with the calendar as it stands), or a reminder.
 * Everything after the invitation answers it (In-Reply-To, References), so mail clients keep one thread.
 */
export function meetingInviteeEmail(
  settings: Settings,
  meeting: Selectable<MeetingsTable>,
  invitee: MeetingInvitee,
  kind: MeetingEmailKind,
  keyPart: string,
): { email: Email; options: OutboxOptions } {
  const link = meetingLinkToken(settings.tokenSecret, meeting.id, invitee.contact_id, invitee.token_generation);
  const replyTokenOf = meetingReplyToken(
    settings.tokenSecret,
    meeting.id,
    invitee.contact_id,
    invitee.token_generation,
  );
  const reply = settings.inboundDomain ? replyAddress(replyTokenOf, settings.inboundDomain) : undefined;
  const organizer = reply ?? settings.mailFrom;
  const rendered = renderMeetingEmail({
    kind,
    language: invitee.language,
    recipientName: invitee.name,
    partnerName: invitee.partnerName,
    title: meeting.title,
    startsAt: meeting.starts_at,
    endsAt: meeting.ends_at,
    place: meeting.place,
    onlineUrl: meeting.online_url ?? undefined,
    agenda: meeting.agenda,
    link: `${settings.publicUrl}${tokenPath('meeting', link)}`,
    replyByEmail: reply !== undefined,
    answer: invitee.answer ?? undefined,
  });
  // The day-before note is a plain email; every other one carries the invitation as it stands.
  const method = kind === 'cancellation' ? 'CANCEL' : 'REQUEST';
  const calendar =
    kind === 'day_before'
      ? undefined
      : ({
          method,
          content: meetingCalendar({
            method,
            uid: meetingUid(meeting.id, settings.mailFrom),
            sequence: meeting.sequence,
            start: meeting.starts_at,
            end: meeting.ends_at,
            title: meeting.title,
            description: meeting.agenda,
            location: meeting.online_url ? `${meeting.place} (${meeting.online_url})` : meeting.place,
            url: meeting.online_url ?? undefined,
            organizer: { name: 'Integratiepact', email: organizer },
            attendee: { name: invitee.name, email: invitee.email, answer: invitee.answer ?? undefined },
            stamp: new Date(),
          }),
        } as const);
  // The invitation went out from its ORGANIZER, whose domain its Message-ID carries (mail/outbox.ts).
  const invitation = messageIdFor(
    meetingEmailKey(meeting.id, '0/REQUEST', { id: invitee.id, token_generation: 0 }),
    organizer,
  );
  const thread = kind === 'invitation' ? {} : { headers: { 'In-Reply-To': invitation, References: invitation } };
  return {
    email: {
      idempotencyKey: meetingEmailKey(meeting.id, keyPart, invitee),
      to: invitee.email,
      partnerIds: [invitee.partner_id],
      ...(reply ? { replyTo: reply } : {}),
      ...rendered,
      ...thread,
      ...(calendar ? { calendar } : {}),
    },
    // From equals the ORGANIZER, so calendar clients accept the invitation as the organiser's.
    options: { from: calendar ? organizer : settings.mailFrom, redact: [link, replyTokenOf] },
  };
}
