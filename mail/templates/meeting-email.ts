import { writtenDate } from '../../domain/written-dates';
import type { RsvpAnswer } from '../../domain/meetings';
import type { Language } from '../../domain/vocabulary';
import type { RenderedEmail } from '../email';
import { composeEmail, type Block } from './layout';
import { meetingEmailWording, type MeetingEmailKind } from './meeting-wording';

export type { MeetingEmailKind } from './meeting-wording';

export interface MeetingEmailInput {
  kind: MeetingEmailKind;
  language: Language;
  recipientName: string;
  partnerName: string;
  title: string;
  startsAt: Date;
  endsAt: Date;
  place: string;
  onlineUrl?: string;
  agenda: string;
  /** The personal answer page (`/m/<token>`). */
  link: string;
  /** Whether a plain reply "ja / nee / misschien" counts (reply-by-email on). */
  replyByEmail: boolean;
  /** Their current answer, if any. */
  answer?: RsvpAnswer;
}

/** "donderdag 14 januari 2027, 14:00–16:00" in Brussels time. */
export function meetingWhen(startsAt: Date, endsAt: Date, language: Language): string {
  const time = (d: Date) => writtenDate('time', d, language);
  return `${writtenDate('weekdayDate', startsAt, language)}, ${time(startsAt)}–${time(endsAt)}`;
}

/** An answer in the reader's words (ja / yes / oui …), for pages and emails alike. */
export const answerWord = (answer: RsvpAnswer, language: Language) => meetingEmailWording[language].answers[answer];

/** A meeting email to one invitee; the calendar part (mail/meeting-calendar.ts) travels beside it. */
export function renderMeetingEmail(input: MeetingEmailInput): RenderedEmail {
  const w = meetingEmailWording[input.language];
  const cancelled = input.kind === 'cancellation';
  const facts: Block = {
    rows: [
      [w.when, meetingWhen(input.startsAt, input.endsAt, input.language)],
      [w.where, input.place],
      ...(input.onlineUrl ? [[w.online, input.onlineUrl] as [string, string]] : []),
    ],
  };
  return composeEmail({
    language: input.language,
    subject: w.subject[input.kind](input.title),
    paragraphs: [
      w.greeting(input.recipientName),
      w.lead[input.kind](input.partnerName),
      input.title,
      facts,
      ...(cancelled ? [] : [`${w.agenda}:`, { quote: input.agenda }]),
      ...(!cancelled && input.answer ? [w.current(w.answers[input.answer])] : []),
      ...(cancelled
        ? []
        : [{ action: { label: w.button, url: input.link } }, ...(input.replyByEmail ? [w.reply] : []), w.changeMind]),
    ],
    footer: w.footer,
  });
}
