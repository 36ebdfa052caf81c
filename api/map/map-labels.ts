/**
 * Where the map's labels go (issue 26): each beside its node where it covers no other label and no
 * other node and stays inside the drawing; a label that finds no such place is left out (the node's
 * tooltip and the relations table still name it). Placed on the server, without a browser, so text
 * widths are estimated (`textWidth`); the same nodes give the same labels.
 */

/** A node to label, at its place in the drawing; earlier ones are placed first (levers, then projects…). */
export interface LabelRequest {
  id: string;
  x: number;
  y: number;
  /** The node's radius: the label keeps clear of its shape. */
  r: number;
  text: string;
  fontSize: number;
  bold: boolean;
  /** A landmark (a lever): labelled even where its label must cover another node, if nowhere else. */
  always?: boolean;
}

/** A placed label: its first baseline's anchor point, which end of the text sits there, its lines. */
export interface PlacedLabel {
  x: number;
  y: number;
  anchor: 'start' | 'middle' | 'end';
  /** One line, or two where one would not fit: the second starts `lineHeight` em below the first. */
  lines: string[];
}

/** The distance between a two-line label's baselines, in em. */
export const lineHeight = 1.2;

interface Box {
  left: number;
  top: number;
  right: number;
  bottom: number;
}

/*
 * Advance widths in em, an upper bound per class of character, measured on DejaVu Sans (the widest of
 * the sans-serif faces the pages fall back to; Segoe UI and San Francisco set the same text narrower),
 * regular and bold. Over-estimating only leaves a little air around a label; under-estimating would let
 * two labels overlap or one run off the drawing.
 */
const narrow = new Set(" .,:;!|'il1jIJ’‘");
const semiNarrow = new Set('frt()[]-/\\"*«»');
const wide = new Set('mwMW%@');
function charWidth(c: string, bold: boolean): number {
  const [regular, heavy] = narrow.has(c)
    ? [0.34, 0.4]
    : semiNarrow.has(c)
      ? [0.41, 0.49]
      : wide.has(c)
        ? [1, 1.1]
        : c.codePointAt(0)! >= 0x2e80 // CJK and the like: a full em
          ? [1, 1]
          : c !== c.toLowerCase()
            ? [0.8, 0.86]
            : [0.64, 0.72];
  return bold ? heavy : regular;
}

/** The estimated width of `text` at `fontSize` (see the widths above). */
export function textWidth(text: string, fontSize: number, bold: boolean): number {
  let em = 0;
  for (const c of text) em += charWidth(c, bold);
  return em * fontSize;
}

/** Ascent and descent in em: a line's box runs from 0.93 em above its baseline to 0.24 em below (DejaVu Sans). */
const ascent = 0.93;
const descent = 0.24;
/** Air between a label and its node's shape, and between two labels. */
const gap = 3;

/** `text` broken in two lines at the space that makes the longer line shortest; undefined when it has no space. */
function inTwoLines(text: string, fontSize: number, bold: boolean): string[] | undefined {
  let best: { lines: string[]; width: number } | undefined;
  for (let i = text.indexOf(' '); i > 0; i = text.indexOf(' ', i + 1)) {
    const lines = [text.slice(0, i), text.slice(i + 1)];
    const width = Math.max(...lines.map((l) => textWidth(l, fontSize, bold)));
    if (!best || width < best.width) best = { lines, width };
  }
  return best?.lines;
}

/**
 * The places tried, in order: right of the node (the way the eye reads on), left of it, above and
 * below it centred, then the four diagonals.
 */
function candidates(label: LabelRequest, lines: string[]): (PlacedLabel & { box: Box })[] {
  const { x, y, r, fontSize, bold } = label;
  const width = Math.max(...lines.map((l) => textWidth(l, fontSize, bold)));
  const [up, down] = [ascent * fontSize, descent * fontSize];
  const below = (lines.length - 1) * lineHeight * fontSize; // from the first baseline to the last
  const middle = y + (up - down - below) / 2; // the first baseline that centres the text's box on the node
  const beside = r + gap;
  const place = (ax: number, by: number, anchor: PlacedLabel['anchor']) => {
    const left = anchor === 'start' ? ax : anchor === 'end' ? ax - width : ax - width / 2;
    return { x: ax, y: by, anchor, lines, box: { left, right: left + width, top: by - up, bottom: by + below + down } };
  };
  const diagonal = r * 0.7;
  return [
    place(x + beside, middle, 'start'),
    place(x - beside, middle, 'end'),
    place(x, y - beside - down - below, 'middle'),
    place(x, y + beside + up, 'middle'),
    place(x + diagonal, y - diagonal - gap - down - below, 'start'),
    place(x + diagonal, y + diagonal + gap + up, 'start'),
    place(x - diagonal, y - diagonal - gap - down - below, 'end'),
    place(x - diagonal, y + diagonal + gap + up, 'end'),
  ];
}

const overlaps = (a: Box, b: Box) => a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;

/** Boxes in a grid of square cells, so a label is checked against its neighbours only (thousands of nodes). */
class BoxGrid {
  private readonly cells = new Map<number, { box: Box; owner: string }[]>();
  constructor(private readonly cell: number) {}

  /** Calls `visit` with each cell `box` touches until it returns true; whether one did. */
  private someCell(
    box: Box,
    visit: (list: { box: Box; owner: string }[] | undefined, key: number) => boolean,
  ): boolean {
    const [x0, x1] = [Math.floor(box.left / this.cell), Math.floor(box.right / this.cell)];
    const [y0, y1] = [Math.floor(box.top / this.cell), Math.floor(box.bottom / this.cell)];
    // One number per cell: the drawing is a few thousand units wide, far from the 2^16 this allows.
    for (let i = x0; i <= x1; i++)
      for (let j = y0; j <= y1; j++) {
        const key = (i + 32768) * 65536 + (j + 32768);
        if (visit(this.cells.get(key), key)) return true;
      }
    return false;
  }

  add(box: Box, owner: string): void {
    this.someCell(box, (list, key) => {
      if (list) list.push({ box, owner });
      else this.cells.set(key, [{ box, owner }]);
      return false;
    });
  }

  /** Whether `box` overlaps a box not `owner`'s own. */
  hits(box: Box, owner: string): boolean {
    return this.someCell(box, (list) => (list ?? []).some((o) => o.owner !== owner && overlaps(box, o.box)));
  }

  /** How many boxes `box` overlaps, but for `owner`'s own. */
  count(box: Box, owner: string): number {
    const found = new Set<{ box: Box }>();
    this.someCell(box, (list) => {
      for (const o of list ?? []) if (o.owner !== owner && overlaps(box, o.box)) found.add(o);
      return false;
    });
    return found.size;
  }
}

/**
 * Places the labels in the order given, within a drawing `width` × `height` (its viewBox); `nodes` are
 * the shapes no label may cover. Returns the placed labels by node id; the ones left out are absent.
 */
export function placeLabels(
  labels: LabelRequest[],
  nodes: { id: string; x: number; y: number; r: number }[],
  width: number,
  height: number,
): Map<string, PlacedLabel> {
  const taken = new BoxGrid(64);
  for (const n of nodes) taken.add({ left: n.x - n.r, right: n.x + n.r, top: n.y - n.r, bottom: n.y + n.r }, n.id);
  const placed = new Map<string, PlacedLabel>();
  const inside = (b: Box) => b.left >= 0 && b.top >= 0 && b.right <= width && b.bottom <= height;
  const labelBoxes = 'label';
  // The labels alone too, for a landmark that may cover nodes but never another label.
  const labelsOnly = new BoxGrid(64);
  for (const label of labels) {
    // One line where it fits, else two; a landmark may cover a node rather than go unnamed.
    const twoLines = inTwoLines(label.text, label.fontSize, label.bold);
    const tries = [candidates(label, [label.text]), ...(twoLines ? [candidates(label, twoLines)] : [])].flat();
    const fitting = tries.filter((c) => inside(c.box));
    let spot = fitting.find((c) => !taken.hits(c.box, label.id));
    if (!spot && label.always) {
      // Over no other label, and over as few nodes as may be.
      const free = fitting.filter((c) => !labelsOnly.hits(c.box, label.id));
      const covered = free.map((c) => taken.count(c.box, label.id));
      spot = free[covered.indexOf(Math.min(...covered))];
    }
    if (!spot) continue;
    const { box, ...at } = spot;
    placed.set(label.id, at);
    // Grown by the gap: the next label keeps its distance.
    const grown = { left: box.left - gap, right: box.right + gap, top: box.top - gap, bottom: box.bottom + gap };
    taken.add(grown, labelBoxes);
    labelsOnly.add(grown, labelBoxes);
  }
  return placed;
}
