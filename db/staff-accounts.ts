import type { ExpressionBuilder } from 'kysely';
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
