import type { Language } from '../../domain/vocabulary';

/** What a partner's consent page (`/c/<token>`) says, per language (Dutch by default): every language has every key. */
export interface ConsentPageWording {
  title: string;
  intro: (partner: string) => string;
  current: (listed: boolean) => string;
  question: string;
  yes: string;
  no: string;
  anyTime: string;
  submit: string;
  pickOne: string;
  recorded: (listed: boolean) => string;
  notFound: string;
  contact: (email: string) => string;
}

export const consentPageWording: Record<Language, ConsentPageWording> = {
  nl: {
    title: 'Publieke vermelding',
    intro: (p) =>
      `Mag ${p} publiek vermeld worden als partner van het Integratiepact, op de publieke pagina's van het pact?`,
    current: (listed) => (listed ? 'Nu: ja, u wordt publiek vermeld.' : 'Nu: nee, u wordt niet publiek vermeld.'),
    question: 'Uw keuze',
    yes: 'Ja, onze organisatie mag publiek vermeld worden',
    no: 'Nee, niet publiek vermelden',
    anyTime:
      "U kunt dit op elk moment wijzigen met deze link. Trekt u uw toestemming in, dan verdwijnt uw organisatie binnen een minuut van de publieke pagina's.",
    submit: 'Keuze bewaren',
    pickOne: 'Kies ja of nee.',
    recorded: (listed) =>
      listed
        ? 'Dank u: uw organisatie mag publiek vermeld worden.'
        : 'Dank u: uw organisatie wordt niet publiek vermeld.',
    notFound: 'Deze link is niet gekend. Controleer of u de volledige link uit de e-mail kopieerde.',
    contact: (e) => `Vragen? Schrijf naar ${e}.`,
  },
  en: {
    title: 'Public listing',
    intro: (p) => `May ${p} be listed publicly as a partner of the Integratiepact, on the pact's public pages?`,
    current: (listed) => (listed ? 'Now: yes, you are listed publicly.' : 'Now: no, you are not listed publicly.'),
    question: 'Your choice',
    yes: 'Yes, our organisation may be listed publicly',
    no: 'No, do not list us publicly',
    anyTime:
      'You can change this at any time with this link. If you withdraw your consent, your organisation leaves the public pages within a minute.',
    submit: 'Save my choice',
    pickOne: 'Choose yes or no.',
    recorded: (listed) =>
      listed
        ? 'Thank you: your organisation may be listed publicly.'
        : 'Thank you: your organisation is not listed publicly.',
    notFound: 'This link is not known. Check that you copied the whole link from the email.',
    contact: (e) => `Questions? Write to ${e}.`,
  },
  fr: {
    title: 'Mention publique',
    intro: (p) =>
      `${p} peut-il être mentionné publiquement comme partenaire de l'Integratiepact, sur les pages publiques du pacte ?`,
    current: (listed) =>
      listed
        ? 'Actuellement : oui, vous êtes mentionné publiquement.'
        : "Actuellement : non, vous n'êtes pas mentionné publiquement.",
    question: 'Votre choix',
    yes: 'Oui, notre organisation peut être mentionnée publiquement',
    no: 'Non, ne pas nous mentionner publiquement',
    anyTime:
      'Vous pouvez modifier ce choix à tout moment avec ce lien. Si vous retirez votre consentement, votre organisation disparaît des pages publiques en une minute.',
    submit: 'Enregistrer mon choix',
    pickOne: 'Choisissez oui ou non.',
    recorded: (listed) =>
      listed
        ? 'Merci : votre organisation peut être mentionnée publiquement.'
        : "Merci : votre organisation n'est pas mentionnée publiquement.",
    notFound: "Ce lien n'est pas connu. Vérifiez que vous avez copié le lien complet de l'e-mail.",
    contact: (e) => `Des questions ? Écrivez à ${e}.`,
  },
};
