import type { Language } from '../domain/vocabulary';
import type { RenderedEmail } from '../mail/email';
import { composeReplyAnswer } from './reply-answer-frame';

/** What we answer to a reply to a ballot email; only `answered` means something changed. */
export type BallotReplyAnswer =
  | { kind: 'answered'; ranking: string[] }
  /** Not a list of the email's numbers, or one we cannot count (a number twice, more than N). */
  | { kind: 'unclear'; link: string; numbered: string[]; maxRanked: number; problem?: string }
  | { kind: 'closed' }
  | { kind: 'wrong_sender' };

interface Wording {
  subject: (title: string) => string;
  answered: string;
  changeMind: string;
  unclear: (n: number) => string;
  closed: string;
  wrongSender: string;
  button: string;
}

const wording: Record<Language, Wording> = {
  nl: {
    subject: (t) => `Uw stem: ${t}`,
    answered: 'Dank u. We hebben uw rangschikking geregistreerd:',
    changeMind: 'Van gedacht veranderd? Stem opnieuw tot de stemming sluit; uw laatste rangschikking telt.',
    unclear: (n) =>
      `We konden uw antwoord niet lezen als rangschikking; er is niets gewijzigd. Zet op de eerste regel de nummers van ten hoogste ${n} initiatieven, het belangrijkste eerst, gescheiden door komma's of spaties, bijvoorbeeld: 3, 1, 5. De initiatieven:`,
    closed: 'Deze stemming is gesloten; uw rangschikking is niet geregistreerd.',
    wrongSender:
      'Dit antwoord kwam van een ander adres dan dat van de stembrief; er is niets gewijzigd. Antwoord vanaf dat adres, of met de link in de e-mail.',
    button: 'Rangschik de initiatieven',
  },
  en: {
    subject: (t) => `Your vote: ${t}`,
    answered: 'Thank you. We recorded your ranking:',
    changeMind: 'Changed your mind? Vote again until the vote closes; your last ranking counts.',
    unclear: (n) =>
      `We could not read your reply as a ranking; nothing was changed. Write on the first line the numbers of at most ${n} initiatives, the most important first, separated by commas or spaces, for example: 3, 1, 5. The initiatives:`,
    closed: 'This vote has closed; your ranking was not recorded.',
    wrongSender:
      "This reply came from another address than the ballot's; nothing was changed. Reply from that address, or use the link in the email.",
    button: 'Rank the initiatives',
  },
  fr: {
    subject: (t) => `Votre vote : ${t}`,
    answered: 'Merci. Nous avons enregistré votre classement :',
    changeMind: "Changé d'avis ? Votez à nouveau jusqu'à la clôture ; votre dernier classement compte.",
    unclear: (n) =>
      `Nous n'avons pas pu lire votre réponse comme un classement ; rien n'a été modifié. Écrivez sur la première ligne les numéros d'au plus ${n} initiatives, la plus importante d'abord, séparés par des virgules ou des espaces, par exemple : 3, 1, 5. Les initiatives :`,
    closed: "Ce vote est clôturé ; votre classement n'a pas été enregistré.",
    wrongSender:
      "Cette réponse vient d'une autre adresse que celle du bulletin ; rien n'a été modifié. Répondez depuis cette adresse, ou utilisez le lien de l'e-mail.",
    button: 'Classer les initiatives',
  },
};

/** Our answer to a reply to a ballot email, in the coordinator's language. */
export function renderBallotReplyAnswer(
  answer: BallotReplyAnswer,
  context: { language: Language; title: string; staffEmail: string; name?: string },
): RenderedEmail {
  const w = wording[context.language];
  const body = (() => {
    switch (answer.kind) {
      case 'answered':
        return [w.answered, answer.ranking.map((title, i) => `${i + 1}. ${title}`).join('\n'), w.changeMind];
      case 'unclear':
        return [
          ...(answer.problem ? [answer.problem] : []),
          w.unclear(answer.maxRanked),
          answer.numbered.join('\n'),
          { action: { label: w.button, url: answer.link } },
        ];
      case 'closed':
        return [w.closed];
      case 'wrong_sender':
        return [w.wrongSender];
    }
  })();
  return composeReplyAnswer({
    language: context.language,
    subject: w.subject(context.title),
    name: context.name,
    staffEmail: context.staffEmail,
    body,
  });
}
