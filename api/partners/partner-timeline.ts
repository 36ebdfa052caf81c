import { html, type Html } from '../html/layout';
import type { PageContext } from '../html/context';
import { eventLineBelow } from '../html/timeline-lines';
import type { TimelineEvent } from '../../features/partners/timeline-queries';
import { badge, dateTimeText } from '../html/view';
import { labelFor } from '../html/label-for';

interface SentEmail {
  to: string;
  subject: string;
  status: string;
  createdAt: Date;
  sentAt: Date | null;
}

/**
 * The journey as it happened, oldest first: every recorded event (requests, reminders,
 * decisions, stage changes) and every email, in one line of time.
 */
export function partnerTimeline(ctx: PageContext, events: TimelineEvent[], emails: SentEmail[]): Html {
  const { w } = ctx;
  const items = [
    ...events.map((e) => ({
      at: e.occurredAt,
      view: html`<li class="event">
        <strong>${labelFor(w.events, e.type) ?? e.type}</strong> <span class="meta">${dateTimeText(e.occurredAt, ctx)}</span
        >${eventLineBelow(ctx, e)}
      </li>`,
    })),
    ...emails.map((m) => ({
      at: m.sentAt ?? m.createdAt,
      view: html`<li class="email">
        <strong>${w.email}: ${m.subject}</strong> <span class="meta">${dateTimeText(m.sentAt ?? m.createdAt, ctx)}</span
        ><br />
        <span class="muted">${w.common.recipient}: ${m.to}</span>
        ${badge(labelFor(w.emailStatuses, m.status) ?? m.status, m.status === 'failed' ? 'warn' : m.status === 'sent' ? 'ok' : 'wait')}
      </li>`,
    })),
  ].sort((a, b) => a.at.getTime() - b.at.getTime());
  return items.length
    ? html`<ol class="timeline">
        ${items.map((item) => item.view)}
      </ol>`
    : html`<p class="muted">${w.partner.noTimeline}</p>`;
}
