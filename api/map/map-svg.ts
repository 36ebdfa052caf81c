import type { MapEdgeKind } from '../../db/map/pact-graph';
import type { MapView, ViewNode } from '../../features/map/map-view';
import { html, type Html } from '../html/layout';
import { type LabelRequest, lineHeight, placeLabels } from './map-labels';

/** The words the drawing needs, from the staff catalog or the public page's. */
export interface MapDrawingWords {
  kinds: Record<ViewNode['kind'], string>;
  relations: Record<MapEdgeKind, string>;
  appeared: string;
  ended: string;
  legend: string;
  partnersCount: (count: number) => string;
}

const width = 1000;
const height = 700;
/**
 * Room around the nodes, for the shapes and a little air: a label that would run off the drawing goes
 * on the node's other side (api/map/map-labels.ts).
 */
const pad = { left: 40, right: 40, top: 30, bottom: 30 };

/**
 * The labels are placed twice, for two sizes of text, and the page's style shows one
 * (api/html/styles.ts): `wide` where the drawing is wide enough for text of 15–17 units, `narrow` on a
 * phone, where the drawing is about a third of its size and text needs 26 units to be read. The
 * narrow set is hidden by default, so the drawing read without the page's style shows the wide one.
 */
const labelLayers = [
  { name: 'wide', fontSize: (kind: ViewNode['kind']) => (kind === 'lever' ? 17 : 15) },
  { name: 'narrow', fontSize: () => 26 },
] as const;

const fill: Record<ViewNode['kind'], string> = {
  partner: '#1d4f91',
  project: '#c25e00',
  initiative: '#2b7a3d',
  meeting: '#6f42c1',
  lever: '#1a1a1a',
  sector: '#8a94a3',
};
const edgeColour: Record<MapEdgeKind, string> = {
  takes_part_in: '#c25e00',
  proposes: '#2b7a3d',
  supports: '#2b7a3d',
  attended: '#6f42c1',
  works_on: '#8a94a3',
  brought_in: '#1d4f91',
};
const edgeDash: Record<MapEdgeKind, string> = {
  takes_part_in: '',
  proposes: '',
  supports: '4 3',
  attended: '2 3',
  works_on: '1 4',
  brought_in: '8 3',
};
const appearedColour = '#2b8a3e';
const endedColour = '#a4161a';

/** A node's shape at (x, y): partners circles, projects squares, initiatives diamonds, meetings triangles, levers hexagons. */
function shape(kind: ViewNode['kind'], x: number, y: number, r: number, extra: Html): Html {
  const f = fill[kind];
  const p = (points: [number, number][]) =>
    points.map(([a, b]) => `${(x + a).toFixed(1)},${(y + b).toFixed(1)}`).join(' ');
  switch (kind) {
    case 'project':
      return html`<rect x="${(x - r).toFixed(1)}" y="${(y - r).toFixed(1)}" width="${2 * r}" height="${2 * r}" fill="${f}" ${extra}/>`;
    case 'initiative':
      return html`<polygon points="${p([
        [0, -r * 1.2],
        [r * 1.2, 0],
        [0, r * 1.2],
        [-r * 1.2, 0],
      ])}" fill="${f}" ${extra}/>`;
    case 'meeting':
      return html`<polygon points="${p([
        [0, -r * 1.2],
        [r * 1.1, r * 0.8],
        [-r * 1.1, r * 0.8],
      ])}" fill="${f}" ${extra}/>`;
    case 'lever':
      return html`<polygon points="${p([0, 1, 2, 3, 4, 5].map((i) => [r * Math.cos((i * Math.PI) / 3), r * Math.sin((i * Math.PI) / 3)] as [number, number]))}" fill="${f}" ${extra}/>`;
    case 'sector':
      return html`<circle cx="${x.toFixed(1)}" cy="${y.toFixed(1)}" r="${r.toFixed(1)}" fill="${f}" fill-opacity="0.35" stroke="${f}" ${extra}/>`;
    default:
      return html`<circle cx="${x.toFixed(1)}" cy="${y.toFixed(1)}" r="${r}" fill="${f}" ${extra}/>`;
  }
}

/** Which labels are placed first, where there is most room: the map's landmarks before its many partners. */
const labelOrder: ViewNode['kind'][] = ['lever', 'project', 'initiative', 'meeting', 'sector', 'partner'];

const radius = (n: ViewNode) =>
  n.kind === 'lever'
    ? 16
    : n.kind === 'sector'
      ? 10 + Math.min(40, Math.sqrt(n.count ?? 1) * 2)
      : n.kind === 'partner'
        ? 6
        : 8;

/**
 * The map drawn as SVG on the server (no script): each node at its layout position scaled to the
 * drawing, labels with a white halo, what appeared in green and what ended in red and dashed.
 * `labelLevers` gives a lever's name in the reader's language.
 */
export function mapSvg(
  view: MapView,
  words: MapDrawingWords,
  options: { title: string; description: string; leverLabel: (key: string) => string },
): Html {
  const xs = view.nodes.map((n) => n.x);
  const ys = view.nodes.map((n) => n.y);
  const [minX, maxX, minY, maxY] = xs.length
    ? [Math.min(...xs), Math.max(...xs), Math.min(...ys), Math.max(...ys)]
    : [0, 1, 0, 1];
  const [innerWidth, innerHeight] = [width - pad.left - pad.right, height - pad.top - pad.bottom];
  const scale = Math.min(innerWidth / Math.max(maxX - minX, 1e-6), innerHeight / Math.max(maxY - minY, 1e-6));
  const at = new Map(
    view.nodes.map((n) => [
      n.id,
      {
        x: pad.left + (n.x - minX) * scale + (innerWidth - (maxX - minX) * scale) / 2,
        y: pad.top + (n.y - minY) * scale + (innerHeight - (maxY - minY) * scale) / 2,
      },
    ]),
  );
  const labelAll = view.nodes.length <= 80;
  const label = (n: ViewNode) => {
    const base = n.kind === 'lever' ? options.leverLabel(n.label) : n.label;
    return n.count !== undefined ? `${base} (${words.partnersCount(n.count)})` : base;
  };
  const edges = view.edges.map((e) => {
    const a = at.get(e.source);
    const b = at.get(e.target);
    if (!a || !b) return '';
    const colour = e.change === 'appeared' ? appearedColour : e.change === 'ended' ? endedColour : edgeColour[e.kind];
    const dash = e.change === 'ended' ? '6 4' : edgeDash[e.kind];
    return html`<line x1="${a.x.toFixed(1)}" y1="${a.y.toFixed(1)}" x2="${b.x.toFixed(1)}" y2="${b.y.toFixed(1)}" stroke="${colour}" stroke-width="${e.change ? 2.5 : 1.2}" stroke-opacity="${e.change ? 1 : 0.6}"${dash ? html` stroke-dasharray="${dash}"` : ''}/>`;
  });
  const nodes = view.nodes.map((n) => {
    const p = at.get(n.id)!;
    const r = radius(n);
    const ring =
      n.change === 'appeared'
        ? html`stroke="${appearedColour}" stroke-width="3"`
        : n.change === 'ended'
          ? html`stroke="${endedColour}" stroke-width="3" stroke-dasharray="4 2"`
          : html`stroke="#fff" stroke-width="1"`;
    return html`<g class="node ${n.kind}"><title>${words.kinds[n.kind]}: ${label(n)}${n.change ? ` (${n.change === 'appeared' ? words.appeared : words.ended})` : ''}</title>${shape(n.kind, p.x, p.y, r, ring)}</g>`;
  });
  // Levers first, then what partners meet in, then partners; the most connected first within a kind.
  const degree = new Map<string, number>();
  for (const e of view.edges) for (const id of [e.source, e.target]) degree.set(id, (degree.get(id) ?? 0) + 1);
  const labelled = view.nodes
    .filter((n) => labelAll || n.kind !== 'partner')
    .sort(
      (a, b) =>
        labelOrder.indexOf(a.kind) - labelOrder.indexOf(b.kind) ||
        (degree.get(b.id) ?? 0) - (degree.get(a.id) ?? 0) ||
        (a.id < b.id ? -1 : a.id > b.id ? 1 : 0),
    );
  const shapes = view.nodes.map((n) => ({ id: n.id, ...at.get(n.id)!, r: radius(n) }));
  const labels = labelLayers.map((layer) => {
    const requests: LabelRequest[] = labelled.map((n) => ({
      id: n.id,
      ...at.get(n.id)!,
      r: radius(n),
      text: label(n),
      fontSize: layer.fontSize(n.kind),
      bold: n.kind === 'lever',
      always: n.kind === 'lever',
    }));
    const placed = placeLabels(requests, shapes, width, height);
    const texts = requests.map((q) => {
      const spot = placed.get(q.id);
      if (!spot) return '';
      const x = spot.x.toFixed(1);
      const [first, second] = spot.lines;
      return html`<text x="${x}" y="${spot.y.toFixed(1)}"${spot.anchor === 'start' ? '' : html` text-anchor="${spot.anchor}"`} font-size="${q.fontSize}"${q.bold ? html` font-weight="700"` : ''}>${
        second === undefined
          ? first
          : html`<tspan>${first}</tspan><tspan x="${x}" dy="${lineHeight}em">${second}</tspan>`
      }</text>`;
    });
    return html`<g class="labels labels-${layer.name}"${layer.name === 'narrow' ? html` display="none"` : ''}>${texts}</g>`;
  });
  return html`<svg class="pact-map" viewBox="0 0 ${width} ${height}" role="img" aria-labelledby="map-title map-desc" xmlns="http://www.w3.org/2000/svg">
    <title id="map-title">${options.title}</title>
    <desc id="map-desc">${options.description}</desc>
    <rect width="${width}" height="${height}" fill="#fff"/>
    <g class="edges">${edges}</g>
    <g class="nodes">${nodes}</g>
    <g fill="#1a1a1a" stroke="#fff" stroke-width="3" paint-order="stroke">${labels}</g>
  </svg>`;
}

/** The legend: each kind of node by its shape, each relation by its line, and the marks of a change. */
export function mapLegend(
  words: MapDrawingWords,
  kinds: ViewNode['kind'][],
  relations: MapEdgeKind[],
  changes: boolean,
): Html {
  const item = (symbol: Html, text: string) =>
    html`<li><svg width="28" height="20" viewBox="0 0 28 20" aria-hidden="true" focusable="false">${symbol}</svg> ${text}</li>`;
  return html`<section class="map-legend" aria-labelledby="map-legend"><h2 id="map-legend">${words.legend}</h2>
    <ul>
      ${kinds.map((k) => item(shape(k, 14, 10, k === 'lever' ? 8 : 6, html`stroke="#fff"`), words.kinds[k]))}
      ${relations.map((r) =>
        item(
          html`<line x1="2" y1="10" x2="26" y2="10" stroke="${edgeColour[r]}" stroke-width="2"${edgeDash[r] ? html` stroke-dasharray="${edgeDash[r]}"` : ''}/>`,
          words.relations[r],
        ),
      )}
      ${
        changes
          ? [
              item(
                html`<line x1="2" y1="10" x2="26" y2="10" stroke="${appearedColour}" stroke-width="3"/>`,
                words.appeared,
              ),
              item(
                html`<line x1="2" y1="10" x2="26" y2="10" stroke="${endedColour}" stroke-width="3" stroke-dasharray="6 4"/>`,
                words.ended,
              ),
            ]
          : ''
      }
    </ul>
  </section>`;
}
