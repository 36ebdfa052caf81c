import { simpleParser, type ParsedMail } from 'mailparser';

/** What the headers of a message say, before its body is read. */
export type MessageHeaders = Pick<ParsedMail, 'headerLines' | 'from' | 'to' | 'cc' | 'subject' | 'messageId'>;

/** HTML-only replies longer than this get no text (so: unclear) instead of a costly conversion. */
const MAX_HTML_TO_TEXT = 256 * 1024;
const options = {
  skipTextToHtml: true,
  skipTextLinks: true,
  skipImageLinks: true,
  maxHtmlLengthToParse: MAX_HTML_TO_TEXT,
} as const;

/**
 * The header block of a raw message, up to its first empty line: whose reply it is can be told
 * without reading a body of up to 5 MiB.
 */
export function readHeaders(raw: Buffer): Promise<MessageHeaders | undefined> {
  const ends = [raw.indexOf('\r\n\r\n'), raw.indexOf('\n\n')].filter((at) => at >= 0);
  const head = ends.length ? raw.subarray(0, Math.min(...ends)) : raw;
  return parse(Buffer.concat([head, Buffer.from('\r\n\r\n')]));
}

/** The body and attachments: only read for a reply whose token and sender are known. Unreadable: empty. */
export async function readBody(raw: Buffer): Promise<Pick<ParsedMail, 'text' | 'attachments'>> {
  return (await parse(raw)) ?? { text: '', attachments: [] };
}

/** mailparser refuses a MIME header block over 1 MiB (EMAXLEN): that message stays unread, it is not retried. */
async function parse(raw: Buffer): Promise<ParsedMail | undefined> {
  try {
    return await simpleParser(raw, options);
  } catch (error) {
    if ((error as { code?: string }).code === 'EMAXLEN') return undefined;
    throw error;
  }
}
