/**
 * The cluster could not start (dev/temporal-cluster.ts): the message is one line naming the
 * problem and what fixes it, which `npm run temporal:cluster` prints alone.
 */
export class TemporalClusterFailed extends Error {
  override name = 'TemporalClusterFailed';
}
