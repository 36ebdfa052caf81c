import { deleteExpiredJoinRequests } from '../db/join-requests';
import type { ActivityDeps } from './deps';

/** The join requests of the public form (features/joining/): what the hourly schedule clears. */
export function joiningActivities({ db }: Pick<ActivityDeps, 'db'>) {
  return {
    /** Deletes the joins whose address was not confirmed in time, and their emails; answers how many. */
    async expireJoinRequests(): Promise<{ deleted: number }> {
      return { deleted: await deleteExpiredJoinRequests(db) };
    },
  };
}
