import Graph from 'graphology';
import forceAtlas2 from 'graphology-layout-forceatlas2';
import { sql } from 'kysely';
import type { Db } from '../connection';
import { type MapGraph, readPactHistory } from './pact-graph';

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

/** Every node's position, as the last refresh left them. */
export async function readPositions(db: Db): Promise<Map<string, Position>> {
  const rows = await db.selectFrom('map_positions').select(['node_id', 'x', 'y']).execute();
  return new Map(rows.map((r) => [r.node_id, { x: r.x, y: r.y }]));
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
 * Places the nodes of the pact's history that have no position yet, with ForceAtlas2, the placed
 * ones pinned (a node keeps its place, so two dates compare by eye). Nothing new: nothing is computed
 * and the stored layout stays as it is. Run in the background by the worker (worker/map-layout.ts),
 * never in a request; one process at a time (a transaction-scoped advisory lock).
 */
export async function refreshMapLayout(db: Db): Promise<LayoutRefresh> {
  return db.transaction().execute(async (tx) => {
    const { rows } = await sql<{
      locked: boolean;
    }>`select pg_try_advisory_xact_lock(hashtext('map-layout')) as locked`.execute(tx);
    if (!rows[0]?.locked) return { placed: 0, total: 0, skipped: true };
    const history = await readPactHistory(tx);
    const placed = await readPositions(tx);
    const graph = historyGraph(history);
    const fresh = graph.filterNodes((node) => !placed.has(node));
    if (fresh.length === 0) return { placed: 0, total: graph.order };

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

    const values = fresh.map((node) => {
      const { x, y } = graph.getNodeAttributes(node) as Position;
      return { node_id: node, x: Number.isFinite(x) ? x : 0, y: Number.isFinite(y) ? y : 0 };
    });
    for (let i = 0; i < values.length; i += 1000)
      await tx
        .insertInto('map_positions')
        .values(values.slice(i, i + 1000))
        .onConflict((oc) => oc.column('node_id').doNothing())
        .execute();
    return { placed: fresh.length, total: graph.order };
  });
}
