import { ApplicationFailure } from '@temporalio/activity';
import { inviteesWithContact } from '../db/meeting-invitees';
import {
  type CalendarStamp,
  type MeetingStatus,
  meetingUid,
  type RsvpAnswer,
  type RsvpChannel,
} from '../domain/meetings';
import { meetingCalendar } from '../mail/meeting-calendar';
import { type MeetingEmailKind, renderMeetingEmail } from '../mail/templates/meeting-email';
import { replyAddress } from '../security/request-tokens';
import { meetingLinkToken, meetingReplyToken } from '../security/meeting-tokens';
import type { ActivityDeps } from './deps';
import { appendJourneyEvent } from './journey-events';

export function meetingActivities({ db, outbox, config }: ActivityDeps) {
  /** The meeting as stored; an activity for a newer SEQUENCE than the row waits for the API's commit. */
  async function loadMeeting(meetingId: string, sequence: number) {
    const meeting = await db.selectFrom('meetings').selectAll().where('id', '=', meetingId).executeTakeFirstOrThrow();
    if (meeting.sequence < sequence)
      throw ApplicationFailure.retryable(
        `meeting ${meetingId} is at sequence ${meeting.sequence}, waiting for ${sequence}`,
      );
    return meeting;
  }

  async function loadInvitees(meetingId: string, inviteeIds: number[]) {
    if (!inviteeIds.length) return [];
    return inviteesWithContact(db)
      .select(['meeting_invitees.contact_id', 'contacts.email', 'contacts.language'])
      .where('meeting_invitees.meeting_id', '=', meetingId)
      .where('meeting_invitees.id', 'in', inviteeIds)
      .orderBy('meeting_invitees.id')
      .execute();
  }

  /** Mails one meeting email per invitee, each at most once (its idempotency key names the purpose). */
  async function mailInvitees(
    meetingId: string,
    sequence: number,
    inviteeIds: number[],
    kind: MeetingEmailKind,
    keyPart: string,
  ): Promise<void> {
    const meeting = await loadMeeting(meetingId, sequence);
    const domain = config.inbound.domain;
    for (const invitee of await loadInvitees(meetingId, inviteeIds)) {
      // An erased contact has no address left to write to.
      if (!invitee.email.includes('@')) continue;
      const link = meetingLinkToken(config.tokenSecret, meetingId, invitee.contact_id);
      const replyTokenOf = meetingReplyToken(config.tokenSecret, meetingId, invitee.contact_id);
      const reply = domain ? replyAddress(replyTokenOf, domain) : undefined;
      const organizer = reply ?? config.mailFrom;
      const email = renderMeetingEmail({
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
        link: `${config.publicUrl}/m/${link}`,
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
                uid: meetingUid(meetingId, config.mailFrom),
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
      await outbox.send(
        {
          idempotencyKey: `meeting/${meetingId}/${keyPart}/${invitee.id}`,
          to: invitee.email,
          partnerIds: [invitee.partner_id],
          ...(reply ? { replyTo: reply } : {}),
          ...email,
          ...(calendar ? { calendar } : {}),
        },
        // From equals the ORGANIZER, so calendar clients accept the invitation as the organiser's.
        { from: calendar ? organizer : config.mailFrom, redact: [link, replyTokenOf] },
      );
      if (kind !== 'reminder' && kind !== 'day_before')
        await appendJourneyEvent(db, {
          partnerId: invitee.partner_id,
          key: `meeting/${meetingId}/${keyPart}/${invitee.id}`,
          type: `meeting_${kind}`,
          summary: `meeting ${meetingId}: ${kind} to contact ${invitee.contact_id}`,
          data: { meetingId, inviteeId: invitee.id, sequence },
        });
    }
  }

  return {
    /** The invitation (SEQUENCE 0), an updated one (SEQUENCE+1; answers cleared when the day changed), or the CANCEL. */
    async sendMeetingInvitations(input: {
      meetingId: string;
      sequence: number;
      method: 'REQUEST' | 'CANCEL';
      inviteeIds: number[];
      clearAnswers: boolean;
    }): Promise<void> {
      if (input.clearAnswers)
        await db
          .updateTable('meeting_invitees')
          .set({
            answer: null,
            answer_via: null,
            answer_texts_id: null,
            answered_at: null,
            calendar_sequence: null,
            calendar_dtstamp: null,
          })
          .where('meeting_id', '=', input.meetingId)
          .execute();
      const kind = input.method === 'CANCEL' ? 'cancellation' : input.sequence === 0 ? 'invitation' : 'update';
      await mailInvitees(input.meetingId, input.sequence, input.inviteeIds, kind, `${input.sequence}/${input.method}`);
    },

    async remindMeetingInvitees(input: {
      meetingId: string;
      sequence: number;
      inviteeIds: number[];
      reminder: 'unanswered' | 'day_before';
      number: number;
    }): Promise<void> {
      const kind = input.reminder === 'unanswered' ? 'reminder' : 'day_before';
      await mailInvitees(
        input.meetingId,
        input.sequence,
        input.inviteeIds,
        kind,
        `${kind}/${input.sequence}/${input.number}`,
      );
    },

    /** An invitee's current answer, replacing the earlier one, and a line in their partner's timeline. */
    async recordMeetingRsvp(input: {
      meetingId: string;
      inviteeId: number;
      answer: RsvpAnswer;
      via: RsvpChannel;
      textsId?: string;
      calendar?: CalendarStamp;
      sequence: number;
      /** Numbers the answers of the meeting, so each is its own timeline event. */
      change: number;
    }): Promise<void> {
      await db.transaction().execute(async (tx) => {
        const invitee = await tx
          .updateTable('meeting_invitees')
          .set({
            answer: input.answer,
            answer_via: input.via,
            answer_texts_id: input.textsId ?? null,
            answered_at: new Date(),
            calendar_sequence: input.calendar?.sequence ?? null,
            calendar_dtstamp: input.calendar?.dtstamp ?? null,
          })
          .where('id', '=', input.inviteeId)
          .returning(['partner_id', 'contact_id'])
          .executeTakeFirstOrThrow();
        await appendJourneyEvent(tx, {
          partnerId: invitee.partner_id,
          key: `meeting/${input.meetingId}/rsvp/${input.inviteeId}/${input.change}`,
          type: 'meeting_answer',
          summary: `meeting ${input.meetingId}: contact ${invitee.contact_id} answered ${input.answer} (${input.via})`,
          data: { meetingId: input.meetingId, inviteeId: input.inviteeId, answer: input.answer, via: input.via },
        });
      });
    },

    /** Who came and who did not, in each invitee's partner timeline (the rows were written with the minutes). */
    async recordMeetingAttendance({ meetingId, attended }: { meetingId: string; attended: number[] }): Promise<void> {
      const invitees = await db
        .selectFrom('meeting_invitees')
        .select(['id', 'partner_id', 'contact_id'])
        .where('meeting_id', '=', meetingId)
        .execute();
      for (const invitee of invitees) {
        const came = attended.includes(invitee.id);
        await appendJourneyEvent(db, {
          partnerId: invitee.partner_id,
          key: `meeting/${meetingId}/attendance/${invitee.id}`,
          type: came ? 'meeting_attended' : 'meeting_absent',
          summary: `meeting ${meetingId}: contact ${invitee.contact_id} ${came ? 'attended' : 'was absent'}`,
          data: { meetingId, inviteeId: invitee.id },
        });
      }
    },

    async recordMeetingStatus({ meetingId, status }: { meetingId: string; status: MeetingStatus }): Promise<void> {
      await db.updateTable('meetings').set({ status, updated_at: new Date() }).where('id', '=', meetingId).execute();
    },
  };
}
