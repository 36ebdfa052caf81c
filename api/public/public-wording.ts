import { type ActorType, actorTypes, type Language, type Sector, sectors } from '../../domain/vocabulary';
import { en as staffEnglish } from '../html/wording-en';

/** The wording of the pact's public pages, the feed and the open data's page, in nl, en and fr. */
export interface PublicWording {
  siteName: string;
  navigation: { label: string; pact: string; map: string; lexicon: string; join: string; feed: string; data: string };
  languageLabel: string;
  pactTitle: string;
  pactIntro: string;
  partnersHeading: string;
  partnersIntro: string;
  noPartners: string;
  partnersCount: (n: number) => string;
  projectsHeading: string;
  projectsIntro: string;
  noProjects: string;
  withoutLever: string;
  initiativesHeading: string;
  initiativesIntro: string;
  noInitiatives: string;
  figuresHeading: string;
  figuresIntro: (minPartners: number) => string;
  noFigures: string;
  figuresPeriod: (period: string) => string;
  indicator: string;
  total: string;
  byLever: string;
  bySector: string;
  suppressed: string;
  suppressedNote: (minPartners: number) => string;
  summaryHeading: string;
  summary: { partners: string; projects: string; initiatives: string };
  actorType: string;
  sector: string;
  levers: string;
  projects: string;
  partners: string;
  formalisedOn: string;
  startedOn: string;
  partnerProjectsNone: string;
  projectPartnersNote: string;
  notFoundTitle: string;
  notFound: string;
  backToPact: string;
  unknownFilters: (names: string) => string;
  openDataHeading: string;
  openData: string;
  licence: string;
  feedTitle: string;
  feedFormalised: (name: string) => string;
  feedProjectStarted: (title: string) => string;
  feedMeetingHeld: (title: string) => string;
  feedProjectClosed: (title: string) => string;
  feedRoundResult: (title: string) => string;
  sectors: Record<Sector, string>;
  actorTypes: Record<ActorType, string>;
}

export const licenceName = 'CC BY 4.0';
export const licenceUrl = 'https://creativecommons.org/licenses/by/4.0/';

export const publicWording: Record<Language, PublicWording> = {
  nl: {
    siteName: 'Integratiepact',
    navigation: {
      label: 'Het pact',
      pact: 'Het pact',
      map: 'Kaart',
      lexicon: 'Gemeenschappelijke taal',
      join: 'Aansluiten',
      feed: 'Nieuws (Atom)',
      data: 'Open data',
    },
    languageLabel: 'Taal',
    pactTitle: 'Het Integratiepact',
    pactIntro:
      'Organisaties uit overheid, middenveld en markt engageren zich samen voor een samenleving waarin iedereen mee kan doen. Hier staan de partners die daar openlijk voor kozen, hun projecten en wat ze samen bereiken.',
    partnersHeading: 'Partners',
    partnersIntro:
      'Geformaliseerde partners die toestemming gaven om hier vermeld te worden, per type actor en sector.',
    noPartners: 'Nog geen partners vermeld.',
    partnersCount: (n) => (n === 1 ? '1 partner' : `${n} partners`),
    projectsHeading: 'Prototypeprojecten per hefboom',
    projectsIntro: 'Gemeenschappelijke projecten met minstens één vermelde partner.',
    noProjects: 'Nog geen projecten.',
    withoutLever: 'Zonder hefboom',
    initiativesHeading: 'Geprioriteerde initiatieven',
    initiativesIntro: 'De initiatieven van het pact in volgorde van belang.',
    noInitiatives: 'Er zijn nog geen initiatieven geprioriteerd.',
    figuresHeading: 'Cijfers',
    figuresIntro: (min) =>
      `Totalen van de indicatoren per hefboom en per sector, per afgesloten periode, enkel van vermelde partners. Een cijfer verschijnt alleen als het minstens ${min} partners telt.`,
    noFigures: 'Nog geen afgesloten periode met cijfers.',
    figuresPeriod: (period) => `Periode ${period}`,
    indicator: 'Indicator',
    total: 'Alle vermelde partners',
    byLever: 'Per hefboom',
    bySector: 'Per sector',
    suppressed: 'x',
    suppressedNote: (min) => `x: niet gepubliceerd, want minder dan ${min} partners of af te leiden uit een totaal.`,
    summaryHeading: 'In cijfers',
    summary: { partners: 'vermelde partners', projects: 'projecten', initiatives: 'geprioriteerde initiatieven' },
    actorType: 'Type actor',
    sector: 'Sector',
    levers: 'Hefbomen',
    projects: 'Projecten',
    partners: 'Partners',
    formalisedOn: 'Partner sinds',
    startedOn: 'Gestart op',
    partnerProjectsNone: 'Nog geen gemeenschappelijk project.',
    projectPartnersNote: 'Alleen partners die toestemming gaven om vermeld te worden, staan hier.',
    notFoundTitle: 'Niet gevonden',
    notFound: 'Deze pagina bestaat niet of is niet (meer) openbaar.',
    backToPact: 'Terug naar het pact',
    unknownFilters: (names) => `Genegeerd, want onbekend: ${names}.`,
    openDataHeading: 'Open data',
    openData: 'Dezelfde cijfers en de lijst van vermelde partners als bestand:',
    licence: 'Licentie',
    feedTitle: 'Integratiepact: nieuws',
    feedFormalised: (name) => `${name} is partner van het pact`,
    feedProjectStarted: (title) => `Project gestart: ${title}`,
    feedMeetingHeld: (title) => `Bijeenkomst gehouden: ${title}`,
    feedProjectClosed: (title) => `Project afgerond: ${title}`,
    feedRoundResult: (title) => `Prioriteiten bepaald: ${title}`,
    // The pact's own Dutch labels, and the staff pages' English ones: one name per sector everywhere.
    sectors: sectors.labels,
    actorTypes: actorTypes.labels,
  },
  en: {
    siteName: 'Integration Pact',
    navigation: {
      label: 'The pact',
      pact: 'The pact',
      map: 'Map',
      lexicon: 'Common language',
      join: 'Join',
      feed: 'News (Atom)',
      data: 'Open data',
    },
    languageLabel: 'Language',
    pactTitle: 'The Integration Pact',
    pactIntro:
      'Organisations from government, civil society and the market commit together to a society in which everyone can take part. Here are the partners who chose to say so openly, their projects and what they achieve together.',
    partnersHeading: 'Partners',
    partnersIntro: 'Formalised partners who agreed to be listed here, by actor type and sector.',
    noPartners: 'No partners listed yet.',
    partnersCount: (n) => (n === 1 ? '1 partner' : `${n} partners`),
    projectsHeading: 'Prototype projects by lever',
    projectsIntro: 'Joint projects with at least one listed partner.',
    noProjects: 'No projects yet.',
    withoutLever: 'Without a lever',
    initiativesHeading: 'Prioritised initiatives',
    initiativesIntro: "The pact's initiatives in order of importance.",
    noInitiatives: 'No initiatives have been prioritised yet.',
    figuresHeading: 'Figures',
    figuresIntro: (min) =>
      `Indicator totals per lever and per sector, per closed period, of listed partners only. A figure is shown only when it counts at least ${min} partners.`,
    noFigures: 'No closed period with figures yet.',
    figuresPeriod: (period) => `Period ${period}`,
    indicator: 'Indicator',
    total: 'All listed partners',
    byLever: 'By lever',
    bySector: 'By sector',
    suppressed: 'x',
    suppressedNote: (min) =>
      `x: not published, since it counts fewer than ${min} partners or could be derived from a total.`,
    summaryHeading: 'In figures',
    summary: { partners: 'listed partners', projects: 'projects', initiatives: 'prioritised initiatives' },
    actorType: 'Actor type',
    sector: 'Sector',
    levers: 'Levers',
    projects: 'Projects',
    partners: 'Partners',
    formalisedOn: 'Partner since',
    startedOn: 'Started on',
    partnerProjectsNone: 'No joint project yet.',
    projectPartnersNote: 'Only partners who agreed to be listed appear here.',
    notFoundTitle: 'Not found',
    notFound: 'This page does not exist or is not (or no longer) public.',
    backToPact: 'Back to the pact',
    unknownFilters: (names) => `Ignored, since unknown: ${names}.`,
    openDataHeading: 'Open data',
    openData: 'The same figures and the list of listed partners as a file:',
    licence: 'Licence',
    feedTitle: 'Integration Pact: news',
    feedFormalised: (name) => `${name} is a partner of the pact`,
    feedProjectStarted: (title) => `Project started: ${title}`,
    feedMeetingHeld: (title) => `Meeting held: ${title}`,
    feedProjectClosed: (title) => `Project closed: ${title}`,
    feedRoundResult: (title) => `Priorities set: ${title}`,
    sectors: staffEnglish.sectors,
    actorTypes: staffEnglish.actorTypes,
  },
  fr: {
    siteName: "Pacte d'intégration",
    navigation: {
      label: 'Le pacte',
      pact: 'Le pacte',
      map: 'Carte',
      lexicon: 'Langage commun',
      join: 'Adhérer',
      feed: 'Actualités (Atom)',
      data: 'Données ouvertes',
    },
    languageLabel: 'Langue',
    pactTitle: "Le Pacte d'intégration",
    pactIntro:
      "Des organisations publiques, de la société civile et du marché s'engagent ensemble pour une société où chacun peut participer. Voici les partenaires qui ont choisi de le dire ouvertement, leurs projets et ce qu'ils réalisent ensemble.",
    partnersHeading: 'Partenaires',
    partnersIntro: "Partenaires formalisés qui ont accepté d'être mentionnés ici, par type d'acteur et par secteur.",
    noPartners: 'Aucun partenaire mentionné pour le moment.',
    partnersCount: (n) => (n === 1 ? '1 partenaire' : `${n} partenaires`),
    projectsHeading: 'Projets prototypes par levier',
    projectsIntro: 'Projets communs avec au moins un partenaire mentionné.',
    noProjects: 'Aucun projet pour le moment.',
    withoutLever: 'Sans levier',
    initiativesHeading: 'Initiatives prioritaires',
    initiativesIntro: "Les initiatives du pacte par ordre d'importance.",
    noInitiatives: "Aucune initiative n'a encore été priorisée.",
    figuresHeading: 'Chiffres',
    figuresIntro: (min) =>
      `Totaux des indicateurs par levier et par secteur, par période clôturée, des seuls partenaires mentionnés. Un chiffre n'est publié que s'il compte au moins ${min} partenaires.`,
    noFigures: 'Aucune période clôturée avec des chiffres pour le moment.',
    figuresPeriod: (period) => `Période ${period}`,
    indicator: 'Indicateur',
    total: 'Tous les partenaires mentionnés',
    byLever: 'Par levier',
    bySector: 'Par secteur',
    suppressed: 'x',
    suppressedNote: (min) =>
      `x : non publié, car il compte moins de ${min} partenaires ou pourrait être déduit d'un total.`,
    summaryHeading: 'En chiffres',
    summary: { partners: 'partenaires mentionnés', projects: 'projets', initiatives: 'initiatives prioritaires' },
    actorType: "Type d'acteur",
    sector: 'Secteur',
    levers: 'Leviers',
    projects: 'Projets',
    partners: 'Partenaires',
    formalisedOn: 'Partenaire depuis',
    startedOn: 'Démarré le',
    partnerProjectsNone: 'Pas encore de projet commun.',
    projectPartnersNote: "Seuls les partenaires qui ont accepté d'être mentionnés figurent ici.",
    notFoundTitle: 'Introuvable',
    notFound: "Cette page n'existe pas ou n'est pas (ou plus) publique.",
    backToPact: 'Retour au pacte',
    unknownFilters: (names) => `Ignoré, car inconnu : ${names}.`,
    openDataHeading: 'Données ouvertes',
    openData: 'Les mêmes chiffres et la liste des partenaires mentionnés sous forme de fichier :',
    licence: 'Licence',
    feedTitle: "Pacte d'intégration : actualités",
    feedFormalised: (name) => `${name} est partenaire du pacte`,
    feedProjectStarted: (title) => `Projet démarré : ${title}`,
    feedMeetingHeld: (title) => `Rencontre tenue : ${title}`,
    feedProjectClosed: (title) => `Projet clôturé : ${title}`,
    feedRoundResult: (title) => `Priorités fixées : ${title}`,
    sectors: {
      work: 'emploi',
      education: 'enseignement',
      care: 'soins',
      culture: 'culture',
      media: 'médias',
      local_government: 'pouvoirs locaux',
      civil_society: 'société civile',
      other: 'autre',
    },
    actorTypes: { state: 'État/pouvoirs publics', civil_society: 'Société civile', market: 'Marché' },
  },
};
