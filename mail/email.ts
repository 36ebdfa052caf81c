/** One email to one person, rendered; its idempotency key names its purpose so it is sent once. */
export interface Email {
  idempotencyKey: string;
  to: string;
  /**
   * The partners whose people this email goes to or names (none for a staff notice about no one):
   * erasure finds the stored copy by these, whatever address it went to (docs/privacy.md).
   */
  partnerIds: string[];
  replyTo?: string;
  subject: string;
  text: string;
  html: string;
  /** Extra headers, e.g. `Auto-Submitted: auto-replied` on answers to replies. */
  headers?: Record<string, string>;
  /** An iMIP calendar part (RFC 6047): sent as a `text/calendar; method=…` alternative and an .ics attachment. */
  calendar?: { method: 'REQUEST' | 'CANCEL'; content: string };
}

/** Subject and bodies produced by a template. */
export type RenderedEmail = Pick<Email, 'subject' | 'text' | 'html'>;
