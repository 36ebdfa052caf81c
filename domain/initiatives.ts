/**
 * The portfolio of common initiatives (gemeenschappelijke initiatieven): what an initiative is, where it
 * came from, where it stands, and the words of its "DNA" analysis. Pure data, nl/en/fr.
 */
import type { Language } from './vocabulary';

/** An existing practice (bestaande praktijk) or a proposal (voorstel). */
export const initiativeKinds = ['existing', 'proposal'] as const;
export type InitiativeKind = (typeof initiativeKinds)[number];

/** Where an initiative entered the portfolio: a partner's intent, a meeting's minutes, or staff. */
export const initiativeOrigins = ['intent', 'minutes', 'staff', 'join'] as const;
export type InitiativeOrigin = (typeof initiativeOrigins)[number];

/** proposed → prioritised → in_project → done, or parked at any point before done. */
export const initiativeStatuses = ['proposed', 'prioritised', 'in_project', 'done', 'parked'] as const;
export type InitiativeStatus = (typeof initiativeStatuses)[number];

/** A partner proposes an initiative (it came from them) or supports it. */
export const initiativePartnerRoles = ['proposer', 'supporter'] as const;
export type InitiativePartnerRole = (typeof initiativePartnerRoles)[number];

/** Key characteristics (sleutelkenmerken) of a practice, from the founding document's DNA analysis. */
export const characteristicLabels = {
  nl: {
    low_threshold: 'laagdrempelig',
    meeting_others: 'ontmoeting',
    role_models: 'zichtbaarheid van rolmodellen',
    continuity: 'continuïteit',
    co_creation: 'cocreatie',
    tailored: 'maatwerk',
  },
  en: {
    low_threshold: 'low-threshold',
    meeting_others: 'meeting others',
    role_models: 'visibility of role models',
    continuity: 'continuity',
    co_creation: 'co-creation',
    tailored: 'tailored to the person',
  },
  fr: {
    low_threshold: 'accessible',
    meeting_others: 'rencontre',
    role_models: 'visibilité de modèles',
    continuity: 'continuité',
    co_creation: 'co-création',
    tailored: 'sur mesure',
  },
} as const satisfies Record<Language, Record<string, string>>;
export type Characteristic = keyof (typeof characteristicLabels)['nl'];
export const characteristics = Object.keys(characteristicLabels.nl) as Characteristic[];

/** Preconditions (randvoorwaarden) an initiative needs. */
export const preconditionLabels = {
  nl: {
    means: 'middelen',
    cooperation: 'samenwerking',
    mentality: 'mentaliteit',
    policy: 'beleid',
    engagement: 'engagement',
    legal_framework: 'wettelijk kader',
    visibility: 'zichtbaarheid',
    monitoring: 'monitoring',
  },
  en: {
    means: 'means',
    cooperation: 'cooperation',
    mentality: 'mentality',
    policy: 'policy',
    engagement: 'engagement',
    legal_framework: 'legal framework',
    visibility: 'visibility',
    monitoring: 'monitoring',
  },
  fr: {
    means: 'moyens',
    cooperation: 'coopération',
    mentality: 'mentalité',
    policy: 'politique',
    engagement: 'engagement',
    legal_framework: 'cadre légal',
    visibility: 'visibilité',
    monitoring: 'suivi',
  },
} as const satisfies Record<Language, Record<string, string>>;
export type Precondition = keyof (typeof preconditionLabels)['nl'];
export const preconditions = Object.keys(preconditionLabels.nl) as Precondition[];

/** At most this many characters of a title; a migrated meeting initiative's first line is cut to it. */
export const initiativeTitleMaxLength = 200;

/**
 * A title from a free text: its first line with more than spaces, control characters (tabs) as
 * spaces, trimmed, cut to initiativeTitleMaxLength characters (migration 016 does the same in SQL).
 */
export function initiativeTitleOf(text: string): string {
  const line = text.split(/[\r\n]/).find((l) => l.trim() !== '') ?? '';
  return [...line.replace(/\p{Cc}/gu, ' ').trim()].slice(0, initiativeTitleMaxLength).join('');
}

/** At most this many initiatives in one intent. */
export const intentInitiativesMax = 5;

/** A practice a partner names, or an initiative it proposes, in its intent (optional). */
export interface IntentInitiative {
  title: string;
  description?: string;
  kind: InitiativeKind;
}

const notOneLine = /[\p{Cc}\p{Zl}\p{Zp}]/u;

/** Problems with an intent's `initiatives` (absent is fine), as `{field, message}` like every answer check. */
export function intentInitiativeProblems(value: unknown): { field: string; message: string }[] {
  if (value === undefined) return [];
  if (!Array.isArray(value) || value.length > intentInitiativesMax)
    return [{ field: 'initiatives', message: `must be a list of at most ${intentInitiativesMax}` }];
  return value.flatMap((item: unknown, n) => {
    const field = `initiatives.${n}`;
    if (typeof item !== 'object' || item === null || Array.isArray(item))
      return [{ field, message: 'must be an object with title, kind and an optional description' }];
    const { title, description, kind, ...rest } = item as Record<string, unknown>;
    const problems = Object.keys(rest).map((name) => ({
      field: `${field}.${name}`,
      message: 'is not a known field; expected: title, description, kind',
    }));
    if (typeof title !== 'string' || title.trim().length < 3 || title.length > initiativeTitleMaxLength)
      problems.push({ field: `${field}.title`, message: `must be 3 to ${initiativeTitleMaxLength} characters` });
    else if (notOneLine.test(title))
      problems.push({
        field: `${field}.title`,
        message: 'must be one line, without line breaks, tabs or other control characters',
      });
    if (description !== undefined && (typeof description !== 'string' || description.length > 1000))
      problems.push({ field: `${field}.description`, message: 'must be text of at most 1000 characters' });
    if (!initiativeKinds.includes(kind as InitiativeKind))
      problems.push({ field: `${field}.kind`, message: `must be one of: ${initiativeKinds.join(', ')}` });
    return problems;
  });
}

/**
 * The initiatives of an intent as stored: a list, or (since they are what the partner wrote, kept in
 * Postgres's written texts and not in the workflow) its JSON text; only the valid ones, none if unreadable.
 */
export function intentInitiativesOf(value: unknown): IntentInitiative[] {
  let list: unknown = value;
  if (typeof value === 'string') {
    try {
      list = JSON.parse(value);
    } catch {
      return [];
    }
  }
  if (!Array.isArray(list)) return [];
  return list.filter((item) => intentInitiativeProblems([item]).length === 0) as IntentInitiative[];
}
