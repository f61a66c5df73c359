import { promises as dns } from "node:dns";
import { isIP } from "node:net";
import { parseDnsServer, resolverServerString } from "./dnsServerAddress.js";

/** The CNAME target at each name (lower case), or undefined where there is none or the lookup failed. */
export async function lookupCnames(names: readonly string[], servers: readonly string[], timeoutMs = 3000): Promise<(string | undefined)[]> {
  const resolver = new dns.Resolver({ timeout: timeoutMs, tries: 2 });
  const usable = servers.map(parseDnsServer).filter((server) => isIP(server.host) !== 0);
  if (usable.length > 0) resolver.setServers([resolverServerString(usable[0]!.host, usable[0]!.port)]);
  return Promise.all(
    names.map((name) =>
      resolver.resolveCname(name).then(
        (targets) => targets[0]?.toLowerCase(),
        () => undefined,
      ),
    ),
  );
}
