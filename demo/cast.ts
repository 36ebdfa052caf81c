import type { ActorType, Lever, Sector } from '../domain/vocabulary';

/**
 * The demo pact's organisations (fictional but plausible, apart from the founders' names): the eleven
 * that declared themselves ready at the start (/work/shared/seed/startmoment-integratiepact.txt), and
 * two dozen local governments, schools, employers and associations, spread over every stage.
 */

/** How far an organisation's journey goes in the demo, each step answered through its link. */
export const reaches = ['invited', 'intent', 'signature', 'formalised', 'project', 'reporting'] as const;
export type Reach = (typeof reaches)[number];

export interface Organisation {
  name: string;
  actorType: ActorType;
  sector: Sector;
  /** The levers of its intent. */
  levers: Lever[];
  /** What its intent says it will do. */
  summary: string;
  reach: Reach;
  /** Consents to be listed on the public pages (ticked when signing). */
  listed: boolean;
  /** The founder whose invitation link (/pact/join?ref=…) it joined through. */
  referredBy?: string;
  /** First name and surname of its coordinator (emails go to an example domain). */
  coordinator: string;
}

export const founders: Organisation[] = [
  {
    name: 'Minderhedenforum',
    actorType: 'civil_society',
    sector: 'civil_society',
    levers: ['fundamental_rights', 'trust'],
    summary: 'Wij brengen de stem van zelforganisaties in elk project van het pact.',
    reach: 'reporting',
    listed: true,
    coordinator: 'Amina Benali',
  },
  {
    name: 'ABVV',
    actorType: 'civil_society',
    sector: 'work',
    levers: ['fundamental_rights', 'redistribution'],
    summary: 'Wij trainen vakbondsafgevaardigden om discriminatie op de werkvloer te melden.',
    reach: 'project',
    listed: true,
    coordinator: 'Koen Peeters',
  },
  {
    name: 'ACLVB',
    actorType: 'civil_society',
    sector: 'work',
    levers: ['fundamental_rights', 'agency'],
    summary: 'Wij begeleiden nieuwkomers bij hun eerste arbeidscontract.',
    reach: 'project',
    listed: false,
    coordinator: 'Sofie Claes',
  },
  {
    name: 'ACV',
    actorType: 'civil_society',
    sector: 'work',
    levers: ['agency', 'trust'],
    summary: 'Wij openen taalcoaching op de werkvloer in tien bedrijven.',
    reach: 'reporting',
    listed: true,
    coordinator: 'Youssef El Amrani',
  },
  {
    name: 'GO!',
    actorType: 'state',
    sector: 'education',
    levers: ['agency', 'quality_of_life'],
    summary: 'Wij koppelen elke nieuwkomer in onze scholen aan een buddy.',
    reach: 'project',
    listed: true,
    coordinator: 'Lien Janssens',
  },
  {
    name: 'KO',
    actorType: 'civil_society',
    sector: 'education',
    levers: ['agency', 'trust'],
    summary: 'Wij ondersteunen scholen bij een beleid tegen racisme.',
    reach: 'project',
    listed: true,
    coordinator: 'Pieter Wouters',
  },
  {
    name: 'OVSG',
    actorType: 'state',
    sector: 'education',
    levers: ['quality_of_life', 'trust'],
    summary: 'Wij bieden stageplaatsen voor leerkrachten met een buitenlands diploma.',
    reach: 'formalised',
    listed: true,
    coordinator: 'Nadia Ouali',
  },
  {
    name: 'PO',
    actorType: 'state',
    sector: 'education',
    levers: ['agency'],
    summary: 'Wij openen onze technische scholen voor avondopleidingen van nieuwkomers.',
    reach: 'signature',
    listed: false,
    coordinator: 'Bram De Smet',
  },
  {
    name: 'Unizo',
    actorType: 'market',
    sector: 'work',
    levers: ['added_value', 'redistribution'],
    summary: 'Wij zoeken honderd ondernemers die een stageplaats aanbieden.',
    reach: 'reporting',
    listed: true,
    coordinator: 'Ellen Maes',
  },
  {
    name: 'Voka',
    actorType: 'market',
    sector: 'work',
    levers: ['added_value', 'agency'],
    summary: 'Wij introduceren anoniem solliciteren bij onze leden.',
    reach: 'project',
    listed: true,
    coordinator: 'Jan Vermeulen',
  },
  {
    name: 'VVSG',
    actorType: 'state',
    sector: 'local_government',
    levers: ['fundamental_rights', 'quality_of_life'],
    summary: 'Wij helpen gemeenten een lokaal meldpunt discriminatie op te zetten.',
    reach: 'project',
    listed: true,
    coordinator: 'Hanne Willems',
  },
];

export const others: Organisation[] = [
  {
    name: 'Gemeente Lindeveld',
    actorType: 'state',
    sector: 'local_government',
    levers: ['fundamental_rights', 'trust'],
    summary: 'Wij openen een lokaal meldpunt discriminatie in het sociaal huis.',
    reach: 'project',
    listed: true,
    coordinator: 'Tom Goossens',
  },
  {
    name: 'Stad Kortebeek',
    actorType: 'state',
    sector: 'local_government',
    levers: ['quality_of_life'],
    summary: 'Wij bieden vijftien werkervaringsplaatsen in de stadsdiensten.',
    reach: 'formalised',
    listed: true,
    coordinator: 'Fatima Azzouzi',
  },
  {
    name: 'Gemeente Heidebroek',
    actorType: 'state',
    sector: 'local_government',
    levers: ['trust'],
    summary: 'Wij organiseren ontmoetingsavonden in elke deelgemeente.',
    reach: 'signature',
    listed: false,
    coordinator: 'Wim Jacobs',
  },
  {
    name: 'OCMW Zandhoven-Noord',
    actorType: 'state',
    sector: 'local_government',
    levers: ['redistribution'],
    summary: 'Wij begeleiden nieuwkomers naar een eerste job in de zorg.',
    reach: 'intent',
    listed: false,
    coordinator: 'Greet Mertens',
  },
  {
    name: 'Stad Meersbeke',
    actorType: 'state',
    sector: 'local_government',
    levers: ['fundamental_rights'],
    summary: 'Wij screenen ons aanwervingsbeleid op drempels.',
    reach: 'invited',
    listed: false,
    coordinator: 'Karim Haddou',
  },
  {
    name: 'Atheneum De Brug',
    actorType: 'state',
    sector: 'education',
    levers: ['agency'],
    summary: 'Wij zetten buddy’s in voor anderstalige nieuwkomers.',
    reach: 'project',
    listed: true,
    coordinator: 'An Vandenberghe',
  },
  {
    name: 'Basisschool De Regenboog',
    actorType: 'civil_society',
    sector: 'education',
    levers: ['trust'],
    summary: 'Wij betrekken ouders met een migratieachtergrond bij de school.',
    reach: 'formalised',
    listed: false,
    coordinator: 'Mehmet Yilmaz',
  },
  {
    name: 'Hogeschool Scheldeland',
    actorType: 'state',
    sector: 'education',
    levers: ['agency', 'added_value'],
    summary: 'Wij erkennen buitenlandse diploma’s sneller voor onze opleidingen.',
    reach: 'intent',
    listed: false,
    coordinator: 'Els Vos',
  },
  {
    name: 'CVO Leerpunt Oost',
    actorType: 'state',
    sector: 'education',
    levers: ['agency'],
    summary: 'Wij koppelen Nederlandse les aan een werkplekstage.',
    reach: 'invited',
    listed: false,
    coordinator: 'Dirk Lambrechts',
  },
  {
    name: 'Bouwbedrijf Verhaegen',
    actorType: 'market',
    sector: 'work',
    levers: ['added_value'],
    summary: 'Wij nemen jaarlijks vijf stagiairs uit een inburgeringstraject aan.',
    reach: 'reporting',
    listed: true,
    coordinator: 'Marc Verhaegen',
  },
  {
    name: 'Zorggroep Heidehof',
    actorType: 'market',
    sector: 'care',
    levers: ['quality_of_life', 'agency'],
    summary: 'Wij leiden nieuwkomers op tot zorgkundige, met taalcoaching.',
    reach: 'project',
    listed: true,
    coordinator: 'Sarah Dewulf',
  },
  {
    name: 'Logistiek Schelde',
    actorType: 'market',
    sector: 'work',
    levers: ['added_value', 'redistribution'],
    summary: 'Wij werven anoniem voor alle magazijnfuncties.',
    reach: 'formalised',
    listed: false,
    coordinator: 'Rachid Bouzid',
  },
  {
    name: 'Bakkerij Van Damme',
    actorType: 'market',
    sector: 'work',
    levers: ['added_value'],
    summary: 'Wij bieden twee leerplaatsen in onze ateliers.',
    reach: 'signature',
    listed: false,
    coordinator: 'Joke Van Damme',
  },
  {
    name: 'Drukkerij Palet',
    actorType: 'market',
    sector: 'media',
    levers: ['trust'],
    summary: 'Wij drukken gratis de affiches van de ontmoetingsavonden.',
    reach: 'invited',
    listed: false,
    coordinator: 'Stijn Aerts',
  },
  {
    name: 'Buurtwerk De Vonk',
    actorType: 'civil_society',
    sector: 'civil_society',
    levers: ['trust', 'quality_of_life'],
    summary: 'Wij openen ons buurthuis voor taalcafés.',
    reach: 'project',
    listed: true,
    coordinator: 'Samira Achahbar',
    referredBy: 'Minderhedenforum',
  },
  {
    name: 'Vzw Samen Sterk',
    actorType: 'civil_society',
    sector: 'civil_society',
    levers: ['agency'],
    summary: 'Wij begeleiden vrijwilligers die nieuwkomers wegwijs maken.',
    reach: 'formalised',
    listed: true,
    coordinator: 'Lotte Hermans',
    referredBy: 'Minderhedenforum',
  },
  {
    name: 'Sportclub FC Eendracht',
    actorType: 'civil_society',
    sector: 'culture',
    levers: ['trust'],
    summary: 'Wij bieden gratis lidmaatschap aan kinderen van nieuwkomers.',
    reach: 'intent',
    listed: false,
    coordinator: 'Kevin De Backer',
    referredBy: 'VVSG',
  },
  {
    name: 'Cultuurhuis De Kade',
    actorType: 'civil_society',
    sector: 'culture',
    levers: ['trust', 'fundamental_rights'],
    summary: 'Wij programmeren makers met een migratieachtergrond.',
    reach: 'formalised',
    listed: true,
    coordinator: 'Ilse Smets',
  },
  {
    name: 'Radio Ruis',
    actorType: 'civil_society',
    sector: 'media',
    levers: ['trust'],
    summary: 'Wij maken een wekelijkse uitzending met nieuwkomers.',
    reach: 'intent',
    listed: false,
    coordinator: 'Ahmed Karimi',
  },
  {
    name: 'Vluchtelingenwerk Regio West',
    actorType: 'civil_society',
    sector: 'civil_society',
    levers: ['fundamental_rights', 'agency'],
    summary: 'Wij geven juridisch advies bij discriminatie op de huurmarkt.',
    reach: 'formalised',
    listed: true,
    coordinator: 'Marie Dubois',
  },
  {
    name: 'Woonzorgcentrum Ter Linde',
    actorType: 'civil_society',
    sector: 'care',
    levers: ['quality_of_life'],
    summary: 'Wij werven zorgpersoneel via een taalondersteund traject.',
    reach: 'signature',
    listed: false,
    coordinator: 'Hilde Peeters',
  },
  {
    name: 'Jeugdhuis De Loods',
    actorType: 'civil_society',
    sector: 'culture',
    levers: ['trust'],
    summary: 'Wij organiseren workshops tegen racisme voor jongeren.',
    reach: 'invited',
    listed: false,
    coordinator: 'Dries Coppens',
  },
  {
    name: 'Wijkgezondheidscentrum Oost',
    actorType: 'civil_society',
    sector: 'care',
    levers: ['quality_of_life', 'fundamental_rights'],
    summary: 'Wij werken met interculturele bemiddelaars in elke consultatie.',
    reach: 'formalised',
    listed: false,
    coordinator: 'Leen Maes',
  },
  {
    name: 'Uitzendbureau Werkkracht',
    actorType: 'market',
    sector: 'work',
    levers: ['redistribution', 'added_value'],
    summary: 'Wij weigeren elke discriminerende vraag van klanten en melden ze.',
    reach: 'intent',
    listed: false,
    coordinator: 'Nico Wouters',
  },
];

/**
 * The cast. `tag` (tests only) is added to every name: the test files share one Temporal server, where
 * a journey's workflow id is made of its partner's name, and other tests use the founders' names.
 */
export function castOf(tag?: string): Organisation[] {
  const named = (name: string) => (tag ? `${name} ${tag}` : name);
  return [...founders, ...others].map((o) => ({
    ...o,
    name: named(o.name),
    ...(o.referredBy ? { referredBy: named(o.referredBy) } : {}),
  }));
}

/** Whether an organisation's journey goes at least as far as `reach`. */
export const goesAsFarAs = (organisation: Organisation, reach: Reach) =>
  reaches.indexOf(organisation.reach) >= reaches.indexOf(reach);
