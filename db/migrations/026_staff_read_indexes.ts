import type { Kysely } from 'kysely';

// Staff reads at 10,000 partners (issue 28, P3): a partner's page lists the partners that joined
// through its invitation link (`referred_by = $1`), which read all of `partners` (2.2 ms, 233 buffers,
// at 10,000) without this index; with it, the few rows of that partner.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.createIndex('partners_referred_by').on('partners').column('referred_by').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('partners_referred_by').execute();
}
