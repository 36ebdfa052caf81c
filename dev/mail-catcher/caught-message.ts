/** A message as the mail catcher kept it (its own module: the catcher and its web inbox both read it). */
export interface CaughtMessage {
  id: string;
  receivedAt: Date;
  /** What the SMTP client said (MAIL FROM / RCPT TO); includes Bcc recipients. */
  envelope: { from: string; to: string[] };
  /** Bare address of the From header. */
  from: string;
  /** Bare addresses of the To header. */
  to: string[];
  /** Reply-To header as written (name and address), if any. */
  replyTo: string | undefined;
  subject: string;
  text: string;
  html: string | undefined;
  messageId: string | undefined;
  /** Lower-cased header name → value; a repeated header is joined with newlines. */
  headers: Record<string, string>;
  raw: string;
  /** The calendar part of an invitation (`text/calendar`), if the message has one. */
  calendar?: string;
}
