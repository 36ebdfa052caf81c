import type { Db } from '../../db/connection';
import { activeStaffAccount } from '../../db/staff-accounts';
import { ApiError } from '../../http/api-error';

/** A staff account named as responsible for a partner: it must exist and be active, else a 400 naming the field. */
export async function requireActiveStaffAccount(db: Db, id: number): Promise<{ name: string }> {
  const user = await db
    .selectFrom('staff_users')
    .select('name')
    .where('id', '=', id)
    .where(activeStaffAccount)
    .executeTakeFirst();
  if (!user)
    throw new ApiError(400, 'invalid_request', `responsibleUserId: there is no active staff account with id ${id}`, [
      { field: 'responsibleUserId', message: 'is not an active staff account' },
    ]);
  return user;
}

/**
 * Who follows a new partner: the account named, or else the staff member who onboards it (the
 * bootstrap API token, id 0, is nobody); `null` names nobody.
 */
export async function responsibleAtOnboarding(
  db: Db,
  named: number | null | undefined,
  onboardedBy: { staffUserId: number } | undefined,
): Promise<number | null> {
  if (named === undefined) return onboardedBy && onboardedBy.staffUserId > 0 ? onboardedBy.staffUserId : null;
  if (named === null) return null;
  await requireActiveStaffAccount(db, named);
  return named;
}
