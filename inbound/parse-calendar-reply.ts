import ICAL from 'ical.js';
import type { Attachment } from 'mailparser';

/**
 * Reads a calendar client's answer to a meeting invitation (iMIP, RFC 6047): the `text/calendar`
 * part Outlook sends as an alternative and Google Calendar also attaches as `invite.ics`. Pure.
 */
export interface CalendarReply {
  /** REPLY (an answer) or COUNTER (a proposed new time), as the client wrote it. */
  method: string;
  uid: string;
  sequence: number;
  /** DTSTAMP, ISO (UTC). */
  dtstamp: string;
  attendees: { email: string; partstat: string }[];
  /** A COUNTER's proposed start and end, ISO. */
  proposed?: { start: string; end?: string };
}

/** A reply's VCALENDAR holds one VEVENT of a few lines; anything larger is not one, and is not parsed. */
const MAX_CALENDAR_BYTES = 64 * 1024;

/** The iCalendar texts of a message: `text/calendar` parts and `.ics` attachments. */
export function calendarTexts(attachments: Pick<Attachment, 'contentType' | 'filename' | 'content'>[]): string[] {
  return attachments
    .filter((a) => /^(?:text\/calendar|application\/ics)$/i.test(a.contentType) || /\.ics$/i.test(a.filename ?? ''))
    .filter((a) => a.content.length <= MAX_CALENDAR_BYTES)
    .map((a) => a.content.toString('utf8'));
}

/**
 * The first VEVENT of an iCalendar text as a reply, or undefined if it is not one we can read.
 * ical.js decodes values when they are first read, so a malformed one (a DTSTAMP of letters) throws
 * there, not in `parse`: all of the reading is inside the `try`.
 */
export function parseCalendarReply(text: string): CalendarReply | undefined {
  try {
    return readReply(new ICAL.Component(ICAL.parse(text)));
  } catch {
    return undefined;
  }
}

function readReply(calendar: ICAL.Component): CalendarReply | undefined {
  const method = String(calendar.getFirstPropertyValue('method') ?? '').toUpperCase();
  const event = calendar.getFirstSubcomponent('vevent');
  const uid = event?.getFirstPropertyValue('uid');
  const stamp = event?.getFirstPropertyValue('dtstamp');
  if (!event || typeof uid !== 'string' || !(stamp instanceof ICAL.Time)) return undefined;
  const sequence = Number(event.getFirstPropertyValue('sequence') ?? 0);
  const attendees = event.getAllProperties('attendee').map((p) => ({
    email: String(p.getFirstValue() ?? '')
      .replace(/^mailto:/i, '')
      .toLowerCase(),
    partstat: String(p.getParameter('partstat') ?? '').toUpperCase(),
  }));
  const start = event.getFirstPropertyValue('dtstart');
  const end = event.getFirstPropertyValue('dtend');
  return {
    method,
    uid,
    sequence: Number.isFinite(sequence) ? sequence : 0,
    dtstamp: stamp.toJSDate().toISOString(),
    attendees,
    ...(method === 'COUNTER' && start instanceof ICAL.Time
      ? {
          proposed: {
            start: start.toJSDate().toISOString(),
            ...(end instanceof ICAL.Time ? { end: end.toJSDate().toISOString() } : {}),
          },
        }
      : {}),
  };
}
