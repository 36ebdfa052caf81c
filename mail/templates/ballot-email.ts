import { writtenDate } from '../../domain/written-dates';
import type { Language } from '../../domain/vocabulary';
import type { RenderedEmail } from '../email';
import { composeEmail } from './layout';

/** Why a coordinator gets a ballot email: the ballot itself, or a reminder before the round closes. */
export type BallotEmailKind = 'ballot' | 'reminder';

export interface BallotEmailInput {
  kind: BallotEmailKind;
  language: Language;
  recipientName: string;
  partnerName: string;
  title: string;
  closesAt: Date;
  maxRanked: number;
  /** The round's initiatives as the email numbers them (1…n): a reply "3, 1, 5" names these numbers. */
  initiatives: { number: number; title: string }[];
  /** The personal ranking page (`/b/<token>`). */
  link: string;
  /** Whether a reply with the numbers counts (reply-by-email on). */
  replyByEmail: boolean;
}

/** "donderdag 14 januari 2027 om 17:00" in Brussels time. */
export function roundClosing(closesAt: Date, language: Language): string {
  return writtenDate('weekdayDateTime', closesAt, language);
}

interface Wording {
  subject: Record<BallotEmailKind, (title: string) => string>;
  greeting: (name: string) => string;
  lead: Record<BallotEmailKind, (partner: string, n: number) => string>;
  closes: (when: string) => string;
  initiatives: string;
  button: string;
  reply: (n: number) => string;
  changeMind: string;
  footer: string;
}

export const ballotEmailWording: Record<Language, Wording> = {
  nl: {
    subject: { ballot: (t) => `Stem mee: ${t}`, reminder: (t) => `Herinnering: stem mee over ${t}` },
    greeting: (n) => `Beste ${n},`,
    lead: {
      ballot: (p, n) =>
        `Het Integratiepact vraagt ${p} welke gemeenschappelijke initiatieven het belangrijkst zijn. Rangschik er ten hoogste ${n}, het belangrijkste eerst.`,
      reminder: (p, n) =>
        `${p} heeft nog niet gestemd. Rangschik ten hoogste ${n} initiatieven, het belangrijkste eerst.`,
    },
    closes: (w) => `De stemming sluit op ${w}.`,
    initiatives: 'De initiatieven:',
    button: 'Rangschik de initiatieven',
    reply: (n) =>
      `U kunt ook op deze e-mail antwoorden met de nummers in volgorde van belang op de eerste regel, bijvoorbeeld "3, 1, 5" (ten hoogste ${n} nummers).`,
    changeMind: 'Van gedacht veranderd? Stem opnieuw tot de stemming sluit; uw laatste rangschikking telt.',
    footer: 'vzw Integratiepact — deze link is persoonlijk; stuur deze e-mail niet door.',
  },
  en: {
    subject: { ballot: (t) => `Have your say: ${t}`, reminder: (t) => `Reminder: have your say on ${t}` },
    greeting: (n) => `Dear ${n},`,
    lead: {
      ballot: (p, n) =>
        `The Integratiepact asks ${p} which common initiatives matter most. Rank up to ${n} of them, the most important first.`,
      reminder: (p, n) => `${p} has not ranked yet. Rank up to ${n} initiatives, the most important first.`,
    },
    closes: (w) => `The vote closes on ${w}.`,
    initiatives: 'The initiatives:',
    button: 'Rank the initiatives',
    reply: (n) =>
      `You can also reply to this email with the numbers in order of importance on the first line, e.g. "3, 1, 5" (at most ${n} numbers).`,
    changeMind: 'Changed your mind? Vote again until the vote closes; your last ranking counts.',
    footer: 'vzw Integratiepact — this link is personal; please do not forward this email.',
  },
  fr: {
    subject: { ballot: (t) => `Donnez votre avis : ${t}`, reminder: (t) => `Rappel : donnez votre avis sur ${t}` },
    greeting: (n) => `Bonjour ${n},`,
    lead: {
      ballot: (p, n) =>
        `L'Integratiepact demande à ${p} quelles initiatives communes sont les plus importantes. Classez-en au plus ${n}, la plus importante d'abord.`,
      reminder: (p, n) => `${p} n'a pas encore voté. Classez au plus ${n} initiatives, la plus importante d'abord.`,
    },
    closes: (w) => `Le vote se clôture le ${w}.`,
    initiatives: 'Les initiatives :',
    button: 'Classer les initiatives',
    reply: (n) =>
      `Vous pouvez aussi répondre à cet e-mail avec les numéros par ordre d'importance sur la première ligne, par exemple « 3, 1, 5 » (au plus ${n} numéros).`,
    changeMind: "Changé d'avis ? Votez à nouveau jusqu'à la clôture ; votre dernier classement compte.",
    footer: 'vzw Integratiepact — ce lien est personnel ; merci de ne pas transférer cet e-mail.',
  },
};

/** A ballot email to one partner's coordinator: the initiatives numbered 1…n, the link, the reply. */
export function renderBallotEmail(input: BallotEmailInput): RenderedEmail {
  const w = ballotEmailWording[input.language];
  return composeEmail({
    language: input.language,
    subject: w.subject[input.kind](input.title),
    paragraphs: [
      w.greeting(input.recipientName),
      w.lead[input.kind](input.partnerName, input.maxRanked),
      w.closes(roundClosing(input.closesAt, input.language)),
      w.initiatives,
      input.initiatives.map((i) => `${i.number}. ${i.title}`).join('\n'),
      { action: { label: w.button, url: input.link } },
      ...(input.replyByEmail ? [w.reply(input.maxRanked)] : []),
      w.changeMind,
    ],
    footer: w.footer,
  });
}
