import { levers, type ActorType, type Lever, type Sector } from '../../domain/vocabulary';
import type { JourneyStage } from '../../domain/journey';
import type { Db } from '../connection';
import type { StoredAnswer } from '../../domain/request-answers';

/**
 * The pact's map as it happened (issue 26): every node and edge with when it began and, where it
 * ended, when it ended. Read from the tables only, so the map of any past date is this history cut at
 * that date (`graphAt`). The worker's layout (db/map/layout.ts) and the map's pages and exports
 * (features/map/) read it.
 */
export type MapNodeKind = 'partner' | 'project' | 'initiative' | 'meeting' | 'lever';
export const mapNodeKinds: readonly MapNodeKind[] = ['partner', 'project', 'initiative', 'meeting', 'lever'];

/**
 * - `takes_part_in`: partner → project, from its confirmation (`project_partners.joined_at`) to `left_at`;
 * - `proposes` / `supports`: partner → initiative (`initiative_partners`, since `since`);
 * - `attended`: partner → meeting, when one of its invitees was marked present (`attended`), or, where
 *   no presence was recorded, answered yes; it begins when the meeting began;
 * - `works_on`: partner → lever, from the levers of its answered intent (each new intent answer ends
 *   the levers it drops); project / initiative → lever, from its creation;
 * - `brought_in`: partner → the partner that joined through its invitation link (`partners.referred_by`).
 */
export type MapEdgeKind = 'takes_part_in' | 'proposes' | 'supports' | 'attended' | 'works_on' | 'brought_in';
export const mapEdgeKinds: readonly MapEdgeKind[] = [
  'takes_part_in',
  'proposes',
  'supports',
  'attended',
  'works_on',
  'brought_in',
];

export interface MapNode {
  /** `<kind>:<id>`: unique across kinds, and the key of its position (`map_positions`). */
  id: string;
  kind: MapNodeKind;
  /** An organisation's name, a project's, initiative's or meeting's title, a lever's key. */
  label: string;
  /** ISO instant; null for the levers, which are there from the start. */
  begin: string | null;
  end: string | null;
  sector?: Sector;
  actorType?: ActorType;
  /** A partner's current journey stage. */
  stage?: JourneyStage;
  /** A partner's current consent to be listed publicly. */
  publicListing?: boolean;
  /** A project's, initiative's or meeting's status now. */
  status?: string;
}

export interface MapEdge {
  id: string;
  kind: MapEdgeKind;
  source: string;
  target: string;
  begin: string;
  end: string | null;
}

export interface MapGraph {
  nodes: MapNode[];
  edges: MapEdge[];
}

export const nodeId = (kind: MapNodeKind, id: string) => `${kind}:${id}`;
const iso = (date: Date | string | null) => (date === null ? null : new Date(date).toISOString());

/** Every node and edge the pact ever had, with their begin and end. */
export async function readPactHistory(db: Db): Promise<MapGraph> {
  const [partners, projects, memberships, initiatives, supporters, meetings, attendance, intents] = await Promise.all([
    db
      .selectFrom('partners')
      .leftJoin('journeys', 'journeys.partner_id', 'partners.id')
      .select([
        'partners.id',
        'partners.name',
        'partners.sector',
        'partners.actor_type',
        'partners.created_at',
        'partners.public_listing',
        'partners.referred_by',
        'journeys.stage',
        'journeys.updated_at',
      ])
      .orderBy('partners.id')
      .execute(),
    db
      .selectFrom('projects')
      .select(['id', 'title', 'levers', 'status', 'created_at', 'updated_at'])
      .orderBy('id')
      .execute(),
    db
      .selectFrom('project_partners')
      .select(['project_id', 'partner_id', 'joined_at', 'left_at'])
      .where('joined_at', 'is not', null)
      .orderBy('project_id')
      .orderBy('partner_id')
      .execute(),
    db.selectFrom('initiatives').select(['id', 'title', 'levers', 'status', 'created_at']).orderBy('id').execute(),
    db
      .selectFrom('initiative_partners')
      .select(['initiative_id', 'partner_id', 'role', 'since'])
      .orderBy('initiative_id')
      .orderBy('partner_id')
      .execute(),
    db
      .selectFrom('meetings')
      .select(['id', 'title', 'status', 'starts_at', 'created_at', 'updated_at'])
      .orderBy('id')
      .execute(),
    db
      .selectFrom('meeting_invitees')
      .innerJoin('meetings', 'meetings.id', 'meeting_invitees.meeting_id')
      .select(['meeting_invitees.meeting_id', 'meeting_invitees.partner_id', 'meetings.starts_at'])
      .where('meetings.status', '!=', 'cancelled')
      .where((eb) =>
        eb.or([
          eb('meeting_invitees.attended', '=', true),
          eb.and([eb('meeting_invitees.attended', 'is', null), eb('meeting_invitees.answer', '=', 'yes')]),
        ]),
      )
      .distinct()
      .orderBy('meeting_invitees.meeting_id')
      .orderBy('meeting_invitees.partner_id')
      .execute(),
    db
      .selectFrom('requests')
      .select(['partner_id', 'answer', 'answered_at'])
      .where('kind', '=', 'intent')
      .where('status', '=', 'answered')
      .where('answered_at', 'is not', null)
      .orderBy('partner_id')
      .orderBy('answered_at')
      .execute(),
  ]);

  const nodes: MapNode[] = [];
  const edges: MapEdge[] = [];
  const ended = new Set(['withdrawn', 'lapsed']);
  const partnerIds = new Set(partners.map((p) => p.id));

  for (const lever of levers.keys)
    nodes.push({ id: nodeId('lever', lever), kind: 'lever', label: lever, begin: null, end: null });
  for (const p of partners) {
    nodes.push({
      id: nodeId('partner', p.id),
      kind: 'partner',
      label: p.name,
      begin: iso(p.created_at),
      end: p.stage && ended.has(p.stage) && p.updated_at ? iso(p.updated_at) : null,
      sector: p.sector,
      actorType: p.actor_type,
      ...(p.stage ? { stage: p.stage } : {}),
      publicListing: p.public_listing,
    });
    if (p.referred_by && partnerIds.has(p.referred_by))
      edges.push({
        id: `brought_in:${p.referred_by}:${p.id}`,
        kind: 'brought_in',
        source: nodeId('partner', p.referred_by),
        target: nodeId('partner', p.id),
        begin: iso(p.created_at)!,
        end: null,
      });
  }
  for (const project of projects) {
    nodes.push({
      id: nodeId('project', project.id),
      kind: 'project',
      label: project.title,
      begin: iso(project.created_at),
      end: project.status === 'cancelled' ? iso(project.updated_at) : null,
      status: project.status,
    });
    for (const lever of project.levers)
      edges.push(leverEdge(nodeId('project', project.id), lever, project.created_at, null));
  }
  for (const m of memberships)
    edges.push({
      id: `takes_part_in:${m.partner_id}:${m.project_id}`,
      kind: 'takes_part_in',
      source: nodeId('partner', m.partner_id),
      target: nodeId('project', m.project_id),
      begin: iso(m.joined_at)!,
      end: iso(m.left_at),
    });
  for (const initiative of initiatives) {
    nodes.push({
      id: nodeId('initiative', initiative.id),
      kind: 'initiative',
      label: initiative.title,
      begin: iso(initiative.created_at),
      end: null,
      status: initiative.status,
    });
    for (const lever of initiative.levers)
      edges.push(leverEdge(nodeId('initiative', initiative.id), lever, initiative.created_at, null));
  }
  for (const s of supporters)
    edges.push({
      id: `${s.role}:${s.partner_id}:${s.initiative_id}`,
      kind: s.role === 'proposer' ? 'proposes' : 'supports',
      source: nodeId('partner', s.partner_id),
      target: nodeId('initiative', s.initiative_id),
      begin: iso(s.since)!,
      end: null,
    });
  for (const meeting of meetings)
    nodes.push({
      id: nodeId('meeting', meeting.id),
      kind: 'meeting',
      label: meeting.title,
      begin: iso(meeting.created_at),
      end: meeting.status === 'cancelled' ? iso(meeting.updated_at) : null,
      status: meeting.status,
    });
  for (const a of attendance)
    edges.push({
      id: `attended:${a.partner_id}:${a.meeting_id}`,
      kind: 'attended',
      source: nodeId('partner', a.partner_id),
      target: nodeId('meeting', a.meeting_id),
      begin: iso(a.starts_at)!,
      end: null,
    });
  edges.push(...partnerLeverEdges(intents));
  return { nodes, edges };
}

function leverEdge(source: string, lever: Lever, begin: Date | string, end: Date | string | null): MapEdge {
  return {
    id: `works_on:${source}:${lever}`,
    kind: 'works_on',
    source,
    target: nodeId('lever', lever),
    begin: iso(begin)!,
    end: iso(end),
  };
}

/** A partner works on the levers of its latest answered intent; a later answer ends the levers it drops. */
function partnerLeverEdges(
  intents: { partner_id: string; answer: StoredAnswer | null; answered_at: Date | null }[],
): MapEdge[] {
  const edges: MapEdge[] = [];
  const open = new Map<string, MapEdge>();
  for (const intent of intents) {
    const chosen = new Set(
      (intent.answer && 'levers' in intent.answer && Array.isArray(intent.answer.levers)
        ? intent.answer.levers
        : []
      ).filter((l): l is Lever => (levers.keys as string[]).includes(String(l))),
    );
    const source = nodeId('partner', intent.partner_id);
    for (const [key, edge] of open)
      if (edge.source === source && !chosen.has(edge.target.slice('lever:'.length) as Lever)) {
        edge.end = iso(intent.answered_at);
        open.delete(key);
      }
    for (const lever of chosen) {
      const key = `${source}|${lever}`;
      if (open.has(key)) continue;
      const edge = leverEdge(source, lever, intent.answered_at!, null);
      // A lever dropped and taken up again is a new edge: its id carries its begin.
      if (edges.some((e) => e.id === edge.id)) edge.id = `${edge.id}:${edge.begin}`;
      edges.push(edge);
      open.set(key, edge);
    }
  }
  return edges;
}

const within = (item: { begin: string | null; end: string | null }, atMs: number) =>
  (item.begin === null || Date.parse(item.begin) <= atMs) && (item.end === null || Date.parse(item.end) > atMs);

/** The pact as it stood at `at`: what had begun and not yet ended, and the edges between those nodes. */
export function graphAt(history: MapGraph, at: Date): MapGraph {
  const atMs = at.getTime();
  const nodes = history.nodes.filter((n) => within(n, atMs));
  const present = new Set(nodes.map((n) => n.id));
  const edges = history.edges.filter((e) => within(e, atMs) && present.has(e.source) && present.has(e.target));
  return { nodes, edges };
}

/** When the pact began: its first partner. Undefined while it has none. */
export function pactBegan(history: MapGraph): Date | undefined {
  const begins = history.nodes.filter((n) => n.kind === 'partner' && n.begin).map((n) => Date.parse(n.begin!));
  return begins.length ? new Date(Math.min(...begins)) : undefined;
}
