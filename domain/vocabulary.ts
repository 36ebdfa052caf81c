/**
 * The pact's vocabulary, as stable keys with their Dutch labels.
 * Pure data: shared by workflows, activities and the API.
 */

function vocabulary<K extends string>(labels: Record<K, string>) {
  return { keys: Object.keys(labels) as K[], labels };
}

/** The pact's triangle of actors (Staat, Burgermaatschappij, Markt). */
export const actorTypes = vocabulary({
  state: 'Staat/overheid',
  civil_society: 'Burgermaatschappij',
  market: 'Markt',
});
export type ActorType = (typeof actorTypes.keys)[number];

/** Sector or cluster a partner belongs to. */
export const sectors = vocabulary({
  work: 'werk',
  education: 'onderwijs',
  care: 'zorg',
  culture: 'cultuur',
  media: 'media',
  local_government: 'lokaal bestuur',
  civil_society: 'middenveld',
  other: 'andere',
});
export type Sector = (typeof sectors.keys)[number];

/** The six levers (hefbomen) a partner can invest in. */
export const levers = vocabulary({
  fundamental_rights: 'Grondrechten garanderen',
  agency: 'Handelingsvermogen vergroten',
  redistribution: 'Herverdelen',
  added_value: 'Meerwaarde creëren',
  quality_of_life: 'Levenskwaliteit garanderen',
  trust: 'Vertrouwen bouwen',
});
export type Lever = (typeof levers.keys)[number];

/** The pact's goals. */
export const pactGoals = vocabulary({
  counter_discrimination: 'directe en indirecte discriminatie tegengaan',
  counter_racism: 'racisme tegengaan',
  mutual_respect: 'wederzijds respect bevorderen',
  placements_for_newcomers: 'stage- en (vrijwilligers)werkplaatsen voor inburgeraars',
});
export type PactGoal = (typeof pactGoals.keys)[number];

/** Languages partner contacts can receive email in; Dutch is the default. */
export const languages = vocabulary({ nl: 'Nederlands', en: 'English', fr: 'Français' });
export type Language = (typeof languages.keys)[number];

/** The role a contact plays for its organisation. */
export const contactRoles = vocabulary({
  coordinator: 'coördinator',
  signatory: 'ondertekenaar',
});
export type ContactRole = (typeof contactRoles.keys)[number];
