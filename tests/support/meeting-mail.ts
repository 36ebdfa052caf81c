import ICAL from 'ical.js';
import { simpleParser } from 'mailparser';
import MailComposer from 'nodemailer/lib/mail-composer';
import { brusselsLocal } from '../../domain/brussels-time';
import type { CaughtMessage } from './mail-inbox';

/** An invitation's calendar part as a calendar client reads it (ical.js): what the tests check. */
export interface ReadInvitation {
  method: string;
  uid: string;
  sequence: number;
  status: string;
  organizer: string;
  attendees: { email: string; name: string; rsvp: string; partstat: string }[];
  start: string;
  timezones: string[];
  /** The .ics attachment is the same calendar. */
  attachedIcs: boolean;
  /** Content-Type of the calendar alternative, e.g. `text/calendar; method=REQUEST; charset=utf-8`. */
  contentType: string;
}

export async function readInvitation(message: CaughtMessage): Promise<ReadInvitation> {
  const parsed = await simpleParser(message.raw);
  const parts = parsed.attachments.filter(
    (a) => a.contentType === 'text/calendar' || a.contentType === 'application/ics',
  );
  const part = parts.find((a) => a.contentType === 'text/calendar') ?? parts[0];
  if (!part) throw new Error(`no calendar part in "${message.subject}"`);
  const calendar = new ICAL.Component(ICAL.parse(part.content.toString('utf8')));
  const event = calendar.getFirstSubcomponent('vevent')!;
  const mail = (value: unknown) => String(value).replace(/^mailto:/i, '');
  const contentTypeLine = /Content-Type: text\/calendar[^\r\n]*(?:\r?\n[ \t][^\r\n]*)*/i.exec(message.raw)?.[0] ?? '';
  return {
    method: String(calendar.getFirstPropertyValue('method')),
    uid: String(event.getFirstPropertyValue('uid')),
    sequence: Number(event.getFirstPropertyValue('sequence')),
    status: String(event.getFirstPropertyValue('status')),
    organizer: mail(event.getFirstPropertyValue('organizer')),
    attendees: event.getAllProperties('attendee').map((p) => ({
      email: mail(p.getFirstValue()),
      name: String(p.getParameter('cn')),
      rsvp: String(p.getParameter('rsvp')),
      partstat: String(p.getParameter('partstat')),
    })),
    start: String(event.getFirstProperty('dtstart')?.toICALString()),
    timezones: calendar.getAllSubcomponents('vtimezone').map((z) => String(z.getFirstPropertyValue('tzid'))),
    attachedIcs: parts.some((a) => a.contentType === 'application/ics' || a.filename?.endsWith('.ics')),
    contentType: contentTypeLine.replace(/\s+/g, ' ').replace(/^Content-Type: /i, ''),
  };
}

/** A Brussels local time `days` from now at `hour`:00, as staff type it. */
export function brusselsAt(days: number, hour: number): string {
  return `${brusselsLocal(Date.now() + days * 86_400_000).slice(0, 10)}T${String(hour).padStart(2, '0')}:00`;
}

export interface CalendarReplyOptions {
  client: 'outlook' | 'google';
  method?: 'REPLY' | 'COUNTER';
  from: string;
  to: string;
  uid: string;
  sequence: number;
  dtstamp: Date;
  attendee: string;
  partstat: 'ACCEPTED' | 'DECLINED' | 'TENTATIVE';
  organizer: string;
  subject: string;
}

const icsStamp = (d: Date) =>
  d
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}/, '');

/**
 * A calendar client's iMIP answer as it comes in. Outlook: multipart/alternative, text/plain and
 * `text/calendar; method=REPLY`, times with TZID and its VTIMEZONE. Google Calendar: the same
 * alternative with HTML, plus the calendar again as an `invite.ics` attachment (application/ics), UTC times.
 */
export async function calendarReply(o: CalendarReplyOptions): Promise<Buffer> {
  const method = o.method ?? 'REPLY';
  const word = { ACCEPTED: 'Accepted', DECLINED: 'Declined', TENTATIVE: 'Tentative' }[o.partstat];
  const times =
    o.client === 'outlook'
      ? [
          'BEGIN:VTIMEZONE',
          'TZID:Romance Standard Time',
          'BEGIN:STANDARD',
          'DTSTART:16010101T030000',
          'TZOFFSETFROM:+0200',
          'TZOFFSETTO:+0100',
          'RRULE:FREQ=YEARLY;BYDAY=-1SU;BYMONTH=10',
          'END:STANDARD',
          'BEGIN:DAYLIGHT',
          'DTSTART:16010101T020000',
          'TZOFFSETFROM:+0100',
          'TZOFFSETTO:+0200',
          'RRULE:FREQ=YEARLY;BYDAY=-1SU;BYMONTH=3',
          'END:DAYLIGHT',
          'END:VTIMEZONE',
        ]
      : [];
  const ics = [
    'BEGIN:VCALENDAR',
    o.client === 'outlook'
      ? 'PRODID:-//Microsoft Corporation//Outlook 16.0 MIMEDIR//EN'
      : 'PRODID:-//Google Inc//Google Calendar 70.9054//EN',
    'VERSION:2.0',
    `METHOD:${method}`,
    ...times,
    'BEGIN:VEVENT',
    `ATTENDEE;PARTSTAT=${o.partstat}${o.client === 'outlook' ? ';CN=Invitee' : ''}:mailto:${o.attendee}`,
    `ORGANIZER:mailto:${o.organizer}`,
    o.client === 'outlook' ? 'DTSTART;TZID=Romance Standard Time:20990114T150000' : 'DTSTART:20990114T140000Z',
    o.client === 'outlook' ? 'DTEND;TZID=Romance Standard Time:20990114T170000' : 'DTEND:20990114T160000Z',
    `DTSTAMP:${icsStamp(o.dtstamp)}`,
    `SEQUENCE:${o.sequence}`,
    `SUMMARY:${word}: ${o.subject}`,
    `UID:${o.uid}`,
    'END:VEVENT',
    'END:VCALENDAR',
    '',
  ].join('\r\n');
  const calendarPart = { content: ics, contentType: `text/calendar; charset=utf-8; method=${method}` };
  const mail = new MailComposer({
    from: o.from,
    to: o.to,
    subject: `${word}: ${o.subject}`,
    ...(o.client === 'outlook'
      ? { alternatives: [{ ...calendarPart, contentTransferEncoding: 'base64' }], text: '' }
      : {
          text: `${o.from} has ${word.toLowerCase()} this invitation.`,
          html: `<p>${o.from} has ${word.toLowerCase()} this invitation.</p>`,
          alternatives: [calendarPart],
          attachments: [{ filename: 'invite.ics', content: ics, contentType: `application/ics; name="invite.ics"` }],
        }),
  });
  return mail.compile().build();
}

/** A message's own id and the one it answers, as a mail client threads them. */
export async function threadOf(
  message: CaughtMessage,
): Promise<{ id?: string; inReplyTo?: string; references?: string }> {
  const parsed = await simpleParser(message.raw);
  const references = Array.isArray(parsed.references) ? parsed.references.join(' ') : parsed.references;
  return { id: parsed.messageId, inReplyTo: parsed.inReplyTo, references };
}
