import { sql } from 'kysely';
import type { Db } from '../../db/connection';

/** Every rate limit's window ends now, as it would once its time had passed (the limits read the database's clock). */
export async function endRateLimitWindows(db: Db): Promise<void> {
  await db
    .updateTable('rate_limits')
    .set({ resets_at: sql`now() - interval '1 second'` })
    .execute();
}
