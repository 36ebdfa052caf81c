import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema';
import { characteristics, preconditions } from '../../domain/initiatives';
import { levers, sectors } from '../../domain/vocabulary';
import { toCsv } from '../monitoring/reports-csv';
import { listInitiatives, type PortfolioInitiative } from './queries';

/**
 * The learning network reads the portfolio (issue 24 point 4): which key characteristics and
 * preconditions occur in the initiatives that
 * - `prioritised`: have a place in the pact's list in order of importance (`priority_rank`, set when a
 *   prioritisation round closes), whatever became of them since;
 * - `project`: reached a project (one started from it that ran: running or closed);
 * - `ended_well`: whose project closed with a score of 4 or 5;
 * - `ended_badly`: whose project closed with a score of 1 or 2;
 * counted per lever (of the initiative) and per sector (of its proposing and supporting partners;
 * an initiative counts once in each sector among them, and in none when it has no partner).
 */
export const learningOutcomes = ['prioritised', 'project', 'ended_well', 'ended_badly'] as const;
export type LearningOutcome = (typeof learningOutcomes)[number];
export const learningGroupings = ['lever', 'sector'] as const;
export type LearningGrouping = (typeof learningGroupings)[number];
export type TraitKind = 'characteristic' | 'precondition';

export interface LearningRow {
  outcome: LearningOutcome;
  groupBy: LearningGrouping;
  group: string;
  kind: TraitKind;
  key: string;
  /** How many of those initiatives show it (a characteristic) or need it (a precondition). */
  initiatives: number;
}

export interface LearningTotal {
  outcome: LearningOutcome;
  groupBy: LearningGrouping;
  group: string;
  /** How many initiatives have this outcome in this group: the figures' denominator. */
  initiatives: number;
}

export interface LearningFigures {
  outcomes: Record<LearningOutcome, number>;
  totals: LearningTotal[];
  rows: LearningRow[];
}

const ran = (i: PortfolioInitiative) => i.project?.status === 'running' || i.project?.status === 'closed';
const closedWith = (i: PortfolioInitiative, test: (score: number) => boolean) =>
  i.project?.status === 'closed' && i.project.score !== null && test(i.project.score);

const outcomeTests: Record<LearningOutcome, (i: PortfolioInitiative) => boolean> = {
  prioritised: (i) => i.priority_rank !== null,
  project: ran,
  ended_well: (i) => closedWith(i, (s) => s >= 4),
  ended_badly: (i) => closedWith(i, (s) => s <= 2),
};

const groupsOf: Record<LearningGrouping, (i: PortfolioInitiative) => string[]> = {
  lever: (i) => [...new Set(i.levers)],
  sector: (i) => [...new Set(i.partners.map((p) => p.sector))],
};
const groupKeys: Record<LearningGrouping, readonly string[]> = { lever: levers.keys, sector: sectors.keys };

/** The figures of the given initiatives: every outcome × grouping × group × trait, zeros included. */
export function learningFiguresOf(initiatives: PortfolioInitiative[]): LearningFigures {
  const rows: LearningRow[] = [];
  const totals: LearningTotal[] = [];
  const outcomes = {} as Record<LearningOutcome, number>;
  for (const outcome of learningOutcomes) {
    const reached = initiatives.filter(outcomeTests[outcome]);
    outcomes[outcome] = reached.length;
    for (const groupBy of learningGroupings)
      for (const group of groupKeys[groupBy]) {
        const inGroup = reached.filter((i) => groupsOf[groupBy](i).includes(group));
        totals.push({ outcome, groupBy, group, initiatives: inGroup.length });
        for (const key of characteristics)
          rows.push({
            outcome,
            groupBy,
            group,
            kind: 'characteristic',
            key,
            initiatives: inGroup.filter((i) => i.characteristics.includes(key)).length,
          });
        for (const key of preconditions)
          rows.push({
            outcome,
            groupBy,
            group,
            kind: 'precondition',
            key,
            initiatives: inGroup.filter((i) => i.preconditions.includes(key)).length,
          });
      }
  }
  return { outcomes, totals, rows };
}

export async function learningFigures(db: Kysely<Database>): Promise<LearningFigures> {
  return learningFiguresOf(await listInitiatives(db));
}

/** GET /api/initiatives/learning.csv: one row per figure, with its denominator. */
export function learningCsv(figures: LearningFigures): string {
  const total = (r: LearningRow) =>
    figures.totals.find((t) => t.outcome === r.outcome && t.groupBy === r.groupBy && t.group === r.group)
      ?.initiatives ?? 0;
  return toCsv(
    ['outcome', 'group_by', 'group', 'kind', 'key', 'initiatives', 'of_initiatives'],
    figures.rows.map((r) => [r.outcome, r.groupBy, r.group, r.kind, r.key, r.initiatives, total(r)]),
  );
}
