import { partnerIdFromName } from '../domain/partner';
import type { Lever } from '../domain/vocabulary';

/**
 * The demo's portfolio of initiatives, each with the organisations that support it (by name, without
 * a test's tag). The first four win the prioritisation round and become projects with their supporters.
 */
export interface DemoInitiative {
  key: string;
  title: string;
  description: string;
  levers: Lever[];
  supporters: string[];
  /** Prioritised in the round, then a project. */
  wins: boolean;
}

export const initiatives: DemoInitiative[] = [
  {
    key: 'demo-initiative-anoniem-solliciteren',
    title: 'Anoniem solliciteren bij kmo’s',
    description: 'Werkgevers beoordelen de eerste ronde zonder naam, foto of geboorteplaats.',
    levers: ['fundamental_rights', 'added_value'],
    supporters: ['Voka', 'Unizo', 'ABVV', 'Bouwbedrijf Verhaegen'],
    wins: true,
  },
  {
    key: 'demo-initiative-buddys-op-school',
    title: 'Buddy’s voor nieuwkomers op school',
    description: 'Elke anderstalige nieuwkomer krijgt een medeleerling als buddy voor het eerste jaar.',
    levers: ['agency', 'trust'],
    supporters: ['GO!', 'KO', 'Atheneum De Brug'],
    wins: true,
  },
  {
    key: 'demo-initiative-lokaal-meldpunt',
    title: 'Lokaal meldpunt discriminatie',
    description: 'Eén loket per gemeente waar inwoners discriminatie melden en opvolging krijgen.',
    levers: ['fundamental_rights', 'quality_of_life'],
    supporters: ['VVSG', 'Gemeente Lindeveld', 'Minderhedenforum'],
    wins: true,
  },
  {
    key: 'demo-initiative-taalcoaching',
    title: 'Taalcoaching op de werkvloer',
    description: 'Collega’s begeleiden nieuwkomers in het Nederlands tijdens het werk, in bedrijven en in de zorg.',
    levers: ['agency', 'redistribution'],
    supporters: ['ACV', 'ACLVB', 'Zorggroep Heidehof', 'Buurtwerk De Vonk'],
    wins: true,
  },
  {
    key: 'demo-initiative-open-bedrijvendag',
    title: 'Open bedrijvendag voor nieuwkomers',
    description: 'Bedrijven tonen hun werkvloer aan mensen in een inburgeringstraject.',
    levers: ['added_value'],
    supporters: ['Logistiek Schelde', 'Stad Kortebeek'],
    wins: false,
  },
  {
    key: 'demo-initiative-nieuwe-makers',
    title: 'Cultuurprogramma met nieuwe makers',
    description: 'Cultuurhuizen programmeren elk seizoen makers met een migratieachtergrond.',
    levers: ['trust'],
    supporters: ['Cultuurhuis De Kade', 'Vzw Samen Sterk'],
    wins: false,
  },
];

/** What Minderhedenforum proposes in its intent: it enters the portfolio with Minderhedenforum as proposer. */
export const proposedInIntent = {
  organisation: 'Minderhedenforum',
  initiative: {
    title: 'Dialoogtafels over racisme',
    description: 'Gesprekken in kleine groepen tussen inwoners, met een getrainde gespreksleider.',
    kind: 'proposal',
  },
};

/** A supporter's partner id, with a test's tag added to its name as the cast adds it. */
export const supporterId = (name: string, tag?: string) => partnerIdFromName(tag ? `${name} ${tag}` : name);
