import { type Kysely, sql } from 'kysely';

// Erasure finds every row about a partner by its id, never by an address that may have changed
// (docs/privacy.md, "Erasure"):
// - every email names the partners whose people it is about (`partner_ids`); rows sent before are
//   given them from their idempotency key, their recipient, or (staff digests) the partner names in
//   their text;
// - what people wrote leaves `requests.topic` for `written_texts` (row `topic/<request id>`): the
//   topic keeps `topicTextsId` (db/request-topic-texts.ts);
// - every export and every use of the codec endpoint is recorded in `payload_reads`.

/** Where a topic held written text, as a jsonb path, and its key in the written_texts row. */
const textPaths = [
  ['reviewerComment'],
  ['previous', 'summary'],
  ['intent', 'summary'],
  ['commitment', 'summary'],
  ['commitment', 'text'],
];
const path = (p: string[]) => sql.lit(`{${p.join(',')}}`);

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('email_outbox')
    .addColumn('partner_ids', sql`text[]`, (c) => c.notNull().defaultTo(sql`'{}'`))
    .execute();
  await sql`create index email_outbox_partner_ids on email_outbox using gin (partner_ids)`.execute(db);
  await sql`
    update email_outbox o set partner_ids = found.ids
    from (
      select o2.id, array_agg(distinct p.partner_id) as ids
      from email_outbox o2
      join lateral (
        select r.partner_id from requests r
          where split_part(o2.idempotency_key, '/', 1) in ('request', 'inbound')
            and r.id = split_part(o2.idempotency_key, '/', 2)
        union select split_part(o2.idempotency_key, '/', 2) where o2.idempotency_key like 'journey/%'
        union select i.partner_id from meeting_invitees i
          where (o2.idempotency_key like 'meeting/' || i.meeting_id || '/%/' || i.id)
             or (o2.idempotency_key like 'inbound-meeting/' || i.meeting_id || '/' || i.id || '/%')
        union select c.partner_id from contacts c where lower(c.email) = lower(o2.to_address)
        union select pa.id from partners pa
          where o2.idempotency_key like 'digest/%' and position(pa.name in o2.text_body) > 0
      ) p on true
      where p.partner_id in (select id from partners)
      group by o2.id
    ) found
    where o.id = found.id`.execute(db);

  const texts = sql.join(
    textPaths.map((p) => sql`${sql.lit(p.join('.'))}::text, topic #>> ${path(p)}`),
    sql`, `,
  );
  await sql`
    insert into written_texts (id, partner_id, request_id, texts)
    select 'topic/' || id, partner_id, id, jsonb_strip_nulls(jsonb_build_object(${texts}))
    from requests
    where jsonb_strip_nulls(jsonb_build_object(${texts})) <> '{}'::jsonb
    on conflict (id) do nothing`.execute(db);
  const stripped = textPaths.reduce((topic, p) => sql`(${topic} #- ${path(p)})`, sql`topic`);
  await sql`
    update requests set topic = ${stripped} || jsonb_build_object('topicTextsId', 'topic/' || id)
    where exists (select 1 from written_texts w where w.id = 'topic/' || requests.id)`.execute(db);

  await db.schema
    .createTable('payload_reads')
    .addColumn('id', 'serial', (c) => c.primaryKey())
    .addColumn('read_by', 'text', (c) => c.notNull())
    .addColumn('action', 'text', (c) => c.notNull().check(sql`action in ('export', 'codec_decode')`))
    .addColumn('partner_id', 'text')
    .addColumn('contact_id', 'integer')
    .addColumn('payloads', 'integer', (c) => c.notNull())
    .addColumn('decoded', 'boolean', (c) => c.notNull())
    .addColumn('read_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema.createIndex('payload_reads_at').on('payload_reads').column('read_at').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('payload_reads').ifExists().execute();
  // The texts go back into the topics they came from.
  for (const p of textPaths)
    await sql`
      update requests r set topic = jsonb_set(r.topic, ${path(p)}, w.texts -> ${sql.lit(p.join('.'))})
      from written_texts w
      where w.id = r.topic ->> 'topicTextsId' and w.texts ? ${sql.lit(p.join('.'))}
        and (${sql.lit(p.length)} = 1 or r.topic ? ${sql.lit(p[0])})`.execute(db);
  await sql`delete from written_texts where id in (select topic ->> 'topicTextsId' from requests)`.execute(db);
  await sql`update requests set topic = topic - 'topicTextsId' where topic ? 'topicTextsId'`.execute(db);
  await sql`drop index if exists email_outbox_partner_ids`.execute(db);
  await db.schema.alterTable('email_outbox').dropColumn('partner_ids').execute();
}
