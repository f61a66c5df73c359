import { promises as dns } from "node:dns";
import { isIP } from "node:net";
import { parseDnsServer, resolverServerString } from "./dnsServerAddress.js";

/**
 * A `(name, type) → records` resolver in node:dns's shape (what mailauth takes), asking the
 * --dns-server / config servers when given, else the system resolver.
 */
export function createTxtResolver(servers: readonly string[], timeoutMs = 3000): (name: string, type: string) => Promise<string[][]> {
  const resolver = new dns.Resolver({ timeout: timeoutMs, tries: 2 });
  const addresses = servers.map(parseDnsServer);
  // node:dns takes addresses only; names given as servers are left to the system resolver.
  const usable = addresses.filter((address) => isIP(address.host) !== 0).map((address) => resolverServerString(address.host, address.port));
  if (usable.length > 0) resolver.setServers(usable);
  return async (name, type) => {
    if (type !== "TXT") throw Object.assign(new Error(`unsupported record type ${type}`), { code: "ENOTIMP" });
    return resolver.resolveTxt(name);
  };
}
