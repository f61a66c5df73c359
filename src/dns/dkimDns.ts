import { promises as dns, lookup } from "node:dns";
import { isIP } from "node:net";
import { promisify } from "node:util";
import { lookupCnames } from "./cnameLookup.js";
import { parseDnsServer, resolverServerString, type DnsServerAddress } from "./dnsServerAddress.js";
import { discoverAuthoritativeServers } from "./nameserverDiscovery.js";
import { errorCode, queryTxtAt, type QueryOptions } from "./txtLookup.js";
import { createTxtResolver } from "./txtResolver.js";
import type { DkimDns, Nameserver, NameserverAnswer, ServerSetting } from "./types.js";

export interface DkimDnsOptions {
  /** From --dns-server or the config's dns.servers; empty means discover the zone's own servers. */
  readonly servers: readonly string[];
  /** Which of the two the servers came from, so a failing one is blamed on the right setting. */
  readonly setting?: ServerSetting;
  readonly timeoutMs?: number;
  readonly tries?: number;
  /** Replaces the system resolver (tests and split-horizon setups); `host:port` strings. */
  readonly recursiveServers?: readonly string[];
  /** The port discovered nameservers are asked on; 53 but for tests. */
  readonly authoritativePort?: number;
}

const SYSTEM_RESOLVER: Nameserver = { label: "system resolver", role: "recursive" };
const lookupAddress = promisify(lookup);

/** Validates the server list at once, so a typo is a usage error before any AWS call. */
export function createDkimDns(options: DkimDnsOptions): DkimDns {
  const configured = options.servers.map((server) => ({ text: server, address: parseDnsServer(server) }));
  const query: QueryOptions = { timeoutMs: options.timeoutMs ?? 3000, tries: options.tries ?? 2 };
  const recursive: Nameserver =
    options.recursiveServers && options.recursiveServers.length > 0
      ? { label: "recursive resolver", role: "recursive", address: options.recursiveServers.join(",") }
      : SYSTEM_RESOLVER;
  const recursiveResolver = () => {
    const resolver = new dns.Resolver({ timeout: query.timeoutMs, tries: query.tries });
    if (options.recursiveServers && options.recursiveServers.length > 0) resolver.setServers([...options.recursiveServers]);
    return resolver;
  };

  const askAll = (name: string, servers: readonly Nameserver[]): Promise<NameserverAnswer[]> =>
    Promise.all(servers.map(async (server) => ({ server, answer: await queryTxtAt(server, name, query) })));

  const askConfigured = (name: string): Promise<NameserverAnswer[]> =>
    Promise.all(
      configured.map(async ({ text, address }) => {
        try {
          const server = await configuredServer(text, address);
          return { server, answer: await queryTxtAt(server, name, query) };
        } catch (err) {
          // The server's own name did not resolve: that server was never asked, so its "ENOTFOUND" is
          // no NXDOMAIN for the record (which would send the operator to the DNS team for nothing).
          return { server: { label: text, role: "configured" as const }, answer: { kind: "unresolvable" as const, code: errorCode(err) || "unknown" } };
        }
      }),
    );

  return {
    async lookupTxtEverywhere(name) {
      if (configured.length > 0) {
        return { name, source: { kind: "configured", setting: options.setting ?? { kind: "flag" } }, answers: await askConfigured(name) };
      }
      const discovery = await discoverAuthoritativeServers(name, recursiveResolver(), options.authoritativePort ?? 53);
      if (!discovery.ok) {
        return { name, source: { kind: "discoveryFailed", reason: discovery.reason }, answers: await askAll(name, [recursive]) };
      }
      return { name, source: { kind: "discovered", zone: discovery.zone }, answers: await askAll(name, [...discovery.servers, recursive]) };
    },
    lookupCnames: (names) => lookupCnames(names, options.servers, query.timeoutMs),
    txtResolver: () => createTxtResolver(options.servers, query.timeoutMs),
  };

  async function configuredServer(text: string, address: DnsServerAddress): Promise<Nameserver> {
    // node:dns resolvers take addresses only; a server given by name is looked up once, here.
    const ip = isIP(address.host) ? address.host : (await lookupAddress(address.host)).address;
    return { label: text, role: "configured", address: resolverServerString(ip, address.port) };
  }
}
