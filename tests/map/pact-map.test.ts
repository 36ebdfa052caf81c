import { XMLParser } from 'fast-xml-parser';
import { placeNewNodes, readPositions, refreshMapLayout } from '../../db/map/layout';
import { readPactHistory } from '../../db/map/pact-graph';
import { placeInThread } from '../../worker/map-layout';
import { readJson } from '../support/http';
import { startTestSystem, type TestSystem } from '../support/test-system';
import { A, B, C, D, E, I1, M1, P1, writeMapHistory } from '../support/map-history';

/**
 * The map of the pact (issue 26) from a known history written into the tables with its dates: the
 * graph at two dates is the one drawn up by hand below, an ended membership is gone after its end,
 * the GEXF export reads back with another parser into the same graph, the public map shows no
 * partner that did not consent, and the background layout is reused until the graph changes.
 */
let system: TestSystem;
beforeAll(async () => {
  system = await startTestSystem();
  await writeMapHistory(system.db);
});
afterAll(() => system?.stop());

const p = (id: string) => `partner:${id}`;
const leverNodes = ['agency', 'trust', 'fundamental_rights', 'redistribution', 'added_value', 'quality_of_life'].map(
  (l) => `lever:${l}`,
);
const t = (date: string) => new Date(date).toISOString();

/** The pact on 28 February 2027, drawn up by hand from the history above. */
const onFebruary28 = {
  nodes: [...leverNodes, p(A), p(B), p(C), p(D), p(E), `project:${P1}`, `initiative:${I1}`, `meeting:${M1}`].sort(),
  edges: [
    `brought_in ${p(A)} ${p(C)} ${t('2026-02-01T09:00:00Z')} -`,
    `works_on project:${P1} lever:agency ${t('2026-02-10T09:00:00Z')} -`,
    `works_on initiative:${I1} lever:trust ${t('2026-02-20T09:00:00Z')} -`,
    `takes_part_in ${p(A)} project:${P1} ${t('2026-02-15T09:00:00Z')} -`,
    `takes_part_in ${p(B)} project:${P1} ${t('2026-02-16T09:00:00Z')} ${t('2026-03-20T09:00:00Z')}`,
    `takes_part_in ${p(D)} project:${P1} ${t('2026-02-17T09:00:00Z')} -`,
    `takes_part_in ${p(E)} project:${P1} ${t('2026-02-18T09:00:00Z')} -`,
    `proposes ${p(A)} initiative:${I1} ${t('2026-02-20T09:00:00Z')} -`,
    `works_on ${p(A)} lever:agency ${t('2026-01-20T09:00:00Z')} -`,
    `works_on ${p(A)} lever:trust ${t('2026-01-20T09:00:00Z')} ${t('2026-03-10T09:00:00Z')}`,
  ].sort(),
};

/** And on 31 March 2027: C supports the initiative, A and C attended the meeting, B's part and A's trust ended. */
const onMarch31 = {
  nodes: onFebruary28.nodes,
  edges: [
    ...onFebruary28.edges.filter(
      (e) => !e.startsWith(`takes_part_in ${p(B)}`) && !e.startsWith(`works_on ${p(A)} lever:trust`),
    ),
    `supports ${p(C)} initiative:${I1} ${t('2026-03-01T09:00:00Z')} -`,
    `attended ${p(A)} meeting:${M1} ${t('2026-03-05T14:00:00Z')} -`,
    `attended ${p(C)} meeting:${M1} ${t('2026-03-05T14:00:00Z')} -`,
  ].sort(),
};

interface Graph {
  nodes: { id: string; label: string; begin: string | null; end: string | null }[];
  edges: { kind: string; source: string; target: string; begin: string; end: string | null }[];
}
const shape = (graph: Graph) => ({
  nodes: graph.nodes.map((n) => n.id).sort(),
  edges: graph.edges.map((e) => `${e.kind} ${e.source} ${e.target} ${e.begin} ${e.end ?? '-'}`).sort(),
});
const mapAt = async (at: string): Promise<Graph> => {
  const response = await system.staffFetch(`/api/map?at=${at}`);
  expect(response.status).toBe(200);
  return readJson(response);
};

test('the graph at two dates equals the one drawn up by hand from the history', async () => {
  expect(shape(await mapAt('2026-02-28'))).toEqual(onFebruary28);
  expect(shape(await mapAt('2026-03-31'))).toEqual(onMarch31);
});

test('an ended membership is there until its end and absent after it, to the minute (Brussels time)', async () => {
  const part = (graph: Graph) => graph.edges.some((e) => e.kind === 'takes_part_in' && e.source === p(B));
  // B's part ended at 09:00 UTC on 20 March, 10:00 in Brussels.
  expect(part(await mapAt('2026-03-20T09:59'))).toBe(true);
  expect(part(await mapAt('2026-03-20T10:00'))).toBe(false);
  expect(part(await mapAt('2026-03-21'))).toBe(false);
  const page = await (await system.staffFetch('/staff/map?at=2026-03-21&lang=en')).text();
  expect(page).toContain('Kaartproject Samen');
  expect(page).not.toMatch(/Kaartlezers Onderwijs<\/td>\s*<td[^>]*>takes part in/);
});

test('from and to mark what appeared and what ended between two dates', async () => {
  const response = await system.staffFetch('/staff/map?from=2026-02-28&to=2026-03-31&lang=en');
  expect(response.status).toBe(200);
  const page = await response.text();
  const row = (from: string, relation: string, to: string, change: string) =>
    new RegExp(
      `${from}</td>\\s*<td[^>]*>${relation}</td>\\s*<td[^>]*>${to}</td>(\\s*<td[^>]*>[^<]*</td>){2}\\s*<td[^>]*>${change}</td>`,
    );
  expect(page).toMatch(row('Kaartlezers Onderwijs', 'takes part in', 'Kaartproject Samen', 'ended'));
  expect(page).toMatch(row('Kaartenhuis Zorg', 'supports', 'Kaartinitiatief Taal', 'appeared'));
  expect(page).toMatch(row('Kaartmakers Werk', 'takes part in', 'Kaartproject Samen', ''));
});

test('before the pact began the map is empty, with a notice', async () => {
  expect(await mapAt('2026-01-01')).toEqual({ at: expect.any(String), nodes: [], edges: [] });
  const page = await (await system.staffFetch('/staff/map?at=2026-01-01&lang=en')).text();
  expect(page).toContain('The pact began on 2026-01-10 10:00: on this date there was nothing yet.');
  expect(page).not.toContain('Kaartmakers Werk');
});

test('a malformed date or unknown filter: 400 naming it on the JSON API, a notice on the page', async () => {
  for (const [query, field] of [
    ['at=2026-02-30', 'at'],
    ['at=31-03-2027', 'at'],
    ['sector=space', 'sector'],
    ['colour=red', 'colour'],
    ['from=2026-02-01', 'to'],
  ] as const) {
    const response = await system.staffFetch(`/api/map?${query}`);
    expect(response.status).toBe(400);
    const { error } = await readJson(response);
    expect(error.details.map((d: { field: string }) => d.field)).toEqual([field]);
    expect(error.message).toContain(`${field}:`);
  }
  const response = await system.staffFetch('/staff/map?at=2026-02-30&sector=space&lang=en');
  expect(response.status).toBe(200);
  const page = await response.text();
  expect(page).toContain('Ignored: at is not a date');
  expect(page).toContain('Ignored: sector is not one of');
  expect(page).toContain('Kaartmakers Werk'); // the map of today, unfiltered
});

test('a filter zooms in: a sector keeps its partners and what they link to', async () => {
  const graph = shape(await readJson(await system.staffFetch('/api/map?at=2026-03-31&sector=care')));
  expect(graph.nodes.filter((n) => n.startsWith('partner:'))).toEqual([p(C)]);
  expect(graph.nodes).toEqual(expect.arrayContaining([`initiative:${I1}`, `meeting:${M1}`]));
});

test('the GEXF export parses back, with another parser, into the same graph as the JSON', async () => {
  const json = await mapAt('2026-03-31');
  const response = await system.staffFetch('/api/map.gexf?at=2026-03-31');
  expect(response.status).toBe(200);
  expect(response.headers.get('content-disposition')).toContain('pact-map-2026-03-31T23-59.gexf');
  // Streamed as it is written: no length known in advance.
  expect(response.headers.get('content-length')).toBeNull();
  expect(response.headers.get('transfer-encoding')).toBe('chunked');
  const gexf = new XMLParser({
    ignoreAttributes: false,
    attributeNamePrefix: '',
    isArray: (name) => ['node', 'edge', 'attvalue'].includes(name),
  }).parse(await response.text());
  const graph = gexf.gexf.graph;
  expect(graph.mode).toBe('dynamic');
  const parsed: Graph = {
    nodes: graph.nodes.node.map((n: Record<string, string>) => ({
      id: n.id,
      label: n.label,
      begin: n.start ?? null,
      end: n.end ?? null,
    })),
    edges: graph.edges.edge.map((e: Record<string, string>) => ({
      kind: e.label,
      source: e.source,
      target: e.target,
      begin: e.start,
      end: e.end ?? null,
    })),
  };
  expect(shape(parsed)).toEqual(shape(json));
  expect(parsed.nodes.find((n) => n.id === p(A))?.label).toBe('Kaartmakers Werk');

  const graphml = await system.staffFetch('/api/map.graphml?at=2026-03-31');
  expect(graphml.status).toBe(200);
  const doc = new XMLParser({
    ignoreAttributes: false,
    attributeNamePrefix: '',
    isArray: (name) => ['node', 'edge', 'data'].includes(name),
  }).parse(await graphml.text());
  expect(doc.graphml.graph.node.map((n: { id: string }) => n.id).sort()).toEqual(shape(json).nodes);
  expect(doc.graphml.graph.edge).toHaveLength(json.edges.length);
});

test('the public map shows consenting formalised partners only, and counts only those, from 3 on', async () => {
  const response = await fetch(`${system.url}/pact/map?lang=en`);
  expect(response.status).toBe(200);
  const page = await response.text();
  expect(page).toContain('Kaartmakers Werk'); // formalised, consents
  expect(page).toContain('Kaartclub Cultuur');
  expect(page).not.toContain('Kaartlezers Onderwijs'); // formalised, no consent
  expect(page).not.toContain('Kaartwerf Media');
  expect(page).not.toContain('Kaartenhuis Zorg'); // consents, not formalised yet
  expect(page).not.toContain('Kaartoverleg'); // meetings are not public
  // A, D and E take part now, but only A and D are listed: two, below the floor (features/public/partner-count.ts).
  expect(page).toContain('Kaartproject Samen');
  expect(page).not.toMatch(/\(\d+ partners\)/);
});

test('the layout is computed once, reused until the graph changes, and placed nodes stay pinned', async () => {
  const positions = async () =>
    new Map(
      (await system.db.selectFrom('map_positions').select(['node_id', 'x', 'y', 'placed_at']).execute()).map((r) => [
        r.node_id,
        `${r.x},${r.y},${r.placed_at.toISOString()}`,
      ]),
    );
  const first = await refreshMapLayout(system.db);
  // The six levers are not placed: they have their ring (db/map/layout.ts, leverPositions).
  expect(first).toEqual({ placed: 8, total: 14 });
  const laid = await positions();
  expect(laid.size).toBe(8);

  expect(await refreshMapLayout(system.db)).toEqual({ placed: 0, total: 14 });
  expect(await positions()).toEqual(laid);

  await system.db
    .insertInto('partners')
    .values({
      id: 'kaartpunt-lokaal',
      name: 'Kaartpunt Lokaal',
      sector: 'local_government',
      actor_type: 'state',
      language: 'nl',
      referred_by: A,
    })
    .execute();
  const page = await (await system.staffFetch('/staff/map?lang=en')).text();
  expect(page).toContain('1 node(s) not yet placed by the background layout');
  expect(await refreshMapLayout(system.db)).toEqual({ placed: 1, total: 15 });
  const after = await positions();
  expect(after.size).toBe(9);
  for (const [node, where] of laid) expect(after.get(node)).toBe(where);
  const placedNear = await system.db
    .selectFrom('map_positions')
    .select(['x', 'y'])
    .where('node_id', 'in', ['partner:kaartpunt-lokaal', p(A)])
    .execute();
  expect(placedNear).toHaveLength(2);
  expect((await (await system.staffFetch('/staff/map?lang=en')).text()).includes('not yet placed')).toBe(false);
});

test('a suggested cluster across sectors becomes a follow-up meeting’s invitees in one step', async () => {
  const page = await (await system.staffFetch('/staff/map?at=2026-03-31&lang=en')).text();
  const link = /href="(\/staff\/meetings\?partnerIds=[^"#]+)#plan"/.exec(page)?.[1];
  expect(link).toBeDefined();
  const ids = decodeURIComponent(link!.split('=')[1]!).split(',');
  expect(ids.length).toBeGreaterThanOrEqual(2);
  const planning = await (await system.staffFetch(link!.replace(/&amp;/g, '&'))).text();
  for (const id of ids) expect(planning).toMatch(new RegExp(`value="${id}"\\s+checked`));
});

test("the worker's layout thread places nodes exactly where the layout in this thread does", async () => {
  const history = await readPactHistory(system.db);
  const placed = await readPositions(system.db);
  // One stored node forgotten, so both have something to place.
  const [forgotten] = [...placed.keys()].filter((id) => id.startsWith('partner:'));
  placed.delete(forgotten!);
  const inThread = await placeInThread(history, placed);
  expect(inThread.size).toBeGreaterThan(0);
  expect(inThread).toEqual(placeNewNodes(history, placed));
});
