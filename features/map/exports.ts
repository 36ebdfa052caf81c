import type { Db } from '../../db/connection';
import {
  graphAt,
  type MapEdge,
  type MapGraph,
  type MapNode,
  pactBegan,
  readPactHistory,
} from '../../db/map/pact-graph';
import { brusselsLocal } from '../../domain/brussels-time';
import { filterGraph } from './map-view';
import type { MapQuery } from './map-query';

/** The staff export's graph: the pact at the date asked (else now), filtered like the map. */
export async function exportGraph(db: Db, query: MapQuery, now = new Date()): Promise<{ at: Date; graph: MapGraph }> {
  const at = query.at ?? now;
  const history = await readPactHistory(db);
  const began = pactBegan(history);
  // Before the pact began there was nothing, not even its levers.
  if (!began || at < began) return { at, graph: { nodes: [], edges: [] } };
  return { at, graph: filterGraph(graphAt(history, at), query) };
}

/** `pact-map-2027-03-31T23-59.gexf`: the file's name carries the date it shows. */
export const exportFileName = (at: Date, extension: string) =>
  `pact-map-${brusselsLocal(at.getTime()).replace(':', '-')}.${extension}`;

const xml = (text: string) =>
  text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' })[c]!);

/** The node's attributes written in every format: its kind, and a partner's sector and actor type. */
const nodeAttributes = (n: MapNode): [string, string][] => [
  ['kind', n.kind],
  ...(n.sector ? ([['sector', n.sector]] as [string, string][]) : []),
  ...(n.actorType ? ([['actor_type', n.actorType]] as [string, string][]) : []),
];

/** Written in chunks of this many nodes or edges: the file is streamed, never held whole. */
const chunk = 500;

function* inChunks<T>(items: T[], write: (item: T) => string): Generator<string> {
  for (let i = 0; i < items.length; i += chunk)
    yield items
      .slice(i, i + chunk)
      .map(write)
      .join('');
}

/** `GET /api/map`: `{at, nodes, edges}`, each edge with its begin and end, written piece by piece. */
export function* mapJson(at: Date, graph: MapGraph): Generator<string> {
  yield `{"at":${JSON.stringify(at.toISOString())},"nodes":[`;
  let first = true;
  const item = (value: unknown) => {
    const text = `${first ? '' : ','}${JSON.stringify(value)}`;
    first = false;
    return text;
  };
  yield* inChunks(graph.nodes, item);
  yield '],"edges":[';
  first = true;
  yield* inChunks(graph.edges, (e: MapEdge) => item(e));
  yield ']}\n';
}

/** GEXF 1.3 for Gephi: a dynamic graph, each node and edge with its start and (where it ended) its end. */
export function* mapGexf(at: Date, graph: MapGraph): Generator<string> {
  const span = (item: { begin: string | null; end: string | null }) =>
    `${item.begin ? ` start="${item.begin}"` : ''}${item.end ? ` end="${item.end}"` : ''}`;
  yield `<?xml version="1.0" encoding="UTF-8"?>
<gexf xmlns="http://gexf.net/1.3" version="1.3">
  <meta lastmodifieddate="${at.toISOString().slice(0, 10)}"><creator>Integratiepact</creator><description>The pact on ${xml(at.toISOString())}</description></meta>
  <graph defaultedgetype="directed" mode="dynamic" timeformat="dateTime" timerepresentation="interval">
    <attributes class="node"><attribute id="kind" title="kind" type="string"/><attribute id="sector" title="sector" type="string"/><attribute id="actor_type" title="actor type" type="string"/></attributes>
    <attributes class="edge"><attribute id="kind" title="kind" type="string"/></attributes>
    <nodes>
`;
  yield* inChunks(
    graph.nodes,
    (n) =>
      `      <node id="${xml(n.id)}" label="${xml(n.label)}"${span(n)}><attvalues>${nodeAttributes(n)
        .map(([k, v]) => `<attvalue for="${k}" value="${xml(v)}"/>`)
        .join('')}</attvalues></node>\n`,
  );
  yield '    </nodes>\n    <edges>\n';
  yield* inChunks(
    graph.edges,
    (e) =>
      `      <edge id="${xml(e.id)}" source="${xml(e.source)}" target="${xml(e.target)}" label="${e.kind}"${span(e)}><attvalues><attvalue for="kind" value="${e.kind}"/></attvalues></edge>\n`,
  );
  yield '    </edges>\n  </graph>\n</gexf>\n';
}

/** GraphML for Kumu, yEd and Gephi: begin and end as data of each node and edge. */
export function* mapGraphml(at: Date, graph: MapGraph): Generator<string> {
  const data = (pairs: [string, string | null][]) =>
    pairs
      .filter((p): p is [string, string] => p[1] !== null)
      .map(([k, v]) => `<data key="${k}">${xml(v)}</data>`)
      .join('');
  yield `<?xml version="1.0" encoding="UTF-8"?>
<graphml xmlns="http://graphml.graphdrawing.org/xmlns">
  <!-- The pact on ${at.toISOString()} -->
  <key id="label" for="node" attr.name="label" attr.type="string"/>
  <key id="kind" for="all" attr.name="kind" attr.type="string"/>
  <key id="sector" for="node" attr.name="sector" attr.type="string"/>
  <key id="actor_type" for="node" attr.name="actor_type" attr.type="string"/>
  <key id="begin" for="all" attr.name="begin" attr.type="string"/>
  <key id="end" for="all" attr.name="end" attr.type="string"/>
  <graph id="pact" edgedefault="directed">
`;
  yield* inChunks(
    graph.nodes,
    (n) =>
      `    <node id="${xml(n.id)}">${data([['label', n.label], ...nodeAttributes(n), ['begin', n.begin], ['end', n.end]])}</node>\n`,
  );
  yield* inChunks(
    graph.edges,
    (e) =>
      `    <edge id="${xml(e.id)}" source="${xml(e.source)}" target="${xml(e.target)}">${data([
        ['kind', e.kind],
        ['begin', e.begin],
        ['end', e.end],
      ])}</edge>\n`,
  );
  yield '  </graph>\n</graphml>\n';
}
