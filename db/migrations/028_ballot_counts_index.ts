import type { Kysely } from 'kysely';

// Staff reads at 10,000 partners (issue 28, P3): the rounds list counts each round's ballots and the
// answered ones, and a round's page counts them per status and channel. Without this index both read
// the ballots' rows (the list a Seq Scan of every round's ballots, 100,000 in the bench); with it they
// read this index only, which holds everything they count.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createIndex('ballots_round_counts')
    .on('ballots')
    .columns(['round_id', 'status', 'answer_via'])
    .using('btree')
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('ballots_round_counts').execute();
}
