import { learningFiguresOf } from '../../features/initiatives/learning';
import type { PortfolioInitiative } from '../../features/initiatives/queries';

/**
 * The learning figures computed by hand: five initiatives, of which three have a place in the list
 * (prioritised), three reached a project (one still inviting does not count), one ended well and one badly.
 */
const initiative = (
  id: string,
  fields: Partial<PortfolioInitiative> & { sectors?: ('care' | 'work' | 'education')[] },
): PortfolioInitiative => ({
  id,
  idempotency_key: id,
  title: id,
  description: id,
  kind: 'proposal',
  origin: 'staff',
  origin_ref: null,
  levers: ['agency'],
  characteristics: [],
  preconditions: [],
  status: 'proposed',
  priority_rank: null,
  created_at: new Date(),
  updated_at: new Date(),
  project: null,
  ...fields,
  partners: (fields.sectors ?? []).map((sector, n) => ({
    initiativeId: id,
    id: `${id}-p${n}`,
    name: `${id} ${n}`,
    sector,
    role: 'supporter' as const,
  })),
});
const project = (status: 'inviting' | 'running' | 'closed', score: number | null = null) => ({
  initiativeId: 'x',
  id: 'p',
  title: 'p',
  status,
  closedAt: null,
  evaluation: null,
  score,
  learned: null,
});

const figures = learningFiguresOf([
  // Prioritised, went to a project that ended well (5).
  initiative('a', {
    status: 'done',
    priority_rank: 1,
    levers: ['agency', 'trust'],
    characteristics: ['low_threshold', 'continuity'],
    preconditions: ['means'],
    project: project('closed', 5),
    sectors: ['care', 'care', 'work'],
  }),
  // Prioritised, not yet in a project.
  initiative('b', {
    status: 'prioritised',
    priority_rank: 2,
    characteristics: ['low_threshold'],
    sectors: ['work'],
  }),
  // No round; a project that ended badly (2).
  initiative('c', {
    status: 'done',
    levers: ['trust'],
    characteristics: ['role_models'],
    preconditions: ['means', 'policy'],
    project: project('closed', 2),
    sectors: ['education'],
  }),
  // A running project, scored 3 nowhere yet.
  initiative('d', { status: 'in_project', characteristics: ['low_threshold'], project: project('running') }),
  // Seventh in the list, in a project that is still inviting.
  initiative('e', { status: 'in_project', priority_rank: 7, project: project('inviting'), sectors: ['care'] }),
]);

const count = (outcome: string, groupBy: string, group: string, key: string) =>
  figures.rows.find((r) => r.outcome === outcome && r.groupBy === groupBy && r.group === group && r.key === key)!
    .initiatives;
const total = (outcome: string, groupBy: string, group: string) =>
  figures.totals.find((t) => t.outcome === outcome && t.groupBy === groupBy && t.group === group)!.initiatives;

test('how many initiatives reached each outcome', () => {
  // prioritised: a, b, e; project: a, c, d (e's is only inviting); well: a; badly: c.
  expect(figures.outcomes).toEqual({ prioritised: 3, project: 3, ended_well: 1, ended_badly: 1 });
});

test('per lever', () => {
  expect(total('prioritised', 'lever', 'agency')).toBe(3);
  expect(count('prioritised', 'lever', 'agency', 'low_threshold')).toBe(2);
  expect(count('prioritised', 'lever', 'trust', 'low_threshold')).toBe(1);
  expect(count('prioritised', 'lever', 'agency', 'means')).toBe(1);
  expect(total('project', 'lever', 'trust')).toBe(2);
  expect(count('project', 'lever', 'trust', 'means')).toBe(2);
  expect(count('project', 'lever', 'agency', 'low_threshold')).toBe(2);
  expect(count('ended_badly', 'lever', 'trust', 'policy')).toBe(1);
  expect(count('ended_badly', 'lever', 'agency', 'policy')).toBe(0);
  expect(count('ended_well', 'lever', 'trust', 'continuity')).toBe(1);
});

test('per sector of the partners, each initiative once per sector', () => {
  expect(total('prioritised', 'sector', 'work')).toBe(2);
  expect(total('prioritised', 'sector', 'care')).toBe(2);
  expect(count('prioritised', 'sector', 'care', 'low_threshold')).toBe(1);
  expect(count('prioritised', 'sector', 'work', 'low_threshold')).toBe(2);
  expect(count('ended_well', 'sector', 'care', 'continuity')).toBe(1);
  expect(count('ended_badly', 'sector', 'education', 'role_models')).toBe(1);
  // d has no partner: in no sector.
  expect(
    total('project', 'sector', 'care') + total('project', 'sector', 'work') + total('project', 'sector', 'education'),
  ).toBe(3);
  expect(total('project', 'sector', 'other')).toBe(0);
});
