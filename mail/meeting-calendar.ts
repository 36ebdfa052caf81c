import { TZDate } from '@date-fns/tz';
import ical, { ICalAttendeeRole, ICalAttendeeStatus, ICalCalendarMethod, ICalEventStatus } from 'ical-generator';
import { partstatOfAnswer, type RsvpAnswer } from '../domain/meetings';

/** Europe/Brussels as a VTIMEZONE (EU rules since 1996): invitations carry it, so every client shows the right hour. */
const brusselsTimezone = [
  'BEGIN:VTIMEZONE',
  'TZID:Europe/Brussels',
  'X-LIC-LOCATION:Europe/Brussels',
  'BEGIN:DAYLIGHT',
  'TZOFFSETFROM:+0100',
  'TZOFFSETTO:+0200',
  'TZNAME:CEST',
  'DTSTART:19700329T020000',
  'RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU',
  'END:DAYLIGHT',
  'BEGIN:STANDARD',
  'TZOFFSETFROM:+0200',
  'TZOFFSETTO:+0100',
  'TZNAME:CET',
  'DTSTART:19701025T030000',
  'RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU',
  'END:STANDARD',
  'END:VTIMEZONE',
].join('\r\n');

export type InvitationMethod = 'REQUEST' | 'CANCEL';

export interface MeetingInvitation {
  method: InvitationMethod;
  /** One per meeting, the same in every invitation, update and cancellation (`<meetingId>@<domain>`). */
  uid: string;
  sequence: number;
  start: Date;
  end: Date;
  title: string;
  description: string;
  location: string;
  url?: string;
  /** Where calendar clients send their REPLY: the invitee's reply address when reply-by-email is on. */
  organizer: { name: string; email: string };
  attendee: { name: string; email: string; answer?: RsvpAnswer };
  /** DTSTAMP: when this invitation was written. */
  stamp: Date;
}

/**
 * A name as a quoted parameter value (CN) holds it, RFC 6868: `"` as `^'`, `^` as `^^`.
 * ical-generator writes `\"`, which ends the value for every parser, so "An "Annie" Peeters"
 * would reach calendars as `An \`.
 */
const parameterText = (text: string) => text.replace(/\^/g, '^^').replace(/"/g, "^'");

/** An iMIP invitation (RFC 6047) for one invitee: METHOD:REQUEST or CANCEL, in Brussels time. */
export function meetingCalendar(invitation: MeetingInvitation): string {
  const calendar = ical({
    prodId: { company: 'Integratiepact', product: 'Integratiepact engine', language: 'NL' },
    method: invitation.method === 'CANCEL' ? ICalCalendarMethod.CANCEL : ICalCalendarMethod.REQUEST,
    // No calendar-wide zone (it would write DTSTAMP in local time, not UTC): the event names Brussels,
    // and the generator adds its VTIMEZONE.
    timezone: { name: null, generator: (zone) => (zone === 'Europe/Brussels' ? brusselsTimezone : null) },
  });
  const { attendee } = invitation;
  calendar.createEvent({
    id: invitation.uid,
    sequence: invitation.sequence,
    stamp: invitation.stamp,
    start: new TZDate(invitation.start, 'Europe/Brussels'),
    end: new TZDate(invitation.end, 'Europe/Brussels'),
    timezone: 'Europe/Brussels',
    summary: invitation.title,
    description: invitation.description,
    location: invitation.location,
    url: invitation.url ?? null,
    status: invitation.method === 'CANCEL' ? ICalEventStatus.CANCELLED : ICalEventStatus.CONFIRMED,
    organizer: { ...invitation.organizer, name: parameterText(invitation.organizer.name) },
    attendees: [
      {
        name: parameterText(attendee.name),
        email: attendee.email,
        rsvp: invitation.method === 'REQUEST',
        role: ICalAttendeeRole.REQ,
        status: attendee.answer
          ? (partstatOfAnswer[attendee.answer] as ICalAttendeeStatus)
          : ICalAttendeeStatus.NEEDSACTION,
      },
    ],
  });
  return calendar.toString();
}
