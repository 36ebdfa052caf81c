// The tests and the cluster launcher (dev/temporal-cluster.ts) pick ports the same way.
export { freePort } from '../../dev/free-port';
