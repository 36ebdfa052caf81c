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
 * 3. Audit, within each family of cells that add up the same quantity (one indicator's cells of every
 *    dimension, which overlap: a lever cell may hold exactly the partners of two sector cells): the
 *    partners of the published cells fall into atoms, the partners that lie in exactly the same
 *    published cells. Anything derived from published cells by adding and subtracting them weighs all
 *    partners of an atom alike, so when every atom has at least `minPartners` partners, nothing derived
 *    reveals the sum of fewer. While an atom is smaller, the published cell whose hiding merges it into
 *    the largest atom (then the one of fewest partners) is hidden; then step 2 and 3 run again.
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
  families: readonly (readonly string[])[] = [],
): SuppressedCell[] {
  const byKey = new Map(cells.map((cell) => [cell.key, cell]));
  const hidden = new Map<string, HiddenBecause>();
  for (const cell of cells) {
    const forced = rule.forceHidden?.get(cell.key);
    if (forced) hidden.set(cell.key, forced);
    else if (new Set(cell.partners).size < rule.minPartners) hidden.set(cell.key, 'small');
  }
  const known = lines.map((line) => line.filter((key) => byKey.has(key)));
  const knownFamilies = families.map((family) => family.filter((key) => byKey.has(key)));
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
    // Only once every line is settled: the audit then hides what the lines still let through.
    if (changed) continue;
    for (const family of knownFamilies) {
      const hide = cellMergingSmallAtom(family, byKey, hidden, rule.minPartners);
      if (hide) {
        hidden.set(hide, 'secondary');
        changed = true;
      }
    }
  }
  return cells.map((cell) => {
    const because = hidden.get(cell.key) ?? null;
    return { key: cell.key, value: because ? null : cell.value, hidden: because };
  });
}

/** The partners of the published cells of a family grouped by the published cells they lie in. */
function atoms(published: readonly FigureCell[]): Map<string, number> {
  const signatures = new Map<string, string[]>();
  for (const cell of published)
    for (const partner of new Set(cell.partners))
      signatures.set(partner, [...(signatures.get(partner) ?? []), cell.key]);
  const sizes = new Map<string, number>();
  for (const keys of signatures.values()) {
    const signature = keys.sort().join('\n');
    sizes.set(signature, (sizes.get(signature) ?? 0) + 1);
  }
  return sizes;
}

/** A published cell to hide because some atom of the family is too small, or undefined when none is. */
function cellMergingSmallAtom(
  family: readonly string[],
  byKey: ReadonlyMap<string, FigureCell>,
  hidden: ReadonlyMap<string, HiddenBecause>,
  minPartners: number,
): string | undefined {
  const published = family.filter((key) => !hidden.has(key)).map((key) => byKey.get(key)!);
  const smallest = Math.min(...atoms(published).values());
  if (!(smallest < minPartners)) return undefined;
  const candidates = published
    .map((cell) => ({
      cell,
      smallest: Math.min(Infinity, ...atoms(published.filter((other) => other !== cell)).values()),
    }))
    .sort(
      (a, b) =>
        b.smallest - a.smallest ||
        new Set(a.cell.partners).size - new Set(b.cell.partners).size ||
        a.cell.value - b.cell.value ||
        a.cell.key.localeCompare(b.cell.key),
    );
  return candidates[0]?.cell.key;
}
