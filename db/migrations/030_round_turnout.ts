import { type Kysely, sql } from 'kysely';

// Staff reads at 10,000 partners (issue 28, P3): the rounds list counted every round's ballots on each
// visit (18 ms from the ballots_round_counts index alone, 100,000 ballots in the bench). A closed round's
// ballots do not change any more, so the round keeps its turnout from its close on (activities/rounds.ts);
// only open rounds are counted. Rounds closed before this migration get theirs here.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('prioritisation_rounds')
    .addColumn('ballots_sent', 'integer')
    .addColumn('ballots_answered', 'integer')
    .execute();
  await sql`
    update prioritisation_rounds r
    set ballots_sent = (select count(*) from ballots b where b.round_id = r.id),
        ballots_answered = (select count(*) from ballots b where b.round_id = r.id and b.status = 'answered')
    where r.status = 'closed'`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('prioritisation_rounds')
    .dropColumn('ballots_sent')
    .dropColumn('ballots_answered')
    .execute();
}
