import type { ActorType, Language, Sector } from '../../domain/vocabulary';

/** The words of the public join form (`/pact/join`) and its confirmation page (`/j/<token>`), nl/en/fr. */
export interface JoinPageWording {
  title: string;
  intro: string;
  referredBy: (partner: string) => string;
  fixErrors: string;
  organisation: string;
  name: string;
  actorType: string;
  sector: string;
  language: string;
  coordinator: string;
  coordinatorHint: string;
  signatory: string;
  signatoryHint: string;
  personName: string;
  email: string;
  intent: string;
  intentHint: string;
  levers: string;
  goals: string;
  summary: string;
  summaryHint: string;
  honeypot: string;
  privacy: string;
  submit: string;
  choose: string;
  received: string;
  receivedMessage: string;
  confirmTitle: string;
  confirmText: (organisation: string) => string;
  confirmButton: string;
  confirmed: string;
  confirmedMessage: (organisation: string) => string;
  linkUnknown: string;
  formExpired: string;
  actorTypes: Record<ActorType, string>;
  sectors: Record<Sector, string>;
  languages: Record<Language, string>;
  fields: {
    name: string;
    actorType: string;
    sector: string;
    language: string;
    personName: string;
    email: string;
    levers: string;
    goals: string;
    summary: string;
  };
}

const languageNames: Record<Language, string> = { nl: 'Nederlands', en: 'English', fr: 'Français' };

export const joinPageWording: Record<Language, JoinPageWording> = {
  nl: {
    title: 'Aansluiten bij het Integratiepact',
    intro:
      'Wil uw organisatie meewerken aan een samenleving zonder discriminatie en racisme? Vertel ons wat u van plan bent. Na uw aanmelding krijgt de coördinator een e-mail om het adres te bevestigen; daarna bekijkt een medewerker van het Integratiepact uw engagementsintentie.',
    referredBy: (p) => `U werd uitgenodigd door ${p}.`,
    fixErrors: 'Niet alles is goed ingevuld: kijk de velden met een foutmelding na.',
    organisation: 'Uw organisatie',
    name: 'Naam van de organisatie',
    actorType: 'Type actor',
    sector: 'Sector',
    language: 'Taal voor onze berichten',
    coordinator: 'Coördinator',
    coordinatorHint: 'De persoon die het engagement opvolgt. Naar dit adres sturen we de bevestigingslink.',
    signatory: 'Ondertekenaar (niet verplicht)',
    signatoryHint: 'Wie het formeel engagement ondertekent; leeg: de coördinator.',
    personName: 'Naam',
    email: 'E-mailadres',
    intent: 'Engagementsintentie',
    intentHint: 'Waarop wil uw organisatie inzetten?',
    levers: 'Hefbomen',
    goals: 'Doelen',
    summary: 'Wat wilt u doen?',
    summaryHint: 'Enkele zinnen in uw eigen woorden (minstens 10 tekens).',
    honeypot: 'Laat dit veld leeg',
    privacy:
      'We bewaren deze gegevens alleen om uw aanmelding te behandelen. Zonder bevestiging binnen 72 uur wissen we ze; bij een afwijzing ook.',
    submit: 'Aanmelding versturen',
    choose: 'Kies …',
    received: 'Bedankt voor uw aanmelding',
    receivedMessage:
      'We stuurden een e-mail naar de coördinator. Bevestig de aanmelding met de link in die e-mail, binnen 72 uur. Geen e-mail ontvangen? Kijk ook bij de ongewenste berichten.',
    confirmTitle: 'Aanmelding bevestigen',
    confirmText: (o) => `Bevestig dat ${o} wil aansluiten bij het Integratiepact, met uw adres als coördinator.`,
    confirmButton: 'Bevestigen',
    confirmed: 'Aanmelding bevestigd',
    confirmedMessage: (o) =>
      `Bedankt. De aanmelding van ${o} is bevestigd. Een medewerker van het Integratiepact bekijkt uw engagementsintentie en neemt contact met u op.`,
    linkUnknown:
      'Deze link werkt niet (meer): hij werd al gebruikt of is verlopen. Meld u opnieuw aan via het formulier als dat nodig is.',
    formExpired: 'Het formulier was te lang open of kwam niet van deze website. Vul het opnieuw in en verstuur het.',
    actorTypes: { state: 'Overheid', civil_society: 'Burgermaatschappij', market: 'Markt' },
    sectors: {
      work: 'Werk',
      education: 'Onderwijs',
      care: 'Zorg',
      culture: 'Cultuur',
      media: 'Media',
      local_government: 'Lokaal bestuur',
      civil_society: 'Middenveld',
      other: 'Andere',
    },
    languages: languageNames,
    fields: {
      name: 'Vul de naam van de organisatie in (2 tot 200 tekens, één regel).',
      actorType: 'Kies een type actor.',
      sector: 'Kies een sector.',
      language: 'Kies een taal.',
      personName: 'Vul een naam in (één regel).',
      email: 'Vul een geldig e-mailadres in.',
      levers: 'Kies minstens één hefboom.',
      goals: 'Kies minstens één doel.',
      summary: 'Beschrijf in minstens 10 tekens wat u wilt doen.',
    },
  },
  en: {
    title: 'Join the Integratiepact',
    intro:
      'Does your organisation want to work towards a society without discrimination and racism? Tell us what you intend to do. After you send this form, your coordinator gets an email to confirm the address; then a member of the Integratiepact staff reviews your statement of intent.',
    referredBy: (p) => `You were invited by ${p}.`,
    fixErrors: 'Not everything is filled in correctly: check the fields with an error message.',
    organisation: 'Your organisation',
    name: 'Name of the organisation',
    actorType: 'Type of actor',
    sector: 'Sector',
    language: 'Language of our messages',
    coordinator: 'Coordinator',
    coordinatorHint: 'The person who follows up the commitment. We send the confirmation link to this address.',
    signatory: 'Signatory (optional)',
    signatoryHint: 'Who signs the formal commitment; empty: the coordinator.',
    personName: 'Name',
    email: 'Email address',
    intent: 'Statement of intent',
    intentHint: 'What does your organisation want to work on?',
    levers: 'Levers',
    goals: 'Goals',
    summary: 'What do you want to do?',
    summaryHint: 'A few sentences in your own words (at least 10 characters).',
    honeypot: 'Leave this field empty',
    privacy:
      'We keep these details only to handle your request. Without a confirmation within 72 hours we erase them; after a rejection too.',
    submit: 'Send the request',
    choose: 'Choose …',
    received: 'Thank you for your request',
    receivedMessage:
      'We sent an email to the coordinator. Confirm the request with the link in that email, within 72 hours. No email? Check the spam folder too.',
    confirmTitle: 'Confirm the request',
    confirmText: (o) => `Confirm that ${o} wants to join the Integratiepact, with your address as its coordinator.`,
    confirmButton: 'Confirm',
    confirmed: 'Request confirmed',
    confirmedMessage: (o) =>
      `Thank you. The request of ${o} is confirmed. A member of the Integratiepact staff reviews your statement of intent and gets in touch.`,
    linkUnknown:
      'This link does not work (any more): it was used already or has expired. Fill in the form again if needed.',
    formExpired: 'The form was open too long or did not come from this website. Fill it in again and send it.',
    actorTypes: { state: 'Government', civil_society: 'Civil society', market: 'Market' },
    sectors: {
      work: 'Work',
      education: 'Education',
      care: 'Care',
      culture: 'Culture',
      media: 'Media',
      local_government: 'Local government',
      civil_society: 'Civil society organisations',
      other: 'Other',
    },
    languages: languageNames,
    fields: {
      name: 'Fill in the organisation’s name (2 to 200 characters, one line).',
      actorType: 'Choose a type of actor.',
      sector: 'Choose a sector.',
      language: 'Choose a language.',
      personName: 'Fill in a name (one line).',
      email: 'Fill in a valid email address.',
      levers: 'Choose at least one lever.',
      goals: 'Choose at least one goal.',
      summary: 'Describe what you want to do in at least 10 characters.',
    },
  },
  fr: {
    title: 'Rejoindre l’Integratiepact',
    intro:
      'Votre organisation veut contribuer à une société sans discrimination ni racisme ? Dites-nous ce que vous comptez faire. Après l’envoi, le coordinateur reçoit un e-mail pour confirmer l’adresse ; ensuite un membre de l’équipe de l’Integratiepact examine votre déclaration d’intention.',
    referredBy: (p) => `Vous avez été invité par ${p}.`,
    fixErrors: 'Tout n’est pas correctement rempli : vérifiez les champs signalés.',
    organisation: 'Votre organisation',
    name: 'Nom de l’organisation',
    actorType: 'Type d’acteur',
    sector: 'Secteur',
    language: 'Langue de nos messages',
    coordinator: 'Coordinateur',
    coordinatorHint: 'La personne qui suit l’engagement. Nous envoyons le lien de confirmation à cette adresse.',
    signatory: 'Signataire (facultatif)',
    signatoryHint: 'Qui signe l’engagement formel ; vide : le coordinateur.',
    personName: 'Nom',
    email: 'Adresse e-mail',
    intent: 'Déclaration d’intention',
    intentHint: 'Sur quoi votre organisation veut-elle agir ?',
    levers: 'Leviers',
    goals: 'Objectifs',
    summary: 'Que voulez-vous faire ?',
    summaryHint: 'Quelques phrases avec vos propres mots (au moins 10 caractères).',
    honeypot: 'Laissez ce champ vide',
    privacy:
      'Nous gardons ces données uniquement pour traiter votre demande. Sans confirmation dans les 72 heures, nous les effaçons ; après un refus aussi.',
    submit: 'Envoyer la demande',
    choose: 'Choisissez …',
    received: 'Merci pour votre demande',
    receivedMessage:
      'Nous avons envoyé un e-mail au coordinateur. Confirmez la demande avec le lien de cet e-mail, dans les 72 heures. Pas d’e-mail ? Regardez aussi dans les indésirables.',
    confirmTitle: 'Confirmer la demande',
    confirmText: (o) =>
      `Confirmez que ${o} souhaite rejoindre l’Integratiepact, avec votre adresse comme coordinateur.`,
    confirmButton: 'Confirmer',
    confirmed: 'Demande confirmée',
    confirmedMessage: (o) =>
      `Merci. La demande de ${o} est confirmée. Un membre de l’équipe de l’Integratiepact examine votre déclaration d’intention et prendra contact avec vous.`,
    linkUnknown:
      'Ce lien ne fonctionne pas (plus) : il a déjà été utilisé ou a expiré. Remplissez à nouveau le formulaire si nécessaire.',
    formExpired: 'Le formulaire est resté ouvert trop longtemps ou ne venait pas de ce site. Remplissez-le à nouveau.',
    actorTypes: { state: 'Pouvoirs publics', civil_society: 'Société civile', market: 'Marché' },
    sectors: {
      work: 'Emploi',
      education: 'Enseignement',
      care: 'Soins',
      culture: 'Culture',
      media: 'Médias',
      local_government: 'Pouvoirs locaux',
      civil_society: 'Associations',
      other: 'Autre',
    },
    languages: languageNames,
    fields: {
      name: 'Indiquez le nom de l’organisation (2 à 200 caractères, une ligne).',
      actorType: 'Choisissez un type d’acteur.',
      sector: 'Choisissez un secteur.',
      language: 'Choisissez une langue.',
      personName: 'Indiquez un nom (une ligne).',
      email: 'Indiquez une adresse e-mail valide.',
      levers: 'Choisissez au moins un levier.',
      goals: 'Choisissez au moins un objectif.',
      summary: 'Décrivez ce que vous voulez faire en au moins 10 caractères.',
    },
  },
};
