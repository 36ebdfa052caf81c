import Graph from 'graphology';
import louvain from 'graphology-communities-louvain';
import type { MapGraph } from '../../db/map/pact-graph';
import type { Sector } from '../../domain/vocabulary';

/** A group of partners that work together (shared projects, meetings, initiatives) across sectors. */
export interface Cluster {
  partners: { id: string; name: string; sector: Sector }[];
  sectors: Sector[];
}

/** A fixed seed: the same graph suggests the same clusters on every page view. */
function seeded(seed: number): () => number {
  let state = seed;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

/**
 * Louvain communities of the partners, linked by what they share on the map's date (each shared
 * project, attended meeting or initiative adds one to their link's weight). Only clusters of partners
 * from two sectors or more are suggested: the network did not name those. Largest first.
 */
export function suggestClusters(graph: MapGraph, limit = 8): Cluster[] {
  const partners = new Map(graph.nodes.filter((n) => n.kind === 'partner').map((n) => [n.id, n]));
  const members = new Map<string, string[]>();
  for (const e of graph.edges)
    if (
      (e.kind === 'takes_part_in' || e.kind === 'attended' || e.kind === 'proposes' || e.kind === 'supports') &&
      partners.has(e.source)
    )
      append(members, e.target, e.source);
  const shared = new Graph({ type: 'undirected' });
  for (const group of members.values())
    for (let i = 0; i < group.length; i++)
      for (let j = i + 1; j < group.length; j++) {
        const [a, b] = [group[i]!, group[j]!];
        if (a === b) continue;
        shared.mergeNode(a);
        shared.mergeNode(b);
        shared.updateEdge(a, b, (attr: { weight?: number }) => ({ weight: (attr.weight ?? 0) + 1 }));
      }
  if (shared.size === 0) return [];
  const communities = louvain(shared, { getEdgeWeight: 'weight', rng: seeded(26) });
  const byCommunity = new Map<number, string[]>();
  for (const [node, community] of Object.entries(communities)) append(byCommunity, community, node);
  return [...byCommunity.values()]
    .map((ids) => {
      const list = ids
        .map((id) => partners.get(id)!)
        .sort((a, b) => a.label.localeCompare(b.label))
        .map((p) => ({ id: p.id.slice('partner:'.length), name: p.label, sector: p.sector! }));
      return { partners: list, sectors: [...new Set(list.map((p) => p.sector))].sort() };
    })
    .filter((c) => c.partners.length >= 2 && c.sectors.length >= 2)
    .sort((a, b) => b.partners.length - a.partners.length || a.partners[0]!.name.localeCompare(b.partners[0]!.name))
    .slice(0, limit);
}

/** Adds `value` to the list under `key` (in place: a list per key grows without copying). */
function append<K, V>(lists: Map<K, V[]>, key: K, value: V): void {
  const list = lists.get(key);
  if (list) list.push(value);
  else lists.set(key, [value]);
}
