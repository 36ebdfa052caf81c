import { type RawBuilder, sql } from 'kysely';

/**
 * A partner's name holds `text`, in any case: `lower(partners.name) like '%text%'`, the shape the
 * partners_name_trigram index serves (migration 004). `%`, `_` and `\` typed by staff match themselves.
 */
export const partnerNameHolds = (text: string): RawBuilder<boolean> =>
  sql<boolean>`lower(partners.name) like ${`%${text.toLowerCase().replace(/[\\%_]/g, '\\$&')}%`}`;
