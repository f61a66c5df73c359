import type { Nameserver } from "./types.js";
import { resolverServerString } from "./dnsServerAddress.js";

/** The few recursive lookups discovery needs; the system resolver in production, a test server in tests. */
export interface RecursiveLookups {
  resolveNs(name: string): Promise<string[]>;
  resolve4(name: string): Promise<string[]>;
  resolve6(name: string): Promise<string[]>;
}

export type Discovery = { readonly ok: true; readonly zone: string; readonly servers: Nameserver[] } | { readonly ok: false; readonly reason: string };

const code = (err: unknown) => (typeof err === "object" && err !== null ? String((err as { code?: unknown }).code ?? "error") : "error");

/**
 * Finds the servers authoritative for `name`: the closest enclosing name with NS records is the
 * zone cut. Walking up from the full name means a separately delegated `_domainkey` subzone is
 * found before its parent (RFC 1034 §4.2.1).
 */
export async function discoverAuthoritativeServers(name: string, lookups: RecursiveLookups, port = 53): Promise<Discovery> {
  const labels = name.replace(/\.$/, "").split(".");
  let lastReason = "no NS records";
  for (let i = 0; i < labels.length - 1; i++) {
    const candidate = labels.slice(i).join(".");
    let hosts: string[];
    try {
      hosts = await lookups.resolveNs(candidate);
    } catch (err) {
      const reason = code(err);
      // NODATA / NXDOMAIN: not a zone apex, keep walking up. Anything else: the resolver itself is failing.
      if (reason !== "ENODATA" && reason !== "ENOTFOUND") return { ok: false, reason };
      lastReason = reason;
      continue;
    }
    if (hosts.length === 0) continue;
    const servers = (await Promise.all(hosts.sort().map((host) => addressesOf(host, lookups, port)))).flat();
    if (servers.length === 0) return { ok: false, reason: `no address for ${hosts.join(", ")}` };
    return { ok: true, zone: candidate, servers };
  }
  return { ok: false, reason: lastReason };
}

async function addressesOf(host: string, lookups: RecursiveLookups, port: number): Promise<Nameserver[]> {
  const [v4, v6] = await Promise.allSettled([lookups.resolve4(host), lookups.resolve6(host)]);
  const addresses = [...(v4.status === "fulfilled" ? v4.value : []), ...(v6.status === "fulfilled" ? v6.value : [])];
  return addresses.map((ip) => ({
    label: `${host} (${ip})`,
    role: "authoritative" as const,
    address: resolverServerString(ip, port),
  }));
}
