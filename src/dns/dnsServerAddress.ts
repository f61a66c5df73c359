import { isIP } from "node:net";
import { byodkimError } from "../errors.js";

export interface DnsServerAddress {
  readonly host: string;
  readonly port: number;
}

// A hostname as an operator would type it for --dns-server (RFC 1123 labels).
const HOSTNAME = /^(?=.{1,253}$)[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)*\.?$/i;

/** `host`, `host:port`, `[v6]` or `[v6]:port`; a bare IPv6 address has no port. A usage error names --dns-server. */
export function parseDnsServer(value: string): DnsServerAddress {
  const address = readDnsServer(value);
  if (!address) throw byodkimError("usage", "dns.badServer", { value }, "dns.badServer.hint");
  return address;
}

/** The same syntax, without blame: the config's validator names its own key. */
export function readDnsServer(value: string): DnsServerAddress | undefined {
  const text = value.trim();
  let host = text;
  let port = 53;
  const bracketed = /^\[([^\]]+)\](?::(\d+))?$/.exec(text);
  if (bracketed) {
    host = bracketed[1]!;
    if (bracketed[2] !== undefined) port = Number(bracketed[2]);
    if (isIP(host) !== 6) return undefined;
  } else if (isIP(text) === 6) {
    host = text;
  } else {
    const withPort = /^([^:]+):(\d+)$/.exec(text);
    if (withPort) {
      host = withPort[1]!;
      port = Number(withPort[2]);
    }
    if (isIP(host) !== 4 && !HOSTNAME.test(host)) return undefined;
  }
  if (!Number.isInteger(port) || port < 1 || port > 65535) return undefined;
  return { host, port };
}

/** The form node:dns `Resolver.setServers` takes. */
export function resolverServerString(host: string, port: number): string {
  return isIP(host) === 6 ? `[${host}]:${port}` : `${host}:${port}`;
}
