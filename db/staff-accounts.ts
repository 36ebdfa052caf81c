import type { ExpressionBuilder, Kysely } from 'kysely';
import type { Database } from './schema';

/**
 * An active staff account: one not disabled (`npm run pact -- user disable`). Only an active account
 * signs in, uses its API tokens, follows a partner and receives its emails. This file is the rule's
 * one home: `isActiveStaff` for an account already read, `activeStaffAccount` inside a query.
 */
export const isActiveStaff = (account: { disabled_at: Date | null }): boolean => account.disabled_at === null;

/** The rule in a query that reads `staff_users`: `.where(activeStaffAccount)`. */
export const activeStaffAccount = (eb: ExpressionBuilder<Database, 'staff_users'>) =>
  eb('staff_users.disabled_at', 'is', null);

/**
 * Who countersigns: the active staff account with the role `director`; of several, the one whose
 * address PACT_DIRECTOR_EMAIL gives (else the first made); with none, undefined, and
 * PACT_DIRECTOR_EMAIL itself is asked.
 */
export async function directorAccount(
  db: Kysely<Database>,
  directorEmail: string,
): Promise<{ name: string; email: string } | undefined> {
  const directors = await db
    .selectFrom('staff_users')
    .select(['name', 'email'])
    .where('role', '=', 'director')
    .where(activeStaffAccount)
    .orderBy('id')
    .execute();
  return directors.find((d) => d.email === directorEmail.trim().toLowerCase()) ?? directors[0];
}
