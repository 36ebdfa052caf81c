/**
 * Small-count suppression of the public figures (docs/privacy.md, "What is public and why"). Pure: it
 * sees cells (a value and the distinct partners it covers) and the lines that relate them (a column with
 * its total, a row), and decides which cells may be published.
 *
 * 1. Primary: a cell covering fewer than `minPartners` distinct partners is hidden, and so is every cell
 *    the caller forces (a closed period's cell that a withdrawal of consent changed).
 * 2. Secondary, within each line: while a line has hidden cells and they are one cell, or together cover
 *    fewer than `minPartners` distinct partners, its next smallest published cell (fewest partners, then
 *    smallest value, then key) is hidden too, so no hidden cell, nor the sum of a line's hidden cells, can
 *    be derived by subtracting the published ones from a published total. Repeated until no line changes,
 *    since hiding a cell in one line can leave another line with a single hidden cell.
 */

export interface FigureCell {
  /** Unique within the table, e.g. `lever:trust|placements_offered`. */
  key: string;
  value: number;
  /** The distinct partners whose values the cell adds up. */
  partners: readonly string[];
}

export type HiddenBecause = 'small' | 'secondary' | 'withdrawn';

export interface SuppressedCell {
  key: string;
  /** The value, or null when it is hidden. */
  value: number | null;
  hidden: HiddenBecause | null;
}

export interface SuppressionRule {
  minPartners: number;
  /** Keys to hide whatever their size (primary), with their reason. */
  forceHidden?: ReadonlyMap<string, HiddenBecause>;
}

export function suppress(
  cells: readonly FigureCell[],
  lines: readonly (readonly string[])[],
  rule: SuppressionRule,
): SuppressedCell[] {
  const byKey = new Map(cells.map((cell) => [cell.key, cell]));
  const hidden = new Map<string, HiddenBecause>();
  for (const cell of cells) {
    const forced = rule.forceHidden?.get(cell.key);
    if (forced) hidden.set(cell.key, forced);
    else if (new Set(cell.partners).size < rule.minPartners) hidden.set(cell.key, 'small');
  }
  const known = lines.map((line) => line.filter((key) => byKey.has(key)));
  let changed = true;
  while (changed) {
    changed = false;
    for (const line of known) {
      const hiddenHere = line.filter((key) => hidden.has(key));
      if (hiddenHere.length === 0) continue;
      const covered = new Set(hiddenHere.flatMap((key) => byKey.get(key)!.partners)).size;
      if (hiddenHere.length > 1 && covered >= rule.minPartners) continue;
      const next = line
        .filter((key) => !hidden.has(key))
        .map((key) => byKey.get(key)!)
        .sort(
          (a, b) =>
            new Set(a.partners).size - new Set(b.partners).size || a.value - b.value || a.key.localeCompare(b.key),
        )[0];
      if (!next) continue;
      hidden.set(next.key, 'secondary');
      changed = true;
    }
  }
  return cells.map((cell) => {
    const because = hidden.get(cell.key) ?? null;
    return { key: cell.key, value: because ? null : cell.value, hidden: because };
  });
}
