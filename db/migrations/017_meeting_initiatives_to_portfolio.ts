import { type Kysely, sql } from 'kysely';

// The initiatives proposed at meetings (meeting_initiatives, loose text) move into the portfolio
// (issue 24): the text becomes the description, its first line (at most 200 characters) the title,
// the partners named become proposers, origin 'minutes' with the meeting as origin_ref. Down moves
// the initiatives that came from minutes back, and only those.
// As domain/initiatives.ts's initiativeTitleOf: the first line with a character other than a space,
// its control characters (tabs) as spaces, trimmed, cut to 200 characters.
const titleOf = sql`left(btrim(regexp_replace(substring(mi.text from '[^\n\r]*[^[:space:]][^\n\r]*'), '[[:cntrl:]]', ' ', 'g')), 200)`;

export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    insert into initiatives (id, idempotency_key, title, description, kind, origin, origin_ref, levers, created_at, updated_at)
    select gen_random_uuid()::text, 'meeting-initiative/' || mi.id,
           coalesce(${titleOf}, 'initiative'),
           mi.text, 'proposal', 'minutes', mi.meeting_id, mi.levers, mi.created_at, mi.created_at
    from meeting_initiatives mi`.execute(db);
  await sql`
    insert into initiative_partners (initiative_id, partner_id, role, since)
    select i.id, p.partner_id, 'proposer', mi.created_at
    from meeting_initiatives mi
    join initiatives i on i.idempotency_key = 'meeting-initiative/' || mi.id
    cross join lateral jsonb_array_elements_text(mi.partner_ids) as p(partner_id)
    where exists (select 1 from partners where partners.id = p.partner_id)
    on conflict do nothing`.execute(db);
  await db.schema.dropTable('meeting_initiatives').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('meeting_initiatives')
    .addColumn('id', 'serial', (c) => c.primaryKey())
    .addColumn('meeting_id', 'text', (c) => c.notNull().references('meetings.id').onDelete('cascade'))
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('levers', 'jsonb', (c) => c.notNull())
    .addColumn('partner_ids', 'jsonb', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await sql`
    insert into meeting_initiatives (meeting_id, text, levers, partner_ids, created_at)
    select i.origin_ref, i.description, i.levers,
           coalesce((select jsonb_agg(ip.partner_id order by ip.since, ip.partner_id)
                     from initiative_partners ip where ip.initiative_id = i.id), '[]'::jsonb),
           i.created_at
    from initiatives i
    where i.origin = 'minutes' and exists (select 1 from meetings m where m.id = i.origin_ref)
    order by i.created_at, i.id`.execute(db);
  await sql`delete from initiatives where origin = 'minutes'`.execute(db);
}
