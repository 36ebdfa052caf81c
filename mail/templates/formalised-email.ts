import type { Language } from '../../domain/vocabulary';
import type { RenderedEmail } from '../email';
import { composeEmail } from './layout';

/** The email a partner gets once its commitment is countersigned (issue 25): its partnership is formalised. */
export interface FormalisedEmailInput {
  language: Language;
  recipientName: string;
  partnerName: string;
  /** Whether the partner agreed to be listed publicly, as it stands when the email is written. */
  listed: boolean;
  /** The personal link to give or withdraw that consent (`/c/<token>`). */
  consentLink: string;
  /** The partner's invitation link, to pass on to its members and network (`/pact/join?ref=<code>`). */
  invitationLink: string;
}

/** What the email says, per language partners may choose; every language has every key. */
interface FormalisedWording {
  subject: (partner: string) => string;
  greeting: (name: string) => string;
  formalised: (partner: string) => string;
  listed: (listed: boolean) => string;
  consentButton: string;
  invitation: string;
  invitationButton: string;
  footer: string;
}

export const formalisedWording: Record<Language, FormalisedWording> = {
  nl: {
    subject: (p) => `Uw partnerschap met het Integratiepact is geformaliseerd (${p})`,
    greeting: (n) => `Beste ${n},`,
    formalised: (p) =>
      `Het formeel engagement van ${p} is ondertekend en door de directie medeondertekend: uw partnerschap met het Integratiepact is geformaliseerd. Welkom!`,
    listed: (listed) =>
      listed
        ? 'U gaf toestemming om uw organisatie publiek te vermelden als partner van het pact. Met de knop hieronder kunt u die toestemming op elk moment intrekken.'
        : 'Uw organisatie wordt niet publiek vermeld als partner van het pact. Wilt u dat wel, of later niet meer? Met de knop hieronder kiest u dat op elk moment.',
    consentButton: 'Publieke vermelding beheren',
    invitation:
      'Het pact groeit als elke partner anderen meebrengt. Geef deze uitnodigingslink door aan uw leden en uw netwerk: wie via deze link aansluit, laat weten dat u hen mobiliseerde.',
    invitationButton: 'Uw uitnodigingslink',
    footer: 'Integratiepact — deze e-mail werd automatisch verstuurd.',
  },
  en: {
    subject: (p) => `Your partnership with the Integratiepact is formalised (${p})`,
    greeting: (n) => `Dear ${n},`,
    formalised: (p) =>
      `The formal commitment of ${p} is signed and countersigned by the director: your partnership with the Integratiepact is formalised. Welcome!`,
    listed: (listed) =>
      listed
        ? 'You agreed that your organisation is listed publicly as a partner of the pact. With the button below you can withdraw that consent at any time.'
        : 'Your organisation is not listed publicly as a partner of the pact. Would you like it to be, or later no longer? The button below lets you choose at any time.',
    consentButton: 'Manage your public listing',
    invitation:
      'The pact grows as each partner brings in others. Pass this invitation link on to your members and your network: whoever joins through it shows that you mobilised them.',
    invitationButton: 'Your invitation link',
    footer: 'Integratiepact — this email was sent automatically.',
  },
  fr: {
    subject: (p) => `Votre partenariat avec l'Integratiepact est formalisé (${p})`,
    greeting: (n) => `Bonjour ${n},`,
    formalised: (p) =>
      `L'engagement formel de ${p} est signé et contresigné par la direction : votre partenariat avec l'Integratiepact est formalisé. Bienvenue !`,
    listed: (listed) =>
      listed
        ? 'Vous avez accepté que votre organisation soit mentionnée publiquement comme partenaire du pacte. Le bouton ci-dessous vous permet de retirer ce consentement à tout moment.'
        : "Votre organisation n'est pas mentionnée publiquement comme partenaire du pacte. Vous le souhaitez, ou plus tard plus ? Le bouton ci-dessous vous permet de le choisir à tout moment.",
    consentButton: 'Gérer votre mention publique',
    invitation:
      "Le pacte grandit lorsque chaque partenaire en amène d'autres. Transmettez ce lien d'invitation à vos membres et à votre réseau : qui rejoint par ce lien montre que vous l'avez mobilisé.",
    invitationButton: "Votre lien d'invitation",
    footer: 'Integratiepact — ce message a été envoyé automatiquement.',
  },
};

/** The email, with both links as buttons (as plain "label: url" lines in the text part). */
export function renderFormalisedEmail(input: FormalisedEmailInput): RenderedEmail {
  const w = formalisedWording[input.language];
  return composeEmail({
    language: input.language,
    subject: w.subject(input.partnerName),
    paragraphs: [
      w.greeting(input.recipientName),
      w.formalised(input.partnerName),
      w.listed(input.listed),
      { action: { label: w.consentButton, url: input.consentLink } },
      w.invitation,
      { action: { label: w.invitationButton, url: input.invitationLink } },
    ],
    footer: w.footer,
  });
}
