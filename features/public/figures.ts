import { levers as leverVocabulary, sectors as sectorVocabulary } from '../../domain/vocabulary';
import type { Lever, Sector } from '../../domain/vocabulary';
import { type FigureCell, type HiddenBecause, suppress } from './suppression';

/**
 * The public indicator figures of one period: totals per lever and per sector, and the total of all
 * consenting partners, per indicator. Pure; the values come from features/public/queries.ts.
 */

export type FigureDimension = 'all' | 'lever' | 'sector';

export interface ReportedValue {
  partnerId: string;
  sector: Sector;
  /** The partner's levers (its intent): the partner counts in each lever's cell. */
  levers: readonly Lever[];
  indicator: string;
  value: number;
}

export interface PublicCell {
  dimension: FigureDimension;
  /** The lever or sector; null for the total of all consenting partners. */
  group: string | null;
  indicator: string;
  /** Null when suppressed. */
  value: number | null;
  suppressed: boolean;
}

export const cellKey = (dimension: FigureDimension, group: string | null, indicator: string) =>
  `${dimension}:${group ?? ''}|${indicator}`;

export function parseCellKey(key: string): Pick<PublicCell, 'dimension' | 'group' | 'indicator'> {
  const [head, indicator] = key.split('|') as [string, string];
  const [dimension, group] = head.split(':') as [FigureDimension, string];
  return { dimension, group: group === '' ? null : group, indicator };
}

/** The cells of one period's table, each with the distinct partners it covers. */
export function figureCells(values: readonly ReportedValue[]): FigureCell[] {
  const cells = new Map<string, { value: number; partners: Set<string> }>();
  const add = (key: string, value: ReportedValue) => {
    const cell = cells.get(key) ?? { value: 0, partners: new Set<string>() };
    cell.value += value.value;
    cell.partners.add(value.partnerId);
    cells.set(key, cell);
  };
  for (const value of values) {
    add(cellKey('all', null, value.indicator), value);
    add(cellKey('sector', value.sector, value.indicator), value);
    for (const lever of new Set(value.levers)) add(cellKey('lever', lever, value.indicator), value);
  }
  return [...cells.entries()]
    .map(([key, cell]) => ({ key, value: roundFigure(cell.value), partners: [...cell.partners].sort() }))
    .sort((a, b) => a.key.localeCompare(b.key));
}

/**
 * The lines within which a hidden cell could be derived by subtraction: per indicator, its total with
 * the sector cells (which add up to it) and its total with the lever cells; per lever, sector and the
 * total, its row across indicators.
 */
export function figureLines(cells: readonly FigureCell[]): string[][] {
  const keys = cells.map((cell) => cell.key);
  const parsed = keys.map((key) => ({ key, ...parseCellKey(key) }));
  const lines: string[][] = [];
  for (const indicator of new Set(parsed.map((p) => p.indicator))) {
    const total = cellKey('all', null, indicator);
    for (const dimension of ['sector', 'lever'] as const)
      lines.push([
        total,
        ...parsed.filter((p) => p.indicator === indicator && p.dimension === dimension).map((p) => p.key),
      ]);
  }
  const rows = new Map<string, string[]>();
  for (const p of parsed) {
    const row = `${p.dimension}:${p.group ?? ''}`;
    rows.set(row, [...(rows.get(row) ?? []), p.key]);
  }
  lines.push(...rows.values());
  return lines;
}

/** Per indicator, all its cells: they add up the same partners' values and may be combined. */
export function figureFamilies(cells: readonly FigureCell[]): string[][] {
  const families = new Map<string, string[]>();
  for (const cell of cells) {
    const { indicator } = parseCellKey(cell.key);
    families.set(indicator, [...(families.get(indicator) ?? []), cell.key]);
  }
  return [...families.values()];
}

/** Cells as published, in a stable order: the total first, then levers and sectors in vocabulary order. */
export function publishCells(
  cells: readonly FigureCell[],
  minPartners: number,
  forceHidden?: ReadonlyMap<string, HiddenBecause>,
): PublicCell[] {
  const order = (cell: Pick<PublicCell, 'dimension' | 'group'>) =>
    cell.dimension === 'all'
      ? 0
      : cell.dimension === 'lever'
        ? 1 + leverVocabulary.keys.indexOf(cell.group as Lever)
        : 100 + sectorVocabulary.keys.indexOf(cell.group as Sector);
  return suppress(cells, figureLines(cells), { minPartners, forceHidden }, figureFamilies(cells))
    .map((cell) => ({
      ...parseCellKey(cell.key),
      value: cell.value,
      suppressed: cell.hidden !== null,
    }))
    .sort((a, b) => order(a) - order(b) || a.indicator.localeCompare(b.indicator));
}

/** Sums of decimals (1.5 + 0.1) printed as they were meant. */
const roundFigure = (value: number) => Math.round(value * 1e6) / 1e6;
