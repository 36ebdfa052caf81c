import type { Kysely } from 'kysely';
import type { Database } from '../db/schema';

export interface JourneyEventInput {
  partnerId: string;
  /** Unique per fact: recording the same fact twice (an activity retry) changes nothing. */
  key: string;
  type: string;
  summary: string;
  data?: Record<string, unknown>;
}

/** Appends one event to a journey's timeline, once per key. Works inside a transaction too. */
export async function appendJourneyEvent(db: Kysely<Database>, event: JourneyEventInput): Promise<void> {
  await db
    .insertInto('journey_events')
    .values({
      partner_id: event.partnerId,
      idempotency_key: event.key,
      type: event.type,
      summary: event.summary,
      data: event.data ?? {},
    })
    .onConflict((oc) => oc.column('idempotency_key').doNothing())
    .execute();
}
