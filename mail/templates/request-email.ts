import type { RequestKind } from '../../domain/journey';
import type { Language } from '../../domain/vocabulary';
import type { RenderedEmail } from '../email';
import { formatDate, htmlEmail } from './layout';

export interface RequestEmailInput {
  kind: RequestKind;
  language: Language;
  recipientName: string;
  partnerName: string;
  link: string;
  dueAt: Date;
}

interface Wording {
  subject: (partner: string) => string;
  ask: (partner: string) => string;
}

const greeting: Record<Language, (name: string) => string> = {
  nl: (name) => `Beste ${name},`,
  en: (name) => `Dear ${name},`,
  fr: (name) => `Bonjour ${name},`,
};

// Only the intent request exists so far; other kinds are added with their workflows.
const wording: Record<Language, Partial<Record<RequestKind, Wording>>> = {
  nl: {
    intent: {
      subject: (p) => `Uitnodiging Integratiepact: de engagementsintentie van ${p}`,
      ask: (p) =>
        `Welkom in het Integratiepact. Als coördinator van ${p} nodigen we u uit om de engagementsintentie in te vullen: op welke hefbomen ${p} wil inzetten en welke engagementen u voor ogen heeft.`,
    },
  },
  en: {
    intent: {
      subject: (p) => `Invitation to the Integratiepact: the statement of intent of ${p}`,
      ask: (p) =>
        `Welcome to the Integratiepact. As coordinator for ${p}, we invite you to fill in the statement of intent: which levers ${p} wants to invest in and which commitments you have in mind.`,
    },
  },
  fr: {
    intent: {
      subject: (p) => `Invitation à l'Integratiepact : la déclaration d'intention de ${p}`,
      ask: (p) =>
        `Bienvenue dans l'Integratiepact. En tant que coordinateur de ${p}, nous vous invitons à remplir la déclaration d'intention : les leviers sur lesquels ${p} veut agir et les engagements envisagés.`,
    },
  },
};

const common: Record<Language, { button: string; due: (date: string) => string; reply: string; footer: string }> = {
  nl: {
    button: 'Open het formulier',
    due: (d) => `Graag tegen ${d}.`,
    reply: 'U kunt ook gewoon op deze e-mail antwoorden als u een vraag hebt.',
    footer: 'vzw Integratiepact — deze link is persoonlijk; stuur hem niet door.',
  },
  en: {
    button: 'Open the form',
    due: (d) => `Please reply by ${d}.`,
    reply: 'You can also simply reply to this email if you have a question.',
    footer: 'vzw Integratiepact — this link is personal; please do not forward it.',
  },
  fr: {
    button: 'Ouvrir le formulaire',
    due: (d) => `Merci de répondre avant le ${d}.`,
    reply: 'Vous pouvez aussi simplement répondre à cet e-mail si vous avez une question.',
    footer: 'vzw Integratiepact — ce lien est personnel ; merci de ne pas le transférer.',
  },
};

/** The email that asks someone to answer a request, with its personal link. */
export function renderRequestEmail(input: RequestEmailInput): RenderedEmail {
  const words = wording[input.language][input.kind] ?? wording.nl[input.kind];
  if (!words) throw new Error(`no email template for request kind ${input.kind}`);
  const c = common[input.language];
  const paragraphs = [greeting[input.language](input.recipientName), words.ask(input.partnerName), c.due(formatDate(input.dueAt, input.language)), c.reply];
  return {
    subject: words.subject(input.partnerName),
    text: [...paragraphs.slice(0, 3), `${c.button}: ${input.link}`, paragraphs[3], '', c.footer].join('\n\n'),
    html: htmlEmail({ language: input.language, paragraphs, action: { label: c.button, url: input.link }, footer: c.footer }),
  };
}
