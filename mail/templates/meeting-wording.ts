import type { RsvpAnswer } from '../../domain/meetings';
import type { Language } from '../../domain/vocabulary';

/**
 * What meeting emails say, per language (docs/meetings.md). Kept apart from meeting-email.ts, like
 * request-wording.ts, so a translator can read and edit one language's wording in one place.
 */

/** Why an invitee gets a meeting email. */
export type MeetingEmailKind = 'invitation' | 'update' | 'cancellation' | 'reminder' | 'day_before';

/** Sentences of a meeting email; a key missing in one language fails the type check. */
export interface MeetingEmailWording {
  subject: Record<MeetingEmailKind, (title: string) => string>;
  greeting: (name: string) => string;
  lead: Record<MeetingEmailKind, (partner: string) => string>;
  when: string;
  where: string;
  online: string;
  agenda: string;
  answers: Record<RsvpAnswer, string>;
  current: (answer: string) => string;
  button: string;
  reply: string;
  changeMind: string;
  footer: string;
}

export const meetingEmailWording: Record<Language, MeetingEmailWording> = {
  nl: {
    subject: {
      invitation: (t) => `Uitnodiging: ${t}`,
      update: (t) => `Gewijzigd: ${t}`,
      cancellation: (t) => `Afgelast: ${t}`,
      reminder: (t) => `Herinnering: komt u naar ${t}?`,
      day_before: (t) => `Morgen: ${t}`,
    },
    greeting: (n) => `Beste ${n},`,
    lead: {
      invitation: (p) => `Het Integratiepact nodigt u als contactpersoon van ${p} uit op een opvolgbijeenkomst.`,
      update: () => 'Het tijdstip of de plaats van deze opvolgbijeenkomst is gewijzigd.',
      cancellation: () => 'Deze opvolgbijeenkomst gaat niet door. Ze verdwijnt uit uw agenda.',
      reminder: () => 'U hebt nog niet laten weten of u komt. Wilt u even antwoorden?',
      day_before: () => 'Tot morgen! U liet weten dat u komt.',
    },
    when: 'Wanneer',
    where: 'Waar',
    online: 'Online',
    agenda: 'Agenda',
    answers: { yes: 'ja', no: 'nee', maybe: 'misschien' },
    current: (a) => `Uw antwoord: ${a}.`,
    button: 'Antwoord ja, nee of misschien',
    reply: 'U kunt ook antwoorden in uw agenda, of op deze e-mail met JA, NEE of MISSCHIEN op de eerste regel.',
    changeMind: 'Van gedacht veranderd? Antwoord opnieuw tot de bijeenkomst begint; uw laatste antwoord telt.',
    footer: 'vzw Integratiepact — deze link is persoonlijk; stuur deze e-mail niet door.',
  },
  en: {
    subject: {
      invitation: (t) => `Invitation: ${t}`,
      update: (t) => `Changed: ${t}`,
      cancellation: (t) => `Cancelled: ${t}`,
      reminder: (t) => `Reminder: will you come to ${t}?`,
      day_before: (t) => `Tomorrow: ${t}`,
    },
    greeting: (n) => `Dear ${n},`,
    lead: {
      invitation: (p) => `The Integratiepact invites you, as a contact of ${p}, to a follow-up meeting.`,
      update: () => 'The time or place of this follow-up meeting has changed.',
      cancellation: () => 'This follow-up meeting will not take place. It is removed from your calendar.',
      reminder: () => 'You have not told us yet whether you will come. Would you answer?',
      day_before: () => 'See you tomorrow! You told us you will come.',
    },
    when: 'When',
    where: 'Where',
    online: 'Online',
    agenda: 'Agenda',
    answers: { yes: 'yes', no: 'no', maybe: 'maybe' },
    current: (a) => `Your answer: ${a}.`,
    button: 'Answer yes, no or maybe',
    reply: 'You can also answer in your calendar, or reply to this email with YES, NO or MAYBE on the first line.',
    changeMind: 'Changed your mind? Answer again until the meeting starts; your last answer counts.',
    footer: 'vzw Integratiepact — this link is personal; please do not forward this email.',
  },
  fr: {
    subject: {
      invitation: (t) => `Invitation : ${t}`,
      update: (t) => `Modifié : ${t}`,
      cancellation: (t) => `Annulé : ${t}`,
      reminder: (t) => `Rappel : viendrez-vous à ${t} ?`,
      day_before: (t) => `Demain : ${t}`,
    },
    greeting: (n) => `Bonjour ${n},`,
    lead: {
      invitation: (p) => `L'Integratiepact vous invite, comme contact de ${p}, à une réunion de suivi.`,
      update: () => "L'heure ou le lieu de cette réunion de suivi a changé.",
      cancellation: () => "Cette réunion de suivi n'aura pas lieu. Elle est retirée de votre agenda.",
      reminder: () => 'Vous ne nous avez pas encore dit si vous viendrez. Pourriez-vous répondre ?',
      day_before: () => 'À demain ! Vous nous avez dit que vous viendrez.',
    },
    when: 'Quand',
    where: 'Où',
    online: 'En ligne',
    agenda: 'Ordre du jour',
    answers: { yes: 'oui', no: 'non', maybe: 'peut-être' },
    current: (a) => `Votre réponse : ${a}.`,
    button: 'Répondre oui, non ou peut-être',
    reply:
      'Vous pouvez aussi répondre dans votre agenda, ou à cet e-mail avec OUI, NON ou PEUT-ÊTRE sur la première ligne.',
    changeMind: "Changé d'avis ? Répondez à nouveau jusqu'au début de la réunion ; votre dernière réponse compte.",
    footer: 'vzw Integratiepact — ce lien est personnel ; merci de ne pas transférer cet e-mail.',
  },
};
