import { sql } from 'kysely';
import type { Db } from '../../db/connection';

/**
 * How long a drawn map may be reused when none of the changes `mapDataVersion` sees happened: what it
 * does not see (a rename, a presence marked at a meeting, a lever dropped by a new intent answer, an
 * edge that begins at a time now past) shows on the map within this long.
 */
export const mapCacheMaxAgeMs = 30_000;

/**
 * A cheap fingerprint of what the staff map is drawn from (db/map/pact-graph.ts) and of its layout: row
 * counts and latest change times of the tables the history is read from, and of `map_positions`. A
 * new partner, project, membership (or its end), initiative or supporter, meeting or answer, a stage
 * change or a consent change, and every new position the background layout stores, change it, so a
 * map drawn for another fingerprint is drawn again. It only reads (no trigger, no counter row every
 * writer would wait for): the journeys' and requests' hot paths pay nothing for it.
 */
export async function mapDataVersion(db: Db): Promise<string> {
  const { rows } = await sql<{ version: string }>`
    select concat_ws('|',
      (select count(*) || '/' || coalesce(max(placed_at)::text, '') from map_positions),
      (select count(*) || '/' || coalesce(max(created_at)::text, '') || '/' || count(referred_by) from partners),
      (select coalesce(max(updated_at)::text, '') from journeys),
      (select count(*) || '/' || coalesce(max(updated_at)::text, '') from projects),
      (select count(joined_at) || '/' || count(left_at) from project_partners),
      (select count(*) || '/' || coalesce(max(updated_at)::text, '') from initiatives),
      (select count(*) from initiative_partners),
      (select count(*) || '/' || coalesce(max(updated_at)::text, '') from meetings),
      (select count(answered_at) || '/' || count(attended) from meeting_invitees),
      (select coalesce(max(id), 0) from public_listing_changes)
    ) as version`.execute(db);
  return rows[0]!.version;
}
