import type { Language } from '../../domain/vocabulary';
import type { RankingIssue } from '../../domain/prioritisation';
import type { BallotResult } from '../../features/rounds/answer-ballot';

/** What a ballot's partner page says, per language (Dutch by default): every language has every key. */
export interface BallotPageWording {
  title: string;
  for: (name: string, partner: string) => string;
  closes: (when: string) => string;
  closed: string;
  initiatives: string;
  question: (n: number) => string;
  choice: (place: number) => string;
  none: string;
  submit: string;
  current: string;
  changeMind: string;
  result: Record<Exclude<BallotResult['kind'], 'engine_unavailable' | 'invalid'>, string>;
  invalid: string;
  /** Each issue, with the initiatives it names already as their numbered titles. */
  issues: { [K in RankingIssue['kind']]: (detail: string) => string };
  notFound: string;
  contact: (email: string) => string;
}

export const ballotPageWording: Record<Language, BallotPageWording> = {
  nl: {
    title: 'Stemming',
    for: (n, p) => `Stembrief voor ${n} (${p})`,
    closes: (w) => `De stemming sluit op ${w}.`,
    closed: 'Deze stemming is gesloten.',
    initiatives: 'De initiatieven',
    question: (n) => `Rangschik ten hoogste ${n} initiatieven, het belangrijkste eerst`,
    choice: (p) => `${p}e keuze`,
    none: '— geen —',
    submit: 'Rangschikking versturen',
    current: 'Uw huidige rangschikking',
    changeMind: 'U kunt uw rangschikking wijzigen tot de stemming sluit; uw laatste rangschikking telt.',
    result: {
      recorded: 'Dank u, uw rangschikking is geregistreerd.',
      closed: 'Deze stemming is gesloten; er is niets gewijzigd.',
    },
    invalid: 'Uw rangschikking is niet geregistreerd:',
    issues: {
      empty: () => 'Kies minstens één initiatief.',
      not_in_round: (d) => `Niet in deze stemming: ${d}.`,
      twice: (d) => `Meer dan één keer gekozen: ${d}.`,
      too_many: (d) => `Kies ten hoogste ${d} initiatieven.`,
    },
    notFound: 'Deze link is niet gekend. Controleer of u de volledige link uit de e-mail hebt gekopieerd.',
    contact: (e) => `Vragen? Mail ${e}.`,
  },
  en: {
    title: 'Vote',
    for: (n, p) => `Ballot for ${n} (${p})`,
    closes: (w) => `The vote closes on ${w}.`,
    closed: 'This vote has closed.',
    initiatives: 'The initiatives',
    question: (n) => `Rank up to ${n} initiatives, the most important first`,
    choice: (p) => `Choice ${p}`,
    none: '— none —',
    submit: 'Send my ranking',
    current: 'Your current ranking',
    changeMind: 'You can change your ranking until the vote closes; your last ranking counts.',
    result: {
      recorded: 'Thank you, your ranking has been recorded.',
      closed: 'This vote has closed; nothing was changed.',
    },
    invalid: 'Your ranking was not recorded:',
    issues: {
      empty: () => 'Choose at least one initiative.',
      not_in_round: (d) => `Not in this vote: ${d}.`,
      twice: (d) => `Chosen more than once: ${d}.`,
      too_many: (d) => `Choose at most ${d} initiatives.`,
    },
    notFound: 'This link is not known. Check that you copied the whole link from the email.',
    contact: (e) => `Questions? Write to ${e}.`,
  },
  fr: {
    title: 'Vote',
    for: (n, p) => `Bulletin pour ${n} (${p})`,
    closes: (w) => `Le vote se clôture le ${w}.`,
    closed: 'Ce vote est clôturé.',
    initiatives: 'Les initiatives',
    question: (n) => `Classez au plus ${n} initiatives, la plus importante d'abord`,
    choice: (p) => (p === 1 ? '1er choix' : `${p}e choix`),
    none: '— aucune —',
    submit: 'Envoyer mon classement',
    current: 'Votre classement actuel',
    changeMind: "Vous pouvez modifier votre classement jusqu'à la clôture ; votre dernier classement compte.",
    result: {
      recorded: 'Merci, votre classement a été enregistré.',
      closed: "Ce vote est clôturé ; rien n'a été modifié.",
    },
    invalid: "Votre classement n'a pas été enregistré :",
    issues: {
      empty: () => 'Choisissez au moins une initiative.',
      not_in_round: (d) => `Pas dans ce vote : ${d}.`,
      twice: (d) => `Choisie plus d'une fois : ${d}.`,
      too_many: (d) => `Choisissez au plus ${d} initiatives.`,
    },
    notFound: "Ce lien n'est pas connu. Vérifiez que vous avez copié le lien complet de l'e-mail.",
    contact: (e) => `Des questions ? Écrivez à ${e}.`,
  },
};
