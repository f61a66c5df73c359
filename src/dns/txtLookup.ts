import { promises as dns } from "node:dns";
import type { Nameserver, TxtAnswer } from "./types.js";

export interface QueryOptions {
  readonly timeoutMs: number;
  readonly tries: number;
}

/** A resolver bound to one server (or to the system's), so each server's answer stands alone. */
export function resolverFor(server: Pick<Nameserver, "address">, options: QueryOptions): dns.Resolver {
  const resolver = new dns.Resolver({ timeout: options.timeoutMs, tries: options.tries });
  if (server.address !== undefined) resolver.setServers([server.address]);
  return resolver;
}

export const errorCode = (err: unknown): string => (typeof err === "object" && err !== null ? String((err as { code?: unknown }).code ?? "") : "");

/** Maps c-ares' error codes to what a DNS operator calls them. */
export function answerFromError(err: unknown): TxtAnswer {
  const code = errorCode(err);
  switch (code) {
    case "ENOTFOUND":
      return { kind: "nxdomain" };
    case "ENODATA":
      return { kind: "nodata" };
    case "ESERVFAIL":
      return { kind: "servfail" };
    case "EREFUSED":
      return { kind: "refused" };
    // ECONNREFUSED on UDP means nobody listens there: to the operator that is a server not answering.
    case "ETIMEOUT":
    case "ECONNREFUSED":
      return { kind: "timeout" };
    default:
      return { kind: "error", code: code || "unknown" };
  }
}

/** TXT at `name` as one server serves it, noting a CNAME at the name; never throws for DNS failures. */
export async function queryTxtAt(server: Pick<Nameserver, "address">, name: string, options: QueryOptions): Promise<TxtAnswer> {
  const resolver = resolverFor(server, options);
  const [txt, cname] = await Promise.allSettled([resolver.resolveTxt(name), resolver.resolveCname(name)]);
  const target = cname.status === "fulfilled" ? cname.value[0] : undefined;
  if (target !== undefined) {
    return { kind: "cname", target, records: txt.status === "fulfilled" ? txt.value : [] };
  }
  if (txt.status === "rejected") return answerFromError(txt.reason);
  return { kind: "records", records: txt.value };
}
