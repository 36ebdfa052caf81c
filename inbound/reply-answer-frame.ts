import type { Language } from '../domain/vocabulary';
import type { RenderedEmail } from '../mail/email';
import { type Block, composeEmail } from '../mail/templates/layout';

/**
 * The frame of every automatic answer to a reply (a request's, a meeting invitation's, a ballot's):
 * the greeting, the line saying whom to ask, and the footer saying it is automatic, in the recipient's
 * language. Each kind of reply writes only its own body.
 */
const frame: Record<
  Language,
  { greeting: (name?: string) => string; questions: (email: string) => string; footer: string }
> = {
  nl: {
    greeting: (name) => (name ? `Beste ${name},` : 'Beste,'),
    questions: (email) => `Vragen? Schrijf naar ${email}.`,
    footer: 'vzw Integratiepact — dit is een automatisch antwoord op uw e-mail.',
  },
  en: {
    greeting: (name) => (name ? `Dear ${name},` : 'Hello,'),
    questions: (email) => `Questions? Write to ${email}.`,
    footer: 'vzw Integratiepact — this is an automatic answer to your email.',
  },
  fr: {
    greeting: (name) => (name ? `Bonjour ${name},` : 'Bonjour,'),
    questions: (email) => `Des questions ? Écrivez à ${email}.`,
    footer: 'vzw Integratiepact — ceci est une réponse automatique à votre e-mail.',
  },
};

/** An automatic answer: greeting (without a name for an address that is not the recipient's), body, whom to ask. */
export function composeReplyAnswer(input: {
  language: Language;
  subject: string;
  name?: string;
  staffEmail: string;
  body: Block[];
}): RenderedEmail {
  const w = frame[input.language];
  return composeEmail({
    language: input.language,
    subject: input.subject,
    paragraphs: [w.greeting(input.name), ...input.body, w.questions(input.staffEmail)],
    footer: w.footer,
  });
}
