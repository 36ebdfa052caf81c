/**
 * Prioritisation rounds (issue 24): the network ranks initiatives on ballots, and a Borda count turns
 * the ballots into the pact's list of initiatives in order of importance. Pure data and rules.
 */

export const roundStatuses = ['open', 'closed'] as const;
export type RoundStatus = (typeof roundStatuses)[number];

export const ballotStatuses = ['pending', 'answered', 'expired'] as const;
export type BallotStatus = (typeof ballotStatuses)[number];

/** How a ballot arrived: the link's page, JSON on the link, a reply to the ballot email. */
export const ballotChannels = ['page', 'api', 'email'] as const;
export type BallotChannel = (typeof ballotChannels)[number];

/** Who closed a round: its timer at the closing time, or staff earlier. */
export type RoundClosedBy = 'timer' | 'staff';

/** One place of the result: the initiative's score and its rank (1 first). */
export interface RankedInitiative {
  initiativeId: string;
  score: number;
  rank: number;
  /** Ballots that ranked it first: the first tie-break. */
  firstPlaces: number;
  /** Partners supporting it (initiative_partners): the second tie-break. */
  supporters: number;
}

export interface BordaInput {
  /** N: the most initiatives one ballot may rank. */
  maxRanked: number;
  initiatives: { id: string; title: string; supporters: number }[];
  /** One ranking per partner (the last it gave), initiative ids first choice first. */
  rankings: string[][];
}

/**
 * The Borda count: with N = maxRanked, the initiative at rank r of a ballot scores N − r + 1, an
 * unranked one 0. Ties go to more first places, then more supporting partners, then the title
 * (alphabetically, then the id, so the order never depends on the input's order).
 */
export function bordaCount({ maxRanked, initiatives, rankings }: BordaInput): RankedInitiative[] {
  const score = new Map<string, number>();
  const first = new Map<string, number>();
  for (const ranking of rankings)
    ranking.slice(0, maxRanked).forEach((id, index) => {
      score.set(id, (score.get(id) ?? 0) + maxRanked - index);
      if (index === 0) first.set(id, (first.get(id) ?? 0) + 1);
    });
  return initiatives
    .map((i) => ({
      initiativeId: i.id,
      title: i.title,
      score: score.get(i.id) ?? 0,
      firstPlaces: first.get(i.id) ?? 0,
      supporters: i.supporters,
    }))
    .sort(
      (a, b) =>
        b.score - a.score ||
        b.firstPlaces - a.firstPlaces ||
        b.supporters - a.supporters ||
        a.title.localeCompare(b.title, 'nl') ||
        (a.initiativeId < b.initiativeId ? -1 : a.initiativeId > b.initiativeId ? 1 : 0),
    )
    .map(({ title: _title, ...rest }, index) => ({ ...rest, rank: index + 1 }));
}

/** What can be wrong with a ranking: nothing ranked, an initiative not in the round, one twice, more than N. */
export type RankingIssue =
  | { kind: 'empty' }
  | { kind: 'not_in_round'; ids: string[] }
  | { kind: 'twice'; ids: string[] }
  | { kind: 'too_many'; max: number };

/** The issues of a ranking; none when it may be counted. */
export function rankingIssues(
  ranking: readonly string[],
  roundInitiativeIds: readonly string[],
  maxRanked: number,
): RankingIssue[] {
  const issues: RankingIssue[] = [];
  if (!ranking.length) issues.push({ kind: 'empty' });
  const unknown = ranking.filter((id) => !roundInitiativeIds.includes(id));
  if (unknown.length) issues.push({ kind: 'not_in_round', ids: [...new Set(unknown)] });
  const twice = ranking.filter((id, index) => ranking.indexOf(id) !== index);
  if (twice.length) issues.push({ kind: 'twice', ids: [...new Set(twice)] });
  if (ranking.length > maxRanked) issues.push({ kind: 'too_many', max: maxRanked });
  return issues;
}

/** An issue in English, for the JSON API and the workflow's refusal. */
export function describeRankingIssue(issue: RankingIssue): string {
  switch (issue.kind) {
    case 'empty':
      return 'rank at least one initiative';
    case 'not_in_round':
      return `not in this round: ${issue.ids.join(', ')}`;
    case 'twice':
      return `ranked more than once: ${issue.ids.join(', ')}`;
    case 'too_many':
      return `rank at most ${issue.max} initiatives`;
  }
}
