import type { Language } from '../../domain/vocabulary';
import type { RenderedEmail } from '../email';
import { composeEmail } from './layout';
import { footer as staffFooter, greeting as staffGreeting } from './staff-emails';

interface JoinEmailWording {
  subject: (organisation: string) => string;
  greeting: (name: string) => string;
  asked: (organisation: string) => string;
  confirm: string;
  within: (hours: number) => string;
  notYou: string;
  footer: string;
}

const wording: Record<Language, JoinEmailWording> = {
  nl: {
    subject: (o) => `Bevestig de aanmelding van ${o} bij het Integratiepact`,
    greeting: (n) => `Beste ${n},`,
    asked: (o) =>
      `Via het formulier op onze website werd ${o} aangemeld bij het Integratiepact, met dit adres als coördinator.`,
    confirm: 'Aanmelding bevestigen',
    within: (h) =>
      `Bevestig met de knop hieronder binnen ${h} uur. Daarna bekijkt een medewerker van het Integratiepact de engagementsintentie en neemt contact op.`,
    notYou: 'Was u dit niet? Dan hoeft u niets te doen: zonder bevestiging wordt niets bewaard.',
    footer: 'vzw Integratiepact — automatisch bericht.',
  },
  en: {
    subject: (o) => `Confirm that ${o} joins the Integratiepact`,
    greeting: (n) => `Dear ${n},`,
    asked: (o) =>
      `Through the form on our website, ${o} asked to join the Integratiepact, with this address as its coordinator.`,
    confirm: 'Confirm the request',
    within: (h) =>
      `Confirm with the button below within ${h} hours. A member of the Integratiepact's staff then reviews the statement of intent and gets in touch.`,
    notYou: 'Was this not you? Then there is nothing to do: without a confirmation nothing is kept.',
    footer: 'vzw Integratiepact — automatic message.',
  },
  fr: {
    subject: (o) => `Confirmez l’adhésion de ${o} à l’Integratiepact`,
    greeting: (n) => `Bonjour ${n},`,
    asked: (o) =>
      `Via le formulaire de notre site, ${o} a demandé à rejoindre l’Integratiepact, avec cette adresse comme coordinateur.`,
    confirm: 'Confirmer la demande',
    within: (h) =>
      `Confirmez avec le bouton ci-dessous dans les ${h} heures. Un membre de l’équipe de l’Integratiepact examinera ensuite la déclaration d’intention et prendra contact.`,
    notYou: 'Ce n’était pas vous ? Il n’y a rien à faire : sans confirmation, rien n’est conservé.',
    footer: 'vzw Integratiepact — message automatique.',
  },
};

/** To the coordinator the join form named: the link that confirms the address (double opt-in). */
export function renderJoinConfirmationEmail(input: {
  language: Language;
  organisation: string;
  recipientName: string;
  confirmUrl: string;
  hours: number;
}): RenderedEmail {
  const w = wording[input.language];
  return composeEmail({
    language: input.language,
    subject: w.subject(input.organisation),
    paragraphs: [
      w.greeting(input.recipientName),
      w.asked(input.organisation),
      w.within(input.hours),
      { action: { label: w.confirm, url: input.confirmUrl } },
      w.notYou,
    ],
    footer: w.footer,
  });
}

/** To staff (Dutch): a confirmed join waits for their review. */
export function renderJoinToReviewEmail(input: { organisation: string; reviewUrl: string }): RenderedEmail {
  return composeEmail({
    language: 'nl',
    subject: `Nieuwe aanmelding te beoordelen: ${input.organisation}`,
    paragraphs: [
      staffGreeting,
      `${input.organisation} meldde zich aan via het formulier op de website en bevestigde het adres van de coördinator. Bekijk de engagementsintentie en keur de aanmelding goed of af: bij goedkeuring begint het traject meteen bij de beoordeling van de intentie.`,
      { action: { label: 'Open de aanmelding', url: input.reviewUrl } },
    ],
    footer: staffFooter,
  });
}
