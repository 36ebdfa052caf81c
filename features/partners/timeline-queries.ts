import { sql } from 'kysely';
import type { Db } from '../../db/connection';

/**
 * Timeline events with what a page needs to say them in its own language (api/html/timeline-lines.ts):
 * the request an event is about (its kind, topic and recipient), the project, the meeting and the prioritisation round. The stored `summary`
 * stays English, for logs and the JSON API.
 */
export function timelineEvents(db: Db, { partnerId, limit }: { partnerId?: string; limit?: number }) {
  let query = db
    .selectFrom('journey_events')
    .innerJoin('partners', 'partners.id', 'journey_events.partner_id')
    .leftJoin('requests', (join) => join.on(sql<boolean>`requests.id = journey_events.data->>'requestId'`))
    .leftJoin('projects', (join) => join.on(sql<boolean>`projects.id = journey_events.data->>'projectId'`))
    .leftJoin('meetings', (join) => join.on(sql<boolean>`meetings.id = journey_events.data->>'meetingId'`))
    .leftJoin('prioritisation_rounds', (join) =>
      join.on(sql<boolean>`prioritisation_rounds.id = journey_events.data->>'roundId'`),
    )
    .select([
      'journey_events.id',
      'journey_events.type',
      'journey_events.data',
      'journey_events.occurred_at as occurredAt',
      'partners.id as partnerId',
      'partners.name as partnerName',
      'requests.kind as requestKind',
      'requests.topic as requestTopic',
      'requests.recipient_name as recipientName',
      'projects.title as projectTitle',
      'meetings.title as meetingTitle',
      'prioritisation_rounds.title as roundTitle',
    ]);
  if (partnerId !== undefined) query = query.where('journey_events.partner_id', '=', partnerId);
  if (limit !== undefined) return query.orderBy('journey_events.id', 'desc').limit(limit).execute();
  return query.orderBy('journey_events.id').execute();
}

export type TimelineEvent = Awaited<ReturnType<typeof timelineEvents>>[number];
