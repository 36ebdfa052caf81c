import type { Language } from '../domain/vocabulary';
import type { RenderedEmail } from '../mail/email';
import type { Block } from '../mail/templates/layout';
import { composeReplyAnswer } from './reply-answer-frame';

/** What we answer to a reply by email; all of them change nothing except `answered`. */
export type InboundAnswer =
  | { kind: 'form_link'; link: string }
  | { kind: 'unclear'; link: string }
  | { kind: 'refused'; link: string }
  | { kind: 'closed'; status: string }
  /** The reply went to an address that was replaced: the request was sent again, or to another contact. */
  | { kind: 'replaced' }
  | { kind: 'answered'; decision: 'approve' | 'decline'; comment?: string };

export interface InboundAnswerContext {
  language: Language;
  /** Absent when the answer goes to someone who is no longer the request's addressee. */
  recipientName?: string;
  partnerName: string;
  /** Subject of the reply we answer, so ours lands in the same thread. */
  subject: string | undefined;
  staffEmail: string;
}

interface Wording {
  fallbackSubject: (partner: string) => string;
  formLink: string[];
  formButton: string;
  unclear: string[];
  refused: string[];
  button: string;
  closed: (status: string) => string;
  replaced: string;
  answered: (decision: 'approve' | 'decline') => string;
}

const wording: Record<Language, Wording> = {
  nl: {
    fallbackSubject: (p) => `Uw antwoord aan het Integratiepact (${p})`,
    formLink: [
      'Dank u voor uw bericht. Dit verzoek beantwoordt u met het formulier: een e-mail kunnen we niet als ingevuld formulier verwerken. Er is dus nog niets geregistreerd.',
    ],
    formButton: 'Open het formulier',
    unclear: [
      'We hebben uw antwoord ontvangen, maar konden er geen beslissing uit afleiden. Er is dus nog niets geregistreerd.',
      'Om per e-mail te antwoorden, zet u op de eerste regel JA of AKKOORD om in te stemmen, of NEE gevolgd door een korte reden om te weigeren. U kunt ook de link gebruiken:',
    ],
    refused: [
      'U antwoordde NEE, maar zonder reden. Om te weigeren hebben we een korte reden nodig, zodat we weten wat er moet veranderen. Er is nog niets geregistreerd.',
      'Antwoord op deze e-mail met NEE en uw reden op dezelfde regel of eronder, of gebruik de link:',
    ],
    button: 'Open het verzoek',
    closed: (status) =>
      status === 'answered'
        ? 'Dit verzoek werd al beantwoord; uw nieuwe antwoord is niet verwerkt.'
        : status === 'expired'
          ? 'Dit verzoek is verlopen; uw antwoord is niet verwerkt.'
          : 'Dit verzoek is niet meer open; uw antwoord is niet verwerkt.',
    replaced:
      'Dit verzoek werd intussen opnieuw verstuurd, of aan een andere contactpersoon bezorgd; uw antwoord op deze oudere e-mail is niet verwerkt. Antwoord op de nieuwste e-mail, of vraag ons wie het verzoek nu heeft.',
    answered: (d) => `Dank u. We hebben uw beslissing geregistreerd: ${d === 'approve' ? 'akkoord' : 'niet akkoord'}.`,
  },
  en: {
    fallbackSubject: (p) => `Your answer to the Integratiepact (${p})`,
    formLink: [
      'Thank you for your message. This request is answered with the form: we cannot record an email as a completed form. Nothing has been recorded yet.',
    ],
    formButton: 'Open the form',
    unclear: [
      'We received your answer but could not tell which decision it gives, so nothing has been recorded yet.',
      'To answer by email, put YES on the first line to agree, or NO followed by a short reason to decline. You can also use the link:',
    ],
    refused: [
      'You answered NO, but without a reason. To decline we need a short reason, so we know what should change. Nothing has been recorded yet.',
      'Reply to this email with NO and your reason on the same line or below it, or use the link:',
    ],
    button: 'Open the request',
    closed: (status) =>
      status === 'answered'
        ? 'This request has already been answered; your new answer was not recorded.'
        : status === 'expired'
          ? 'This request has expired; your answer was not recorded.'
          : 'This request is no longer open; your answer was not recorded.',
    replaced:
      'This request has since been sent again, or to another contact person; your answer to this older email was not recorded. Answer the newest email, or ask us who has the request now.',
    answered: (d) => `Thank you. We recorded your decision: ${d === 'approve' ? 'agreed' : 'declined'}.`,
  },
  fr: {
    fallbackSubject: (p) => `Votre réponse à l'Integratiepact (${p})`,
    formLink: [
      "Merci pour votre message. Cette demande se complète via le formulaire : nous ne pouvons pas enregistrer un e-mail comme formulaire complété. Rien n'a encore été enregistré.",
    ],
    formButton: 'Ouvrir le formulaire',
    unclear: [
      "Nous avons bien reçu votre réponse, mais n'avons pas pu y lire de décision. Rien n'a donc été enregistré.",
      'Pour répondre par e-mail, écrivez OUI ou D’ACCORD sur la première ligne pour accepter, ou NON suivi d’une brève raison pour refuser. Vous pouvez aussi utiliser le lien :',
    ],
    refused: [
      "Vous avez répondu NON, mais sans raison. Pour refuser, il nous faut une brève raison, afin de savoir ce qui doit changer. Rien n'a encore été enregistré.",
      'Répondez à cet e-mail avec NON et votre raison sur la même ligne ou en dessous, ou utilisez le lien :',
    ],
    button: 'Ouvrir la demande',
    closed: (status) =>
      status === 'answered'
        ? "Cette demande a déjà reçu une réponse ; votre nouvelle réponse n'a pas été enregistrée."
        : status === 'expired'
          ? "Cette demande a expiré ; votre réponse n'a pas été enregistrée."
          : "Cette demande n'est plus ouverte ; votre réponse n'a pas été enregistrée.",
    replaced:
      "Cette demande a depuis été renvoyée, ou adressée à une autre personne de contact ; votre réponse à cet ancien e-mail n'a pas été enregistrée. Répondez au dernier e-mail, ou demandez-nous qui a la demande maintenant.",
    answered: (d) => `Merci. Nous avons enregistré votre décision : ${d === 'approve' ? 'accord' : 'refus'}.`,
  },
};

/** "Re: <their subject>", unless their client already put a reply prefix on it. */
function replySubject(subject: string | undefined, fallback: string): string {
  const text = subject?.trim();
  if (!text) return fallback;
  return /^(re|antw|aw|sv|réf|ref|r)\s*:/i.test(text) ? text : `Re: ${text}`;
}

/** Our answer to a reply by email, in the recipient's language. */
export function renderInboundAnswer(answer: InboundAnswer, context: InboundAnswerContext): RenderedEmail {
  const words = wording[context.language];
  const body: Block[] = (() => {
    switch (answer.kind) {
      case 'form_link':
        return [...words.formLink, { action: { label: words.formButton, url: answer.link } }];
      case 'unclear':
        return [...words.unclear, { action: { label: words.button, url: answer.link } }];
      case 'refused':
        return [...words.refused, { action: { label: words.button, url: answer.link } }];
      case 'closed':
        return [words.closed(answer.status)];
      case 'replaced':
        return [words.replaced];
      case 'answered':
        return [words.answered(answer.decision), ...(answer.comment ? [{ quote: answer.comment }] : [])];
    }
  })();
  return composeReplyAnswer({
    language: context.language,
    subject: replySubject(context.subject, words.fallbackSubject(context.partnerName)),
    name: context.recipientName,
    staffEmail: context.staffEmail,
    body,
  });
}
