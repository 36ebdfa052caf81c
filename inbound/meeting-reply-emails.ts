import type { RsvpAnswer } from '../domain/meetings';
import type { Language } from '../domain/vocabulary';
import type { RenderedEmail } from '../mail/email';
import { composeEmail } from '../mail/templates/layout';
import { composeReplyAnswer } from './reply-answer-frame';
import { answerWord, meetingWhen } from '../mail/templates/meeting-email';

/** What we answer to a reply about a meeting; only `answered` means something changed. */
export type MeetingReplyAnswer =
  | { kind: 'answered'; answer: RsvpAnswer }
  | { kind: 'unclear'; link: string }
  | { kind: 'cancelled' }
  | { kind: 'started' }
  | { kind: 'wrong_meeting'; link: string }
  /** The calendar answered an earlier version of the invitation. */
  | { kind: 'outdated'; link: string }
  | { kind: 'wrong_sender' };

interface Wording {
  subject: (title: string) => string;
  answered: (answer: string) => string;
  changeMind: string;
  unclear: string;
  cancelled: string;
  started: string;
  wrongMeeting: string;
  outdated: string;
  wrongSender: string;
  button: string;
}

const wording: Record<Language, Wording> = {
  nl: {
    subject: (t) => `Uw antwoord: ${t}`,
    answered: (a) => `Dank u. We hebben uw antwoord geregistreerd: ${a}.`,
    changeMind: 'Van gedacht veranderd? Antwoord opnieuw tot de bijeenkomst begint; uw laatste antwoord telt.',
    unclear:
      'We konden uit uw antwoord niet opmaken of u komt; er is niets geregistreerd. Zet JA, NEE of MISSCHIEN op de eerste regel, of gebruik de link:',
    cancelled: 'Deze bijeenkomst is afgelast; uw antwoord is niet geregistreerd.',
    started: 'Deze bijeenkomst is al begonnen of voorbij; uw antwoord is niet geregistreerd.',
    wrongMeeting:
      'Uw agenda antwoordde op een andere bijeenkomst dan die van dit adres; er is niets gewijzigd. Gebruik de link in de uitnodiging:',
    outdated:
      'Uw agenda antwoordde op een eerdere versie van deze uitnodiging: de bijeenkomst is intussen gewijzigd, en dat antwoord telt niet voor het nieuwe tijdstip. Antwoord op de laatste uitnodiging, of met de link:',
    wrongSender:
      'Dit antwoord kwam van een ander adres dan het uitgenodigde, en noemde dat adres ook niet; er is niets gewijzigd. Antwoord vanaf het uitgenodigde adres, of met de link in de uitnodiging.',
    button: 'Antwoord ja, nee of misschien',
  },
  en: {
    subject: (t) => `Your answer: ${t}`,
    answered: (a) => `Thank you. We recorded your answer: ${a}.`,
    changeMind: 'Changed your mind? Answer again until the meeting starts; your last answer counts.',
    unclear:
      'We could not tell from your reply whether you will come, so nothing was recorded. Put YES, NO or MAYBE on the first line, or use the link:',
    cancelled: 'This meeting was cancelled; your answer was not recorded.',
    started: 'This meeting has started or is over; your answer was not recorded.',
    wrongMeeting:
      'Your calendar answered another meeting than the one of this address; nothing changed. Use the link in the invitation:',
    outdated:
      'Your calendar answered an earlier version of this invitation: the meeting has changed since, and that answer does not count for the new time. Answer the latest invitation, or use the link:',
    wrongSender:
      'This answer came from another address than the one invited, and did not name that address either; nothing changed. Answer from the invited address, or with the link in the invitation.',
    button: 'Answer yes, no or maybe',
  },
  fr: {
    subject: (t) => `Votre réponse : ${t}`,
    answered: (a) => `Merci. Nous avons enregistré votre réponse : ${a}.`,
    changeMind: "Changé d'avis ? Répondez à nouveau jusqu'au début de la réunion ; votre dernière réponse compte.",
    unclear:
      "Nous n'avons pas pu lire dans votre réponse si vous viendrez ; rien n'a été enregistré. Écrivez OUI, NON ou PEUT-ÊTRE sur la première ligne, ou utilisez le lien :",
    cancelled: "Cette réunion est annulée ; votre réponse n'a pas été enregistrée.",
    started: "Cette réunion a commencé ou est terminée ; votre réponse n'a pas été enregistrée.",
    wrongMeeting:
      "Votre agenda a répondu à une autre réunion que celle de cette adresse ; rien n'a changé. Utilisez le lien de l'invitation :",
    outdated:
      'Votre agenda a répondu à une version antérieure de cette invitation : la réunion a changé depuis, et cette réponse ne vaut pas pour le nouvel horaire. Répondez à la dernière invitation, ou utilisez le lien :',
    wrongSender:
      "Cette réponse vient d'une autre adresse que celle invitée, et ne la mentionne pas ; rien n'a changé. Répondez depuis l'adresse invitée, ou avec le lien de l'invitation.",
    button: 'Répondre oui, non ou peut-être',
  },
};

/** Our answer to a reply about a meeting, in the invitee's language; it names no token except the invitee's own link. */
export function renderMeetingReplyAnswer(
  answer: MeetingReplyAnswer,
  context: { language: Language; title: string; staffEmail: string; name?: string },
): RenderedEmail {
  const w = wording[context.language];
  const body = (() => {
    switch (answer.kind) {
      case 'answered':
        return [w.answered(answerWord(answer.answer, context.language)), w.changeMind];
      case 'unclear':
        return [w.unclear, { action: { label: w.button, url: answer.link } }];
      case 'cancelled':
        return [w.cancelled];
      case 'started':
        return [w.started];
      case 'wrong_meeting':
        return [w.wrongMeeting, { action: { label: w.button, url: answer.link } }];
      case 'outdated':
        return [w.outdated, { action: { label: w.button, url: answer.link } }];
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

/** To staff (Dutch): an invitee's calendar proposed another time (iMIP COUNTER); nothing changed. */
export function renderCounterProposal(input: {
  title: string;
  meetingId: string;
  inviteeName: string;
  partnerName: string;
  proposed?: { start: string; end?: string };
  staffUrl: string;
}): RenderedEmail {
  const proposed = input.proposed
    ? meetingWhen(new Date(input.proposed.start), new Date(input.proposed.end ?? input.proposed.start), 'nl')
    : 'een ander tijdstip (niet leesbaar)';
  return composeEmail({
    language: 'nl',
    subject: `Voorstel nieuw tijdstip: ${input.title}`,
    paragraphs: [
      `${input.inviteeName} (${input.partnerName}) stelt vanuit de agenda een ander tijdstip voor de bijeenkomst "${input.title}" voor: ${proposed}.`,
      'Er is niets gewijzigd. Wijzig de bijeenkomst zelf als u het voorstel volgt; iedereen krijgt dan een bijgewerkte uitnodiging.',
      { action: { label: 'Open de bijeenkomst', url: input.staffUrl } },
    ],
    footer: 'Integratiepact — automatisch bericht',
  });
}
