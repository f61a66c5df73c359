/**
 * `dns.publish` provider rfc2136: the selector records sent to the zone's primary as one RFC 2136
 * dynamic update signed with TSIG (RFC 8945), for in-house BIND, Knot and PowerDNS.
 *
 * Sent with the system's `nsupdate` (Debian's bind9-dnsutils), driven over its standard input, not
 * with a JavaScript library: no maintained npm package both encodes UPDATE and signs with TSIG
 * (dns-packet encodes the message but has no TSIG; the ones that sign are unmaintained), and
 * hand-rolled TSIG signing would be new crypto code to get right. nsupdate is ISC's own client,
 * the one DNS teams already use against these servers. The secret travels on its stdin in the
 * script's `key` line, never in argv (`-y` would show it to `ps`), the child's environment, a log
 * or an error: nsupdate's output is scrubbed of it before anything keeps it.
 *
 * `waitInSync` resolves at once: nsupdate exits 0 only on the primary's NOERROR, and the primary
 * serves an update from the moment it answers. The secondaries are the DNS gate's business (every
 * authoritative nameserver must answer the new value before a rotate), not the publisher's.
 */
import { byodkimError } from "../errors.js";
import { type DnsServerAddress, readDnsServer } from "./dnsServerAddress.js";
import { type NsupdateOutcome, type NsupdateRunner, runNsupdate } from "./nsupdate.js";
import { fetchTsigSecret, parseTsigAlgorithm, type SecretTextReader, type TsigAlgorithm } from "./tsigKey.js";
import type { DnsPublication, DnsPublisher, PublishedRecord } from "./types.js";

/** The config's `dns.publish` when its provider is rfc2136 (config.ts's DnsPublishConfig; dns/ sits below config/). */
export interface Rfc2136PublishSettings {
  readonly provider: "rfc2136";
  readonly server: string;
  readonly zone?: string | undefined;
  readonly tsig: { readonly keyName: string; readonly algorithm: string; readonly secretId: string };
}

export interface Rfc2136Deps {
  /** nsupdate's path; `nsupdate` from PATH when absent. */
  readonly nsupdate?: string;
  /** nsupdate's deadline for one update, in seconds (10 when absent). */
  readonly timeoutSeconds?: number;
  /** The TTL of the records sent (300 s when absent: a revocation or a fix reaches resolvers within minutes). */
  readonly ttlSeconds?: number;
  readonly now?: () => Date;
  readonly spawnProcess?: NsupdateRunner["spawnProcess"];
}

// RFC 1035 §2.3.4 lengths; '_' for _domainkey, no whitespace, quote or ';', so a name cannot break the script's line.
const DNS_NAME = /^(?=.{1,253}\.?$)[a-z0-9_](?:[a-z0-9_-]{0,61}[a-z0-9_])?(?:\.[a-z0-9_](?:[a-z0-9_-]{0,61}[a-z0-9_])?)*\.?$/i;

const checkedName = (name: string): string => {
  if (!DNS_NAME.test(name)) throw byodkimError("config", "rfc2136.badName", { name }, "rfc2136.badName.hint");
  return name.replace(/\.$/, "").toLowerCase();
};

const serverLabel = (server: DnsServerAddress) => (server.host.includes(":") ? `[${server.host}]:${server.port}` : `${server.host}:${server.port}`);

/** Checks the settings at once (a config error before any AWS call); the secret is read at each publish, never kept. */
export function createRfc2136Publisher(
  publish: Rfc2136PublishSettings,
  /** The secret's text (e.g. the state store port's readStateSecret(id)?.text); null: no such secret. */
  readSecret: SecretTextReader,
  deps: Rfc2136Deps = {},
): DnsPublisher {
  const server = readDnsServer(publish.server);
  if (!server) throw byodkimError("config", "rfc2136.badServer", { value: publish.server }, "rfc2136.badServer.hint");
  const algorithm: TsigAlgorithm = parseTsigAlgorithm(publish.tsig.algorithm);
  const keyName = checkedName(publish.tsig.keyName);
  const configuredZone = publish.zone === undefined || publish.zone.trim() === "" ? undefined : checkedName(publish.zone.trim());
  const secretId = publish.tsig.secretId;
  const runner: NsupdateRunner = {
    command: deps.nsupdate ?? "nsupdate",
    timeoutSeconds: deps.timeoutSeconds ?? 10,
    ...(deps.spawnProcess ? { spawnProcess: deps.spawnProcess } : {}),
  };
  const now = deps.now ?? (() => new Date());

  return {
    provider: "rfc2136",
    async publish(domain: string, records: readonly PublishedRecord[]): Promise<DnsPublication> {
      const zone = configuredZone ?? checkedName(domain);
      const checked = records.map((record): PublishedRecord => {
        const name = checkedName(record.name);
        return record.type === "TXT" ? { name, type: "TXT", strings: record.strings } : { name, type: "CNAME", target: checkedName(record.target) };
      });
      const secret = await fetchTsigSecret(readSecret, secretId);
      const sentAt = now();
      const outcome = await runNsupdate(runner, { server, zone, keyName, algorithm, secret, records: checked, ttlSeconds: deps.ttlSeconds ?? 300 });
      if (outcome.kind !== "applied") throw publishError(outcome, { server: serverLabel(server), zone, keyName, algorithm, secretId, domain });
      return {
        changeId: `update id ${outcome.messageId ?? "?"} at ${sentAt.toISOString()}`,
        zone,
        target: `${serverLabel(server)} (${zone}, TSIG ${keyName})`,
      };
    },
    async waitInSync(): Promise<void> {},
  };
}

interface PublishFacts {
  readonly server: string;
  readonly zone: string;
  readonly keyName: string;
  readonly algorithm: string;
  readonly secretId: string;
  readonly domain: string;
}

/** nsupdate's outcome as the operator's sentence: what the primary said, and where to fix it. */
function publishError(outcome: Exclude<NsupdateOutcome, { kind: "applied" }>, facts: PublishFacts) {
  const { server, zone, keyName, algorithm, secretId, domain } = facts;
  switch (outcome.kind) {
    case "missing":
      return byodkimError("dns", "rfc2136.noNsupdate", undefined, "rfc2136.noNsupdate.hint");
    case "unreachable":
      return byodkimError("dns", "rfc2136.unreachable", { server, reason: outcome.reason }, "rfc2136.unreachable.hint", { server, domain });
    case "failed":
      return byodkimError("dns", "rfc2136.failed", { server, zone, said: outcome.said }, "rfc2136.failed.hint", { keyName, domain });
    case "rejected":
      switch (outcome.tsigError) {
        case "BADSIG":
          return byodkimError("dns", "rfc2136.badSig", { server, keyName }, "rfc2136.badSig.hint", { secretId, keyName });
        case "BADKEY":
          return byodkimError("dns", "rfc2136.badKey", { server, keyName, algorithm }, "rfc2136.badKey.hint");
        case "BADTIME":
          return byodkimError("dns", "rfc2136.badTime", { server }, "rfc2136.badTime.hint");
        case undefined:
          break;
        default:
          return byodkimError("dns", "rfc2136.tsigRejected", { server, keyName, code: outcome.tsigError }, "rfc2136.tsigRejected.hint", { secretId });
      }
      switch (outcome.rcode) {
        case "REFUSED":
          return byodkimError("dns", "rfc2136.refused", { server, zone }, "rfc2136.refused.hint", { keyName, zone, server });
        case "NOTAUTH":
          return byodkimError("dns", "rfc2136.notAuth", { server, zone }, "rfc2136.notAuth.hint", { domain });
        case "NOTZONE":
          return byodkimError("dns", "rfc2136.notZone", { domain, zone }, "rfc2136.notZone.hint", { domain });
        default:
          return byodkimError("dns", "rfc2136.failed", { server, zone, said: outcome.said }, "rfc2136.failed.hint", { keyName, domain });
      }
  }
}
