import ipaddr from 'ipaddr.js';

/**
 * Whom a rate limit counts: an IPv4 client by its address, an IPv6 client by its /64 prefix (one
 * host usually holds a whole /64, so counting single IPv6 addresses would give it 2^64 tries).
 * An IPv4-mapped IPv6 address (`::ffff:203.0.113.7`) is the IPv4 client it maps.
 */
export function clientKey(ip: string): string {
  if (!ipaddr.isValid(ip)) return ip;
  const address = ipaddr.process(ip);
  if (address.kind() === 'ipv4') return address.toString();
  return `${ipaddr.IPv6.networkAddressFromCIDR(`${address.toString()}/64`).toString()}/64`;
}
