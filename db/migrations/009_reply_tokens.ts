import type { Kysely } from 'kysely';

// The reply address (reply+<token>@INBOUND_DOMAIN) gets its own token, apart from the link's
// (security/request-tokens.ts). Requests opened before this migration have none: their reply
// addresses, which carry the link token, keep working (inbound/handle-reply.ts).
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('requests')
    .addColumn('reply_token_hash', 'text', (c) => c.unique())
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('requests').dropColumn('reply_token_hash').execute();
}
