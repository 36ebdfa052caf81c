import { type Kysely, sql } from 'kysely';

// Indexes for the staff pages (api/staff-pages/), so the partner list and partner page stay fast
// with 10,000 partners: ordered pages of names, a name search, a partner's emails by outbox key,
// and the partners waiting longest on staff.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.createIndex('partners_name').on('partners').columns(['name', 'id']).execute();
  await sql`create index email_outbox_key_prefix on email_outbox (idempotency_key text_pattern_ops)`.execute(db);
  await db.schema.createIndex('journeys_status_updated').on('journeys').columns(['status', 'updated_at']).execute();
  // Searching "%part%" of a name needs trigrams. pg_trgm ships with PostgreSQL (contrib) and is a
  // trusted extension, but a database may still refuse it: then the search scans, which still works.
  await sql`do $$ begin
    create extension if not exists pg_trgm;
  exception when others then
    raise notice 'pg_trgm unavailable (%): partner name search will scan', sqlerrm;
  end $$`.execute(db);
  await sql`do $$ begin
    if exists (select 1 from pg_extension where extname = 'pg_trgm') then
      create index partners_name_trigram on partners using gin (lower(name) gin_trgm_ops);
    end if;
  end $$`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const index of [
    'partners_name_trigram',
    'journeys_status_updated',
    'email_outbox_key_prefix',
    'partners_name',
  ]) {
    await db.schema.dropIndex(index).ifExists().execute();
  }
}
