import type { FastifyInstance } from 'fastify';
import { brusselsLocal } from '../../domain/brussels-time';
import { leverLabels } from '../../domain/translated-labels';
import { levers } from '../../domain/vocabulary';
import type { MapEdgeKind } from '../../db/map/pact-graph';
import type { AppDeps } from '../../features/deps';
import { readMapQuery } from '../../features/map/map-query';
import { detailLimit, type MapView, staffMapView, type ViewNode } from '../../features/map/map-view';
import { type PageContext, pageContext, withQuery } from '../html/context';
import { html, Html } from '../html/layout';
import { currentMapDrawing } from '../../features/map/map-drawing-cache';
import { choicesOf, notice, selectField, staffPage, table, stackedRow, textField } from '../html/view';
import { splicedPage } from '../html/spliced-page';
import { mapLegend, mapSvg, type MapDrawingWords } from './map-svg';

const shownDate = (date: Date) => brusselsLocal(date.getTime()).replace('T', ' ');

/** The relations of the map as rows (the table beside the drawing, for screen readers and for reading). */
export function relationTable(
  view: MapView,
  words: MapDrawingWords & {
    tableCaption: string;
    from_: string;
    relation: string;
    to_: string;
    since: string;
    until: string;
    change: string;
  },
  leverLabel: (key: string) => string,
  withDates = true,
): Html {
  const nodes = new Map(view.nodes.map((n) => [n.id, n]));
  const name = (id: string) => {
    const n = nodes.get(id);
    if (!n) return id;
    return n.kind === 'lever' ? leverLabel(n.label) : n.label;
  };
  const changed = view.edges.some((e) => e.change);
  const columns = [
    words.from_,
    words.relation,
    words.to_,
    ...(withDates ? [words.since, words.until] : []),
    ...(changed ? [words.change] : []),
  ];
  const rows = view.edges.map((e) =>
    stackedRow(columns, [
      name(e.source),
      words.relations[e.kind],
      name(e.target),
      ...(withDates ? [shownDate(new Date(e.begin)), e.end ? shownDate(new Date(e.end)) : ''] : []),
      ...(changed ? [e.change === 'appeared' ? words.appeared : e.change === 'ended' ? words.ended : ''] : []),
    ]),
  );
  return html`<h2 id="map-table">${words.tableCaption}</h2>${table(columns, rows, { stack: true })}`;
}

/** Nodes with no relation on the date (a partner not yet in anything): listed so none is only in the drawing. */
export function looseNodes(
  view: MapView,
  words: { kinds: Record<ViewNode['kind'], string>; loose: string; partnersCount: (n: number) => string },
  leverLabel: (key: string) => string,
): Html {
  const linked = new Set(view.edges.flatMap((e) => [e.source, e.target]));
  const loose = view.nodes.filter((n) => !linked.has(n.id) && n.kind !== 'lever');
  if (!loose.length) return html``;
  return html`<h2>${words.loose}</h2>
    <ul>
      ${loose.map(
        (n) =>
          html`<li>${words.kinds[n.kind]}: ${n.kind === 'lever' ? leverLabel(n.label) : n.label}${n.count !== undefined ? ` (${words.partnersCount(n.count)})` : ''}</li>`,
      )}
    </ul>`;
}

/**
 * The drawing of a map view and what goes with it (the relations as a table, the loose nodes, the
 * suggested clusters): the page's costly part, the same for every reader of one language and filter.
 */
function drawing(ctx: PageContext, found: MapView, raw: Record<string, string | undefined>): Html {
  const { w } = ctx;
  const m = w.map;
  // A sector group is named in the reader's language.
  const view = {
    ...found,
    nodes: found.nodes.map((n) => (n.kind === 'sector' && n.sector ? { ...n, label: w.sectors[n.sector] } : n)),
  };
  const leverLabel = (key: string) => leverLabels[ctx.lang][key as (typeof levers.keys)[number]] ?? key;
  const kinds: ViewNode['kind'][] = [
    'partner',
    'project',
    'initiative',
    'meeting',
    'lever',
    ...(view.detail === 'grouped' ? (['sector'] as const) : []),
  ];
  const relations = [...new Set(view.edges.map((e) => e.kind))] as MapEdgeKind[];
  const dated = view.from && view.to ? {} : { at: raw.at };
  const exportLink = (path: string, text: string) =>
    html`<a href="${withQuery(path, { ...dated, sector: raw.sector, actorType: raw.actorType, lever: raw.lever })}">${text}</a>`;
  const clusters = view.clusters.length
    ? html`<ol>
        ${view.clusters.map(
          (c) =>
            html`<li>
              ${c.partners.map((p) => p.name).join(', ')}
              <span class="muted">(${c.sectors.map((s) => w.sectors[s]).join(', ')})</span>
              <a href="/staff/meetings?partnerIds=${encodeURIComponent(c.partners.map((p) => p.id).join(','))}#plan">${m.planMeeting}</a>
            </li>`,
        )}
      </ol>`
    : html`<p class="muted">${m.noClusters}</p>`;
  const svgTitle = m.svgTitle(shownDate(view.at));
  return html`${view.beforePact ? notice(view.began ? m.beforePact(shownDate(view.began)) : m.empty, 'notice') : ''}
    ${view.detail === 'grouped' ? notice(m.grouped(detailLimit), 'notice') : ''}
    ${view.unplaced ? html`<p class="muted">${m.unplaced(view.unplaced)}</p>` : ''}
    <div class="map-layout">
      <div>
        ${mapSvg(view, m, { title: svgTitle, description: m.intro, leverLabel })}
        ${mapLegend(m, kinds, relations, Boolean(view.from && view.to))}
        <p>${m.exports}: ${exportLink('/api/map', m.exportJson)} · ${exportLink('/api/map.gexf', m.exportGexf)} ·
          ${exportLink('/api/map.graphml', m.exportGraphml)}</p>
      </div>
      <div class="map-table">${relationTable(view, m, leverLabel)} ${looseNodes(view, m, leverLabel)}</div>
    </div>
    <section aria-labelledby="clusters"><h2 id="clusters">${m.clusters}</h2><p>${m.clustersIntro}</p>${clusters}</section>`;
}

/** The page around a drawing: the filters, the heading with the date or dates shown, the notices. */
function render(
  ctx: PageContext,
  shown: { at: Date; from?: Date; to?: Date },
  drawn: Html,
  raw: Record<string, string | undefined>,
  problems: string[],
): string {
  const { w } = ctx;
  const m = w.map;
  const leverLabel = (key: string) => leverLabels[ctx.lang][key as (typeof levers.keys)[number]] ?? key;
  const heading =
    shown.from && shown.to ? m.between(shownDate(shown.from), shownDate(shown.to)) : m.at(shownDate(shown.at));
  const filters = html`<form class="map-filters" method="get" action="/staff/map" aria-label="${m.filters}">
    <div>${textField({ id: 'at', label: m.date, value: raw.at ?? '' })}</div>
    <div>${textField({ id: 'from', label: m.from, value: raw.from ?? '' })}</div>
    <div>${textField({ id: 'to', label: m.to, value: raw.to ?? '' })}</div>
    <div>${selectField({ id: 'sector', label: m.sector, choices: choicesOf(w.sectors), blank: m.any, value: raw.sector ?? '' })}</div>
    <div>${selectField({ id: 'actorType', label: m.actorType, choices: choicesOf(w.actorTypes), blank: m.any, value: raw.actorType ?? '' })}</div>
    <div>${selectField({ id: 'lever', label: m.lever, choices: levers.keys.map((k) => [k, leverLabel(k)]), blank: m.any, value: raw.lever ?? '' })}</div>
    <div><button type="submit">${m.show}</button></div>
  </form>`;
  const body = html`<h1>${m.title}</h1>
    <p>${m.intro}</p>
    ${problems.map((p) => notice(p, 'notice'))}
    ${filters}
    <h2>${heading}</h2>
    ${drawn}`;
  return staffPage(ctx, { title: m.title, body, active: 'map' });
}

/** Where the cached drawing goes into the page of the map of now (user input is escaped: it cannot hold this). */
const drawingSlot = new Html('<!--map-drawing-->');

/**
 * `/staff/map[?at=][&from=&to=][&sector=&actorType=&lever=]`: the pact on a date, or what changed
 * between two, drawn from the latest background layout. A malformed date or unknown filter is ignored
 * with a notice.
 */
export function mapPage(app: FastifyInstance, deps: AppDeps): void {
  app.get('/staff/map', async (request, reply) => {
    const ctx = pageContext(request, reply);
    const raw = request.query as Record<string, string | undefined>;
    const { query, problems } = readMapQuery(raw);
    const clean = Object.fromEntries(
      Object.entries(raw).filter(([k]) => !problems.some((p) => p.field === k)),
    ) as Record<string, string | undefined>;
    const notices = problems.map((p) => ctx.w.map.ignored(p.field, p.message));
    // The map now (no date asked) is what staff open; it is drawn once per filter and data version.
    if (!query.at && !query.from && !query.to) {
      const drawn = await currentMapDrawing(deps.db, ctx.lang, query, () =>
        staffMapView(deps.db, query).then((view) => drawing(ctx, view, clean).value),
      );
      const page = render(ctx, { at: new Date() }, drawingSlot, clean, notices);
      return reply.type('text/html; charset=utf-8').send(splicedPage(page, drawingSlot, drawn));
    }
    const view = await staffMapView(deps.db, query);
    const page = render(ctx, view, drawing(ctx, view, clean), clean, notices);
    return reply.type('text/html; charset=utf-8').send(page);
  });
}
