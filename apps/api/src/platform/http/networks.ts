import { BlockList, isIP } from 'node:net';

/**
 * Addresses allowed to scrape without the token (METRICS_ALLOW_NETWORKS: `10.0.0.0/8`, `::1`, …).
 * Throws on an entry that is neither an address nor a network, so config refuses it at start.
 */
export function allowedNetworks(entries: readonly string[]): BlockList {
  const list = new BlockList();
  for (const entry of entries) {
    const [address = '', prefix, extra] = entry.split('/');
    const family = isIP(address);
    if (!family || extra !== undefined) throw new Error(`not an address or network: ${entry}`);
    const type = family === 6 ? 'ipv6' : 'ipv4';
    if (prefix === undefined) list.addAddress(address, type);
    else {
      const bits = /^\d{1,3}$/.test(prefix) ? Number(prefix) : NaN;
      if (!(bits >= 0 && bits <= (family === 6 ? 128 : 32))) throw new Error(`not a network prefix: ${entry}`);
      list.addSubnet(address, bits, type);
    }
  }
  return list;
}
