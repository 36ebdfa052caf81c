import type { Language } from '../../domain/vocabulary';
import type { RsvpResult } from '../../features/meetings/answer-rsvp';

/** What a meeting invitation's partner page says, per language (Dutch by default): every language has every key. */
export interface MeetingPageWording {
  title: string;
  invited: (name: string, partner: string) => string;
  when: string;
  where: string;
  online: string;
  agenda: string;
  question: string;
  note: string;
  submit: string;
  current: (answer: string) => string;
  changeMind: string;
  pickOne: string;
  result: Record<Exclude<RsvpResult['kind'], 'engine_unavailable'>, string>;
  notFound: string;
  contact: (email: string) => string;
}

export const meetingPageWording: Record<Language, MeetingPageWording> = {
  nl: {
    title: 'Opvolgbijeenkomst',
    invited: (n, p) => `Uitnodiging voor ${n} (${p})`,
    when: 'Wanneer',
    where: 'Waar',
    online: 'Online',
    agenda: 'Agenda',
    question: 'Komt u?',
    note: 'Opmerking (niet verplicht)',
    submit: 'Antwoord versturen',
    current: (a) => `Uw huidige antwoord: ${a}.`,
    changeMind: 'U kunt uw antwoord wijzigen tot de bijeenkomst begint; uw laatste antwoord telt.',
    pickOne: 'Kies ja, nee of misschien.',
    result: {
      recorded: 'Dank u, uw antwoord is geregistreerd.',
      stale: 'Er is al een recenter antwoord geregistreerd; er is niets gewijzigd.',
      cancelled: 'Deze bijeenkomst is afgelast; er is niets geregistreerd.',
      started: 'Deze bijeenkomst is al begonnen of voorbij; antwoorden kan niet meer. Er is niets gewijzigd.',
      wrong_meeting: 'Dit antwoord hoort bij een andere bijeenkomst; er is niets gewijzigd.',
      outdated: 'Dit antwoord hoort bij een eerdere versie van de uitnodiging; er is niets gewijzigd.',
      implausible: 'Dit antwoord is niet geldig voor deze uitnodiging; er is niets gewijzigd.',
    },
    notFound: 'Deze link is niet gekend. Kijk na of u de volledige link uit de e-mail gebruikte.',
    contact: (e) => `Vragen? Schrijf naar ${e}.`,
  },
  en: {
    title: 'Follow-up meeting',
    invited: (n, p) => `Invitation for ${n} (${p})`,
    when: 'When',
    where: 'Where',
    online: 'Online',
    agenda: 'Agenda',
    question: 'Will you come?',
    note: 'Note (optional)',
    submit: 'Send answer',
    current: (a) => `Your current answer: ${a}.`,
    changeMind: 'You can change your answer until the meeting starts; your last answer counts.',
    pickOne: 'Choose yes, no or maybe.',
    result: {
      recorded: 'Thank you, your answer has been recorded.',
      stale: 'A more recent answer was already recorded; nothing changed.',
      cancelled: 'This meeting was cancelled; nothing was recorded.',
      started: 'This meeting has started or is over; answers are closed. Nothing changed.',
      wrong_meeting: 'This answer belongs to another meeting; nothing changed.',
      outdated: 'This answer belongs to an earlier version of the invitation; nothing changed.',
      implausible: 'This answer is not valid for this invitation; nothing changed.',
    },
    notFound: 'This link is not known. Check that you copied the whole link from the email.',
    contact: (e) => `Questions? Write to ${e}.`,
  },
  fr: {
    title: 'Réunion de suivi',
    invited: (n, p) => `Invitation pour ${n} (${p})`,
    when: 'Quand',
    where: 'Où',
    online: 'En ligne',
    agenda: 'Ordre du jour',
    question: 'Viendrez-vous ?',
    note: 'Remarque (facultatif)',
    submit: 'Envoyer la réponse',
    current: (a) => `Votre réponse actuelle : ${a}.`,
    changeMind: "Vous pouvez changer votre réponse jusqu'au début de la réunion ; votre dernière réponse compte.",
    pickOne: 'Choisissez oui, non ou peut-être.',
    result: {
      recorded: 'Merci, votre réponse est enregistrée.',
      stale: "Une réponse plus récente était déjà enregistrée ; rien n'a changé.",
      cancelled: "Cette réunion est annulée ; rien n'a été enregistré.",
      started: "Cette réunion a commencé ou est terminée ; on ne peut plus répondre. Rien n'a changé.",
      wrong_meeting: "Cette réponse concerne une autre réunion ; rien n'a changé.",
      outdated: "Cette réponse concerne une version antérieure de l'invitation ; rien n'a changé.",
      implausible: "Cette réponse n'est pas valable pour cette invitation ; rien n'a changé.",
    },
    notFound: "Ce lien n'est pas connu. Vérifiez que vous avez copié le lien complet de l'e-mail.",
    contact: (e) => `Des questions ? Écrivez à ${e}.`,
  },
};
