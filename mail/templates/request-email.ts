import type { RequestTopic } from '../../domain/request-topics';
import type { Language } from '../../domain/vocabulary';
import type { RenderedEmail } from '../email';
import { composeEmail, formatDate } from './layout';
import { partnerWording, staffWording, type TopicText } from './request-wording';
import { greeting as staffGreeting } from './staff-emails';

export interface RequestEmailInput {
  topic: RequestTopic;
  language: Language;
  recipientName: string;
  partnerName: string;
  link: string;
  dueAt: Date;
  /** undefined for the first email; 1, 2, … for reminders */
  reminderNumber?: number;
  /** The indicators' Dutch names by key, for an intent's targets in the staff's review. */
  indicatorNames?: Record<string, string>;
  /** The request was meant for someone else before: staff made this person its contact (features/requests/follow-contacts.ts). */
  readdressed?: boolean;
}

/** How the recipient may answer besides the link: a decision by reply, or only questions. */
type ReplyMode = 'decision' | 'form';

interface Asked {
  text: TopicText;
  reply: ReplyMode;
  /** Staff-facing requests are always in Dutch, whatever language the caller passes. */
  language: Language;
  /** Addressed to the staff mailbox, not a person: greeted as colleagues. */
  toStaff?: boolean;
}

/** What this topic asks, in the language its recipient reads. */
function ask(topic: RequestTopic, partner: string, language: Language, indicatorNames: Record<string, string>): Asked {
  const words = partnerWording[language];
  switch (topic.kind) {
    case 'intent':
      return { text: words.intent(partner, topic.reviewerComment), reply: 'form', language };
    case 'report':
      return { text: words.report(partner, topic.period, topic.indicators), reply: 'form', language };
    case 'project':
      return { text: words.project(partner, topic.project), reply: 'decision', language };
    case 'action':
      return { text: words.action(partner, topic.action), reply: 'form', language };
    case 'signoff':
      if (topic.subject === 'intent_review')
        return {
          text: staffWording.intentReview(partner, topic.intent, indicatorNames),
          reply: 'decision',
          language: 'nl',
          toStaff: true,
        };
      if (topic.subject === 'countersignature')
        return { text: staffWording.countersignature(partner, topic.commitment), reply: 'decision', language: 'nl' };
      return { text: words.commitmentSignature(partner, topic.commitment), reply: 'decision', language };
  }
}

/** The email that asks someone to answer a request (or reminds them), with their personal link. */
export function renderRequestEmail(input: RequestEmailInput): RenderedEmail {
  const { text, reply, language, toStaff } = ask(
    input.topic,
    input.partnerName,
    input.language,
    input.indicatorNames ?? {},
  );
  const words = partnerWording[language];
  const n = input.reminderNumber;
  return composeEmail({
    language,
    subject: n !== undefined ? `${words.reminderPrefix}${text.subject}` : text.subject,
    paragraphs: [
      toStaff ? staffGreeting : words.greeting(input.recipientName),
      ...(n !== undefined ? [words.reminder(n)] : []),
      ...(input.readdressed ? [words.readdressed(input.partnerName)] : []),
      ...text.blocks,
      words.due(formatDate(input.dueAt, language)),
      { action: { label: text.button, url: input.link } },
      reply === 'decision' ? words.replyDecision : words.replyForm,
    ],
    footer: words.footer,
  });
}
