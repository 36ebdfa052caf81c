import { levers, pactGoals, type Language, type Lever, type PactGoal } from './vocabulary';

/** The vocabulary carries Dutch labels; partners reading English or French get their own. */
export const leverLabels: Record<Language, Record<Lever, string>> = {
  nl: levers.labels,
  en: {
    fundamental_rights: 'Guaranteeing fundamental rights',
    agency: 'Increasing agency',
    redistribution: 'Redistributing',
    added_value: 'Creating added value',
    quality_of_life: 'Guaranteeing quality of life',
    trust: 'Building trust',
  },
  fr: {
    fundamental_rights: 'Garantir les droits fondamentaux',
    agency: "Renforcer la capacité d'agir",
    redistribution: 'Redistribuer',
    added_value: 'Créer de la valeur ajoutée',
    quality_of_life: 'Garantir la qualité de vie',
    trust: 'Construire la confiance',
  },
};

export const goalLabels: Record<Language, Record<PactGoal, string>> = {
  nl: pactGoals.labels,
  en: {
    counter_discrimination: 'Countering direct and indirect discrimination',
    counter_racism: 'Countering racism',
    mutual_respect: 'Promoting mutual respect',
    placements_for_newcomers: 'Internship and (volunteer) work places for newcomers',
  },
  fr: {
    counter_discrimination: 'Lutter contre la discrimination directe et indirecte',
    counter_racism: 'Lutter contre le racisme',
    mutual_respect: 'Promouvoir le respect mutuel',
    placements_for_newcomers: 'Places de stage et de travail (bénévole) pour les primo-arrivants',
  },
};
