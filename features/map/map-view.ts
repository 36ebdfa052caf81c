import type { Db } from '../../db/connection';
import { provisionalPosition, readPositions, type Position } from '../../db/map/layout';
import {
  graphAt,
  type MapEdge,
  type MapEdgeKind,
  type MapGraph,
  type MapNode,
  type MapNodeKind,
  pactBegan,
  readPactHistory,
} from '../../db/map/pact-graph';
import { formalisedStages } from '../../domain/public-listing';
import { publicPartnerCount } from '../public/partner-count';
import { sectors, type Sector } from '../../domain/vocabulary';
import { type Cluster, suggestClusters } from './clusters';
import type { MapQuery } from './map-query';

/** Above this many partners on a map, only those in projects are drawn one by one; the rest per sector. */
export const detailLimit = 150;

export type Change = 'appeared' | 'ended';

export interface ViewNode {
  id: string;
  kind: MapNodeKind | 'sector';
  label: string;
  x: number;
  y: number;
  /** False: the background layout has not placed it yet; drawn near its neighbours meanwhile. */
  placed: boolean;
  sector?: Sector;
  begin: string | null;
  end: string | null;
  change?: Change;
  /** A sector group's partners, or (public map) a project's or lever's partners when at least 3. */
  count?: number;
}

export interface ViewEdge {
  kind: MapEdgeKind;
  source: string;
  target: string;
  begin: string;
  end: string | null;
  change?: Change;
}

export interface MapView {
  at: Date;
  from?: Date;
  to?: Date;
  /** When the pact began (its first partner); undefined while it has none. */
  began?: Date;
  /** The date asked is before the pact began: the map is empty. */
  beforePact: boolean;
  /** `all`: every partner drawn; `grouped`: those in projects, the others per sector. */
  detail: 'all' | 'grouped';
  nodes: ViewNode[];
  edges: ViewEdge[];
  /** Nodes drawn where the layout has not placed them yet. */
  unplaced: number;
  clusters: Cluster[];
}

const byId = (graph: MapGraph) => new Map(graph.nodes.map((n) => [n.id, n]));

/** The graph the filters keep: partners of the sector / actor type / lever asked, and what links to them. */
export function filterGraph(graph: MapGraph, query: MapQuery): MapGraph {
  if (!query.sector && !query.actorType && !query.lever) return graph;
  const nodes = byId(graph);
  const leverId = query.lever ? `lever:${query.lever}` : undefined;
  const onLever = new Set<string>();
  if (leverId) for (const e of graph.edges) if (e.target === leverId) onLever.add(e.source);
  // A partner in a project on the lever works on it too.
  const inLeverProjects = new Set(
    graph.edges.filter((e) => e.kind === 'takes_part_in' && onLever.has(e.target)).map((e) => e.source),
  );
  const partnerKept = (n: MapNode) =>
    (!query.sector || n.sector === query.sector) &&
    (!query.actorType || n.actorType === query.actorType) &&
    (!leverId || onLever.has(n.id) || inLeverProjects.has(n.id));
  const kept = new Set<string>();
  for (const n of graph.nodes) if (n.kind === 'partner' && partnerKept(n)) kept.add(n.id);
  for (const e of graph.edges)
    if (kept.has(e.source) && nodes.get(e.target)?.kind !== 'partner' && nodes.get(e.target)?.kind !== 'lever')
      kept.add(e.target);
  if (leverId) for (const id of onLever) if (nodes.get(id)?.kind !== 'partner') kept.add(id);
  for (const n of graph.nodes) if (n.kind === 'lever' && (!leverId || n.id === leverId)) kept.add(n.id);
  return {
    nodes: graph.nodes.filter((n) => kept.has(n.id)),
    edges: graph.edges.filter((e) => kept.has(e.source) && kept.has(e.target)),
  };
}

/** What is drawn one by one when there are too many partners: partners in projects; the rest per sector. */
function groupPartners(graph: MapGraph): { graph: MapGraph; groups: Map<Sector, string[]> } {
  const partners = graph.nodes.filter((n) => n.kind === 'partner');
  const groups = new Map<Sector, string[]>();
  if (partners.length <= detailLimit) return { graph, groups };
  const inProjects = new Set(graph.edges.filter((e) => e.kind === 'takes_part_in').map((e) => e.source));
  for (const p of partners) if (!inProjects.has(p.id)) append(groups, p.sector!, p.id);
  const grouped = new Set([...groups.values()].flat());
  // Meetings and initiatives are reached through the partners drawn; alone they would only clutter.
  const reached = new Set<string>();
  for (const e of graph.edges) if (!grouped.has(e.source)) reached.add(e.target);
  const nodes = graph.nodes.filter(
    (n) =>
      !grouped.has(n.id) && (n.kind === 'partner' || n.kind === 'lever' || n.kind === 'project' || reached.has(n.id)),
  );
  const shown = new Set(nodes.map((n) => n.id));
  return { graph: { nodes, edges: graph.edges.filter((e) => shown.has(e.source) && shown.has(e.target)) }, groups };
}

function place(nodes: MapNode[], edges: MapEdge[], positions: Map<string, Position>) {
  const neighbours = new Map<string, string[]>();
  for (const e of edges) {
    append(neighbours, e.source, e.target);
    append(neighbours, e.target, e.source);
  }
  return (node: MapNode): Pick<ViewNode, 'x' | 'y' | 'placed'> => {
    const at = positions.get(node.id);
    if (at) return { ...at, placed: true };
    return { ...provisionalPosition(node.id, neighbours.get(node.id) ?? [], positions), placed: false };
  };
}

const viewNode = (n: MapNode, where: Pick<ViewNode, 'x' | 'y' | 'placed'>, change?: Change): ViewNode => ({
  id: n.id,
  kind: n.kind,
  label: n.label,
  ...where,
  ...(n.sector ? { sector: n.sector } : {}),
  begin: n.begin,
  end: n.end,
  ...(change ? { change } : {}),
});

/** The staff map: the pact at a date (or what changed between two), filtered, laid out, with its clusters. */
export async function staffMapView(db: Db, query: MapQuery, now = new Date()): Promise<MapView> {
  const [history, positions] = await Promise.all([readPactHistory(db), readPositions(db)]);
  const at = query.to ?? query.at ?? now;
  const began = pactBegan(history);
  const beforePact = !began || at < began;
  const current = filterGraph(graphAt(history, at), query);
  let shown = current;
  const changeOf = new Map<string, Change>();
  if (query.from && query.to) {
    const before = filterGraph(graphAt(history, query.from), query);
    const nowIds = new Set([...current.nodes.map((n) => n.id), ...current.edges.map((e) => e.id)]);
    const thenIds = new Set([...before.nodes.map((n) => n.id), ...before.edges.map((e) => e.id)]);
    for (const id of nowIds) if (!thenIds.has(id)) changeOf.set(id, 'appeared');
    for (const id of thenIds) if (!nowIds.has(id)) changeOf.set(id, 'ended');
    shown = {
      nodes: [...current.nodes, ...before.nodes.filter((n) => changeOf.get(n.id) === 'ended')],
      edges: [...current.edges, ...before.edges.filter((e) => changeOf.get(e.id) === 'ended')],
    };
  }
  if (beforePact && !(query.from && query.to)) shown = { nodes: [], edges: [] };
  const { graph, groups } = groupPartners(shown);
  const where = place(graph.nodes, graph.edges, positions);
  const nodes = graph.nodes.map((n) => viewNode(n, where(n), changeOf.get(n.id)));
  for (const [sector, members] of groups) {
    const points = members.map((id) => positions.get(id)).filter((p): p is Position => p !== undefined);
    const centre = points.length
      ? points.reduce((s, p) => ({ x: s.x + p.x / points.length, y: s.y + p.y / points.length }), { x: 0, y: 0 })
      : provisionalPosition(`sector:${sector}`, [], positions);
    nodes.push({
      id: `sector:${sector}`,
      kind: 'sector',
      label: sectors.labels[sector],
      sector,
      ...centre,
      placed: points.length > 0,
      begin: null,
      end: null,
      count: members.length,
    });
  }
  const edges = graph.edges.map((e) => ({
    kind: e.kind,
    source: e.source,
    target: e.target,
    begin: e.begin,
    end: e.end,
    ...(changeOf.has(e.id) ? { change: changeOf.get(e.id)! } : {}),
  }));
  return {
    at,
    ...(query.from && query.to ? { from: query.from, to: query.to } : {}),
    ...(began ? { began } : {}),
    beforePact,
    detail: groups.size ? 'grouped' : 'all',
    nodes,
    edges,
    unplaced: nodes.filter((n) => !n.placed).length,
    clusters: suggestClusters(current),
  };
}

/**
 * The public map (`/pact/map`), now: only formalised partners that consent to be listed, the projects
 * they take part in, and the levers; a project's or lever's number of partners by the public count rule
 * (features/public/partner-count.ts): listed partners only, shown from `minPartners` on.
 */
export async function publicMapView(db: Db, minPartners: number, now = new Date()): Promise<MapView> {
  const [history, positions] = await Promise.all([readPactHistory(db), readPositions(db)]);
  const graph = graphAt(history, now);
  const nodes = byId(graph);
  const listed = (id: string) => {
    const n = nodes.get(id);
    return n?.kind === 'partner' && n.publicListing === true && formalisedStages.includes(n.stage!);
  };
  const partnerEdges = graph.edges.filter(
    (e) =>
      (e.kind === 'takes_part_in' || e.kind === 'works_on') &&
      listed(e.source) &&
      nodes.get(e.target)?.kind !== 'partner',
  );
  const publicProjects = new Set(
    partnerEdges
      .filter((e) => e.kind === 'takes_part_in' && nodes.get(e.target)?.status !== 'cancelled')
      .map((e) => e.target),
  );
  const keep = (n: MapNode) => listed(n.id) || n.kind === 'lever' || publicProjects.has(n.id);
  const kept = graph.nodes.filter(keep);
  const keptIds = new Set(kept.map((n) => n.id));
  const edges = [
    ...partnerEdges,
    ...graph.edges.filter((e) => publicProjects.has(e.source) && e.kind === 'works_on'),
  ].filter((e) => keptIds.has(e.source) && keptIds.has(e.target));
  const partnersOf = new Map<string, string[]>();
  for (const e of partnerEdges) append(partnersOf, e.target, e.source);
  const where = place(kept, edges, positions);
  const viewNodes = kept.map((n) => {
    const count = publicPartnerCount(partnersOf.get(n.id) ?? [], listed, minPartners);
    return {
      ...viewNode(n, where(n)),
      // The public map tells no partner's sector but through its name.
      ...(n.kind !== 'partner' && count !== undefined ? { count } : {}),
    };
  });
  return {
    at: now,
    beforePact: false,
    detail: 'all',
    nodes: viewNodes,
    edges: edges.map((e) => ({ kind: e.kind, source: e.source, target: e.target, begin: e.begin, end: e.end })),
    unplaced: viewNodes.filter((n) => !n.placed).length,
    clusters: [],
  };
}

/** Adds `value` to the list under `key` (in place: a list per key grows without copying). */
function append<K, V>(lists: Map<K, V[]>, key: K, value: V): void {
  const list = lists.get(key);
  if (list) list.push(value);
  else lists.set(key, [value]);
}
