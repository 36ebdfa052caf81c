import type { Kysely } from 'kysely';

// Data keys of the payload codec (privacy/data-keys.ts, docs/privacy.md): random AES-256 keys per
// owner (a partner id, or '_global' for workflows about several partners), stored only wrapped by
// PACT_MASTER_KEY. A new version of an owner's key serves new payloads (rotation); the id is
// `<owner>.<version>`. Erasing a partner deletes its wrapped keys and keeps the rows, so their
// ids stay known: "erased", not "unknown".
// The erasure audit says who erased which partner, when and why; it holds no personal data.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('data_keys')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('owner', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('wrapped_key', 'bytea')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(db.fn('now')))
    .addColumn('erased_at', 'timestamptz')
    .addUniqueConstraint('data_keys_owner_version', ['owner', 'version'])
    .execute();
  await db.schema
    .createTable('erasures')
    .addColumn('id', 'serial', (c) => c.primaryKey())
    .addColumn('partner_id', 'text', (c) => c.notNull())
    .addColumn('erased_by', 'text', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('requested_at', 'timestamptz', (c) => c.notNull().defaultTo(db.fn('now')))
    .addColumn('completed_at', 'timestamptz')
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('erasures').ifExists().execute();
  await db.schema.dropTable('data_keys').ifExists().execute();
}
