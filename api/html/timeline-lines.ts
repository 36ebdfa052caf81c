import { describePeriod } from '../../domain/reporting-periods';
import { html, type Html } from './layout';
import type { PageContext } from './context';
import type { TimelineEvent } from '../../features/partners/timeline-queries';
import { requestWords } from './view';
import { labelFor } from './label-for';

type EventFacts = Pick<
  TimelineEvent,
  'type' | 'data' | 'requestKind' | 'requestTopic' | 'recipientName' | 'projectTitle' | 'meetingTitle' | 'roundTitle'
>;

/**
 * The line under an event's title, in the page's language, from the event's type and data (never
 * the stored English summary, which is for logs and the JSON API). Undefined when the title says it all.
 */
function eventLine(ctx: PageContext, event: EventFacts): string | undefined {
  const { lines } = ctx.w;
  const data = event.data as Record<string, unknown>;
  const text = (key: string) => (typeof data[key] === 'string' && data[key] !== '' ? (data[key] as string) : undefined);
  const request =
    event.requestKind && lines.request(requestWords(ctx, event.requestKind, event.requestTopic), event.recipientName!);
  const period = text('period');
  const comment = text('comment');
  const reason = text('reason');
  switch (event.type) {
    case 'request_sent':
    case 'request_resent':
    case 'request_escalated':
    case 'request_answered':
    case 'request_expired':
    case 'request_cancelled':
      return request || undefined;
    case 'reminder_sent':
      return request ? lines.reminder(Number(data.reminderNumber), request) : undefined;
    case 'intent_returned':
    case 'commitment_declined': {
      const who = typeof data.by === 'string' ? labelFor(lines.signers, data.by) : undefined;
      return (
        [who && lines.notSignedBy(who), comment && lines.comment(comment)].filter(Boolean).join(' · ') || undefined
      );
    }
    case 'journey_withdrawn':
      return reason && lines.reason(reason);
    case 'report_submitted':
    case 'report_missing':
      return period && lines.period(describePeriod(period, ctx.lang));
    case 'monitoring_started':
    case 'project_confirmed':
    case 'project_declined':
    case 'project_expired':
    case 'project_left_out':
    case 'project_closed':
      return event.projectTitle ? lines.project(event.projectTitle) : undefined;
    case 'meeting_answer': {
      const answer = text('answer');
      return (
        [event.meetingTitle, answer && labelFor(ctx.w.meetings.answers, answer)].filter(Boolean).join(': ') || undefined
      );
    }
    case 'meeting_invitation':
    case 'meeting_update':
    case 'meeting_cancellation':
    case 'meeting_attended':
    case 'meeting_absent':
      return event.meetingTitle ?? undefined;
    case 'ballot_answered': {
      const via = text('via');
      return [event.roundTitle, via && labelFor(ctx.w.rounds.channels, via)].filter(Boolean).join(': ') || undefined;
    }
    case 'ballot_sent':
    case 'ballot_expired':
      return event.roundTitle ?? undefined;
    default:
      return undefined;
  }
}

/** The event's line below its title, or nothing when the title says it all. */
export function eventLineBelow(ctx: PageContext, event: EventFacts): Html | string {
  const line = eventLine(ctx, event);
  return line ? html`<br /><span class="muted">${line}</span>` : '';
}
