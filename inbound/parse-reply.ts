import type { AddressObject } from 'mailparser';
import { readReplyAddress } from '../security/request-tokens';
import type { MessageHeaders } from './read-message';

/**
 * Whose reply a message is (README.md, Partners act by email): the token in `reply+<token>@…` and who
 * sent it, read from the headers alone, so that the body of a message for no known token is never
 * read (inbound/handle-reply.ts). Out-of-office answers and bounces are no reply. Pure.
 */
export type ParsedReply =
  { kind: 'reply'; token: string; from: string } | { kind: 'auto_reply' } | { kind: 'no_token' };

export function parseReply(
  message: MessageHeaders,
  options: { envelopeTo?: string[]; domain?: string } = {},
): ParsedReply {
  if (isAutomatic(message)) return { kind: 'auto_reply' };
  const token = findToken(message, options.envelopeTo ?? [], options.domain);
  if (!token) return { kind: 'no_token' };
  return { kind: 'reply', token, from: message.from?.value[0]?.address ?? '' };
}

/** Raw values of a header, unfolded; mailparser turns some headers into objects, so read the lines. */
export function headerValues(message: Pick<MessageHeaders, 'headerLines'>, name: string): string[] {
  return message.headerLines
    .filter((h) => h.key === name)
    .map((h) =>
      h.line
        .slice(h.line.indexOf(':') + 1)
        .replace(/\r?\n[ \t]+/g, ' ')
        .trim(),
    );
}

const autoSubjects = /^(?:automatic reply|out of office|afwezig|absence|automatisch antwoord|réponse automatique)\b/i;

/** Out-of-office answers and bounces (RFC 3834 and the de-facto headers). X-Auto-Response-Suppress alone says nothing. */
function isAutomatic(message: MessageHeaders): boolean {
  return (
    headerValues(message, 'auto-submitted').some((v) => (v.split(';')[0] ?? '').trim().toLowerCase() !== 'no') ||
    headerValues(message, 'x-autoreply').length > 0 ||
    headerValues(message, 'x-autorespond').length > 0 ||
    headerValues(message, 'precedence').some((v) => /^(?:bulk|auto_reply|list|junk)$/i.test(v)) ||
    headerValues(message, 'content-type').some((v) => /^multipart\/report\b/i.test(v)) ||
    autoSubjects.test(message.subject?.trim() ?? '')
  );
}

function addresses(field: AddressObject | AddressObject[] | undefined): string[] {
  const objects = field === undefined ? [] : Array.isArray(field) ? field : [field];
  return objects
    .flatMap((o) => o.value)
    .flatMap((a) => (a.group ? a.group : [a]))
    .flatMap((a) => (a.address ? [a.address] : []));
}

/** The envelope is what the MTA actually delivered to; headers are the fallback (webhooks may lack an envelope). */
function findToken(message: MessageHeaders, envelopeTo: string[], domain: string | undefined): string | undefined {
  const candidates = [
    ...envelopeTo,
    ...addresses(message.to),
    ...addresses(message.cc),
    ...headerValues(message, 'delivered-to'),
    ...headerValues(message, 'x-original-to'),
  ];
  for (const candidate of candidates) {
    const address = readReplyAddress(candidate);
    if (address && (!domain || address.domain.toLowerCase() === domain.toLowerCase())) return address.token;
  }
  return undefined;
}
