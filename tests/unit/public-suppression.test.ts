import { figureCells, publishCells, type ReportedValue } from '../../features/public/figures';
import { suppress } from '../../features/public/suppression';

/** The small-count rules of the public figures (features/public/suppression.ts, docs/privacy.md). */

const value = (
  partnerId: string,
  sector: ReportedValue['sector'],
  v: number,
  levers: ReportedValue['levers'] = [],
) => ({
  partnerId,
  sector,
  levers,
  indicator: 'placements_offered',
  value: v,
});

const cellOf = (cells: ReturnType<typeof publishCells>, dimension: string, group: string | null) =>
  cells.find((c) => c.dimension === dimension && c.group === group);

test('a group of 2 partners is hidden, a group of 3 is shown', () => {
  const cells = figureCells([
    value('a', 'work', 1),
    value('b', 'work', 2),
    value('c', 'work', 3),
    value('d', 'care', 10),
    value('e', 'care', 20),
  ]);
  const published = publishCells(cells, 3);
  expect(cellOf(published, 'sector', 'care')).toMatchObject({ value: null, suppressed: true });
  // care (2) is hidden; the total (5) and work (3) would give it away by subtraction: the next smallest
  // of the column, work, is hidden too.
  expect(cellOf(published, 'sector', 'work')).toMatchObject({ value: null, suppressed: true });
  expect(cellOf(published, 'all', null)).toEqual({
    dimension: 'all',
    group: null,
    indicator: 'placements_offered',
    value: 36,
    suppressed: false,
  });
});

test('a group of 3 is shown when no other cell of its lines is hidden', () => {
  const published = publishCells(figureCells([value('a', 'work', 1), value('b', 'work', 2), value('c', 'work', 3)]), 3);
  expect(cellOf(published, 'sector', 'work')).toMatchObject({ value: 6, suppressed: false });
  expect(cellOf(published, 'all', null)).toMatchObject({ value: 6, suppressed: false });
});

test('secondary suppression hides the next smallest cell, so the total cannot reveal the hidden one', () => {
  const cells = figureCells([
    ...['a', 'b', 'c', 'd'].map((id) => value(id, 'work', 5)),
    ...['e', 'f', 'g'].map((id) => value(id, 'education', 1)),
    value('h', 'care', 7),
    value('i', 'care', 8),
  ]);
  const published = publishCells(cells, 3);
  expect(cellOf(published, 'sector', 'care')?.suppressed).toBe(true);
  // education (3 partners) is smaller than work (4): it goes, work and the total stay.
  expect(cellOf(published, 'sector', 'education')?.suppressed).toBe(true);
  expect(cellOf(published, 'sector', 'work')).toMatchObject({ value: 20, suppressed: false });
  expect(cellOf(published, 'all', null)).toMatchObject({ value: 38, suppressed: false });
  // Total minus the published cells leaves only the sum of two hidden cells, covering 5 partners.
});

test('a partner with several levers counts in each lever cell, once', () => {
  const cells = figureCells([
    value('a', 'work', 1, ['trust', 'agency']),
    value('b', 'work', 1, ['trust', 'agency', 'trust']),
    value('c', 'work', 1, ['trust']),
  ]);
  const trust = cells.find((c) => c.key === 'lever:trust|placements_offered')!;
  expect(trust.partners).toEqual(['a', 'b', 'c']);
  expect(trust.value).toBe(3);
  const published = publishCells(cells, 3);
  expect(cellOf(published, 'lever', 'trust')).toMatchObject({ value: 3, suppressed: false });
  expect(cellOf(published, 'lever', 'agency')).toMatchObject({ value: null, suppressed: true });
});

test('two hidden cells of a line that together cover fewer partners than the threshold take a third', () => {
  const result = suppress(
    [
      { key: 'x', value: 1, partners: ['a'] },
      { key: 'y', value: 1, partners: ['b'] },
      { key: 'z', value: 30, partners: ['c', 'd', 'e'] },
      { key: 'w', value: 40, partners: ['f', 'g', 'h', 'i'] },
      { key: 'total', value: 72, partners: ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i'] },
    ],
    [['total', 'x', 'y', 'z', 'w']],
    { minPartners: 3 },
  );
  expect(result.map((c) => [c.key, c.hidden])).toEqual([
    ['x', 'small'],
    ['y', 'small'],
    ['z', 'secondary'],
    ['w', null],
    ['total', null],
  ]);
});

test('forced cells (withdrawn) are hidden and call for secondary suppression like small ones', () => {
  const cells = [
    { key: 'u', value: 10, partners: ['a', 'b', 'c'] },
    { key: 'v', value: 20, partners: ['d', 'e', 'f'] },
    { key: 'w', value: 25, partners: ['g', 'h', 'i', 'j'] },
    { key: 'total', value: 55, partners: ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i', 'j'] },
  ];
  const result = suppress(cells, [['total', 'u', 'v', 'w']], {
    minPartners: 3,
    forceHidden: new Map([['w', 'withdrawn' as const]]),
  });
  expect(result.filter((c) => c.hidden).map((c) => [c.key, c.hidden])).toEqual([
    ['u', 'secondary'],
    ['w', 'withdrawn'],
  ]);
});

test('a lever cell that holds exactly two sector cells cannot reveal a hidden one by subtraction', () => {
  const cells = figureCells([
    ...['w1', 'w2', 'w3', 'w4'].map((id) => value(id, 'work', 5, ['trust'])),
    value('c1', 'care', 7, ['trust']),
    value('c2', 'care', 8, ['trust']),
    ...['e1', 'e2', 'e3'].map((id) => value(id, 'education', 1, ['agency'])),
  ]);
  const published = publishCells(cells, 3);
  const shown = (dimension: string, group: string | null) => !cellOf(published, dimension, group)!.suppressed;
  expect(shown('sector', 'care')).toBe(false);
  // trust (w1-w4, c1, c2) minus work (w1-w4) would be care: they are not both published.
  expect(shown('lever', 'trust') && shown('sector', 'work')).toBe(false);
  // Nor total minus education (or agency) minus work.
  expect(shown('all', null) && shown('sector', 'education') && shown('sector', 'work')).toBe(false);
  // Nor total minus agency (which holds exactly the education partners) minus work.
  expect(shown('all', null) && shown('lever', 'agency') && shown('sector', 'work')).toBe(false);
  expect(published.filter((c) => !c.suppressed).length).toBeGreaterThan(0);
});
