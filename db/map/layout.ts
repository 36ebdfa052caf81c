import Graph from 'graphology';
import forceAtlas2 from 'graphology-layout-forceatlas2';
import { sql } from 'kysely';
import type { Db } from '../connection';
import { levers } from '../../domain/vocabulary';
import { type MapGraph, nodeId, readPactHistory } from './pact-graph';

export interface Position {
  x: number;
  y: number;
}

/** What one refresh of the layout did: how many nodes it placed, of how many. */
export interface LayoutRefresh {
  placed: number;
  total: number;
  /** Another process held the layout's lock: this one did nothing. */
  skipped?: boolean;
}

/**
 * The six levers are the map's landmarks: on a ring, in the vocabulary's order clockwise from the
 * top, so they never pile up in the middle (every partner, project and initiative pulls on them) and
 * stay where staff learnt to look for them. The layout places everything else among them, pinned.
 * The ring grows with the pact as the cloud of nodes ForceAtlas2 makes does (its radius is about
 * 6.6 √n for n nodes with the settings of `placeNewNodes`), so the levers stay around it and apart;
 * up to 73 nodes (the demo pact has 46) it stays at 60, around the cloud of a small pact.
 */
export function leverPositions(nodes: number): Map<string, Position> {
  const radius = Math.max(60, 7 * Math.sqrt(nodes));
  return new Map(
    levers.keys.map((lever, i) => {
      const angle = -Math.PI / 2 + (i * 2 * Math.PI) / levers.keys.length;
      return [nodeId('lever', lever), { x: Math.cos(angle) * radius, y: Math.sin(angle) * radius }];
    }),
  );
}

const isLever = (id: string) => id.startsWith(nodeId('lever', ''));

/**
 * Every node's position: the others' as the last refresh stored them, and the levers' on their ring
 * for that many (a lever's row from before the ring is not read).
 */
export async function readPositions(db: Db): Promise<Map<string, Position>> {
  const rows = await db.selectFrom('map_positions').select(['node_id', 'x', 'y']).execute();
  const others = rows.filter((r) => !isLever(r.node_id));
  return new Map([...others.map((r) => [r.node_id, { x: r.x, y: r.y }] as const), ...leverPositions(others.length)]);
}

/** A number in [0, 1) from a node's id: the same node starts in the same place on every run. */
function unitHash(text: string, salt: number): number {
  let h = 2166136261 ^ salt;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 16777619);
  return ((h >>> 0) % 100_000) / 100_000;
}

/**
 * Where a node without a position goes: near the mean of its placed neighbours, or on a ring by its
 * id's hash when it has none. The layout starts new nodes there; a page shows an unplaced node there.
 */
export function provisionalPosition(
  id: string,
  neighbours: Iterable<string>,
  placed: ReadonlyMap<string, Position>,
): Position {
  const near = [...neighbours].map((n) => placed.get(n)).filter((p): p is Position => p !== undefined);
  const angle = unitHash(id, 1) * 2 * Math.PI;
  if (near.length === 0) {
    const radius = 80 + unitHash(id, 2) * 40;
    return { x: Math.cos(angle) * radius, y: Math.sin(angle) * radius };
  }
  const mean = near.reduce((s, p) => ({ x: s.x + p.x / near.length, y: s.y + p.y / near.length }), { x: 0, y: 0 });
  return { x: mean.x + Math.cos(angle) * 6, y: mean.y + Math.sin(angle) * 6 };
}

/** The history's nodes and edges as one undirected graph (an edge per pair, whatever its kinds and dates). */
export function historyGraph(history: MapGraph): Graph {
  const graph = new Graph({ type: 'undirected', multi: false, allowSelfLoops: false });
  for (const node of history.nodes) graph.mergeNode(node.id);
  for (const edge of history.edges)
    if (graph.hasNode(edge.source) && graph.hasNode(edge.target) && edge.source !== edge.target)
      graph.mergeEdge(edge.source, edge.target);
  return graph;
}

/**
 * Where the history's nodes without a position go, by ForceAtlas2 with the placed ones pinned (a node
 * keeps its place, so two dates compare by eye; the levers are always placed, on their ring). Pure:
 * the same history and positions give the same places.
 */
export function placeNewNodes(history: MapGraph, placed: ReadonlyMap<string, Position>): Map<string, Position> {
  const graph = historyGraph(history);
  const fresh = graph.filterNodes((node) => !placed.has(node));
  if (fresh.length === 0) return new Map();
  graph.forEachNode((node) => {
    const at = placed.get(node);
    if (at) graph.mergeNodeAttributes(node, { x: at.x, y: at.y, fixed: true });
  });
  // New nodes start near their placed neighbours (those placed a moment ago count too).
  const known = new Map(placed);
  for (const node of fresh) {
    const start = provisionalPosition(node, graph.neighbors(node), known);
    known.set(node, start);
    graph.mergeNodeAttributes(node, start);
  }
  const settings = {
    ...forceAtlas2.inferSettings(graph),
    barnesHutOptimize: graph.order > 500,
    // A bit of gravity keeps islands (a partner with no relation yet) from drifting off.
    gravity: 1,
  };
  const iterations = graph.order > 5000 ? 60 : graph.order > 1000 ? 150 : 300;
  forceAtlas2.assign(graph, { iterations, settings });
  return new Map(
    fresh.map((node) => {
      const { x, y } = graph.getNodeAttributes(node) as Position;
      return [node, { x: Number.isFinite(x) ? x : 0, y: Number.isFinite(y) ? y : 0 }];
    }),
  );
}

/** How a refresh computes new places: `placeNewNodes` here, or the same in another thread (the worker's). */
export type NodePlacer = (
  history: MapGraph,
  placed: ReadonlyMap<string, Position>,
) => Map<string, Position> | Promise<Map<string, Position>>;

/**
 * Places the nodes of the pact's history that have no position yet (`placeNewNodes`) and stores
 * their positions. Nothing new: nothing is computed and the stored layout stays as it is. Run in the
 * background by the worker (worker/map-layout.ts), never in a request; one process at a time (a
 * transaction-scoped advisory lock).
 */
export async function refreshMapLayout(db: Db, place: NodePlacer = placeNewNodes): Promise<LayoutRefresh> {
  return db.transaction().execute(async (tx) => {
    const { rows } = await sql<{
      locked: boolean;
    }>`select pg_try_advisory_xact_lock(hashtext('map-layout')) as locked`.execute(tx);
    if (!rows[0]?.locked) return { placed: 0, total: 0, skipped: true };
    const history = await readPactHistory(tx);
    // The levers where they will be once the new nodes are stored: the new nodes are placed among them.
    const stored = await readPositions(tx);
    const placed = new Map([...stored, ...leverPositions(history.nodes.filter((n) => n.kind !== 'lever').length)]);
    const fresh = await place(history, placed);
    const values = [...fresh].map(([node, { x, y }]) => ({ node_id: node, x, y }));
    for (let i = 0; i < values.length; i += 1000)
      await tx
        .insertInto('map_positions')
        .values(values.slice(i, i + 1000))
        .onConflict((oc) => oc.column('node_id').doNothing())
        .execute();
    return { placed: fresh.size, total: history.nodes.length };
  });
}
