import type { Config } from '../config/config';
import type { RelayedEmail } from '../mail/relay-client';
import { calendarOrganizer } from '../mail/calendar-organizer';
import { readReplyAddress, replyAddress } from '../security/request-tokens';
import type { FieldProblem } from '../domain/field-problem';

/** The longest body, text or HTML, the relay takes: the system's emails are a few kilobytes. */
export const MAX_RELAYED_BODY_CHARS = 200_000;

/** Headers the system's own emails carry (answers to replies: inbound/handle-reply.ts); nothing else passes. */
const allowedHeaders = new Set(['auto-submitted', 'in-reply-to', 'references']);

/** One plain address: no display name, list, group or route that could add a recipient. */
const singleAddress =
  /^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)+$/;
const lineBreak = /[\r\n]/;

/**
 * What the relay refuses beyond the schema, so that holding MAIL_RELAY_SECRET is not an open
 * mail server: the sender is always MAIL_FROM, one recipient, a reply address only of our own
 * inbound domain, only the headers the system itself sets, no line breaks in header values.
 */
export function relayedEmailProblems(body: RelayedEmail, config: Pick<Config, 'mailFrom' | 'inbound'>): FieldProblem[] {
  const { email, options } = body;
  const problems: FieldProblem[] = [];
  const organizer = email.calendar ? calendarOrganizer(email.calendar.content) : undefined;
  // A meeting invitation comes from its organiser, the invitee's reply address (mail/meeting-calendar.ts).
  const fromOrganizer = organizer !== undefined && options.from === organizer && isOurReplyAddress(organizer, config);
  if (options.from !== config.mailFrom && !fromOrganizer)
    problems.push({
      field: 'options.from',
      message: `must be this server's MAIL_FROM (${config.mailFrom}), or an invitation's ORGANIZER reply address`,
    });
  if (email.calendar) problems.push(...calendarProblems(email.calendar));
  if (email.to.length > 254 || !singleAddress.test(email.to))
    problems.push({
      field: 'email.to',
      message: 'must be exactly one email address, without a name or a second address',
    });
  if (email.replyTo !== undefined) {
    const domain = config.inbound.domain;
    if (!isOurReplyAddress(email.replyTo, config))
      problems.push({
        field: 'email.replyTo',
        message: domain
          ? `must be a reply address of this server (reply+<token>@${domain})`
          : 'must be left out: reply-by-email is off (INBOUND_DOMAIN is not set)',
      });
  }
  if (lineBreak.test(email.subject)) problems.push({ field: 'email.subject', message: 'must be one line' });
  for (const [name, value] of Object.entries(email.headers ?? {})) {
    if (!allowedHeaders.has(name.toLowerCase()))
      problems.push({
        field: `email.headers.${name}`,
        message: `is not a header the relay sends; allowed: Auto-Submitted, In-Reply-To, References`,
      });
    else if (lineBreak.test(value) || value.length > 998)
      problems.push({ field: `email.headers.${name}`, message: 'must be one line of at most 998 characters' });
  }
  return problems;
}

/** A reply address of this server's inbound domain, written as `replyAddress` writes it: reply+<token>@INBOUND_DOMAIN. */
function isOurReplyAddress(address: string, config: Pick<Config, 'inbound'>): boolean {
  const domain = config.inbound.domain;
  const read = readReplyAddress(address);
  return domain !== undefined && read !== undefined && address === replyAddress(read.token, domain);
}

/** An invitation the system writes: one VCALENDAR whose METHOD is the one declared. */
function calendarProblems(calendar: NonNullable<RelayedEmail['email']['calendar']>): FieldProblem[] {
  const lines = calendar.content.trim().split(/\r?\n/);
  const methods = lines.filter((line) => /^METHOD:/i.test(line));
  if (lines[0] !== 'BEGIN:VCALENDAR' || lines.at(-1) !== 'END:VCALENDAR')
    return [
      { field: 'email.calendar.content', message: 'must be one iCalendar object (BEGIN:VCALENDAR … END:VCALENDAR)' },
    ];
  if (methods.length !== 1 || methods[0] !== `METHOD:${calendar.method}`)
    return [{ field: 'email.calendar.content', message: `must declare METHOD:${calendar.method} once` }];
  return [];
}
