import type { Route53Client } from "@aws-sdk/client-route-53";
import { quoteCharacterString, splitCharacterStrings } from "../dkim/handoff.js";
import type { DnsPublisher, PublishedRecord } from "../dns/types.js";
import { ByodkimError, byodkimError } from "../errors.js";
import { msgFromBag } from "../messages/msg.js";
import { type AwsCallContext, callAws, errorName, translateAwsError } from "./awsErrors.js";

export interface Route53PublisherOptions {
  /** Built on first use: the SDK's module loads only when a record is published. */
  readonly client: () => Promise<Route53Client>;
  /** `dns.publish.hostedZoneId`; absent: the longest public hosted zone enclosing the domain. */
  readonly hostedZoneId?: string | undefined;
  /** The run's clock: tests give one that does not wait. */
  readonly sleep: (ms: number) => Promise<void>;
  readonly pollIntervalMs?: number;
  /** How long GetChange may say PENDING before byodkim stops waiting and says so. */
  readonly inSyncTimeoutMs?: number;
}

/** Route 53 applies a change to all its servers within about 60 seconds; AWS's own waiter asks every 30, we ask more often to end sooner. */
export const ROUTE53_POLL_INTERVAL_MS = 5_000;
export const ROUTE53_IN_SYNC_TIMEOUT_MS = 10 * 60_000;
/** The TTL of the records byodkim publishes: a rotation waits out a cached answer, so short, but not so short resolvers ask on every message. */
export const PUBLISHED_TTL_SECONDS = 300;

const ZONE_NOT_FOUND = new Set(["NoSuchHostedZone", "HostedZoneNotFound"]);
const CHANGE_REFUSED = new Set(["InvalidChangeBatch", "InvalidInput"]);
// Route 53 answers a change sent while the zone's previous one is being applied with this; the SDK does not retry it.
const BUSY = new Set(["PriorRequestNotComplete"]);

export function createRoute53Publisher(options: Route53PublisherOptions): DnsPublisher {
  const pollIntervalMs = options.pollIntervalMs ?? ROUTE53_POLL_INTERVAL_MS;
  const maxPolls = Math.max(1, Math.ceil((options.inSyncTimeoutMs ?? ROUTE53_IN_SYNC_TIMEOUT_MS) / pollIntervalMs));
  const sdk = () => import("@aws-sdk/client-route-53");

  // One run asks for a domain's zone at its check, its re-check and its publish: Route 53 is asked once.
  const zones = new Map<string, Promise<{ id: string; name: string }>>();
  const findZone = (domain: string): Promise<{ id: string; name: string }> => {
    const key = domain.toLowerCase().replace(/\.$/, "");
    let found = zones.get(key);
    if (!found) {
      found = lookUpZone(key);
      // A failed lookup is not remembered: the next ask (a re-check after the operator fixed it) asks again.
      found.catch(() => zones.delete(key));
      zones.set(key, found);
    }
    return found;
  };

  async function lookUpZone(domain: string): Promise<{ id: string; name: string }> {
    const { ListHostedZonesByNameCommand } = await sdk();
    const client = await options.client();
    const labels = domain.toLowerCase().replace(/\.$/, "").split(".");
    // Longest first: a delegated sub-zone (mail.goo.ne.jp) holds the records, not its parent.
    for (let start = 0; start < labels.length - 1; start++) {
      const name = labels.slice(start).join(".");
      const context: AwsCallContext = { service: "Route53", action: "route53:ListHostedZonesByName", resource: "*" };
      const listed = await callAws(context, () => client.send(new ListHostedZonesByNameCommand({ DNSName: name, MaxItems: 100 })));
      const zones = (listed.HostedZones ?? [])
        .filter((zone) => (zone.Name ?? "").toLowerCase().replace(/\.$/, "") === name)
        .map((zone) => ({ id: bareZoneId(zone.Id ?? ""), name, isPrivate: zone.Config?.PrivateZone === true }));
      if (options.hostedZoneId !== undefined) {
        const configured = zones.find((zone) => zone.id === options.hostedZoneId);
        if (configured) return configured;
        continue;
      }
      // A private zone answers only inside its VPCs: the world's verifiers never see it.
      const publicZones = zones.filter((zone) => !zone.isPrivate);
      if (publicZones.length > 1) {
        throw byodkimError(
          "config",
          "dnsPublish.route53.severalZones",
          { zone: name, ids: publicZones.map((zone) => zone.id).join(", ") },
          "dnsPublish.route53.severalZones.hint",
        );
      }
      if (publicZones[0]) return publicZones[0];
    }
    if (options.hostedZoneId !== undefined) {
      throw byodkimError("config", "dnsPublish.route53.zoneNotEnclosing", { id: options.hostedZoneId, domain }, "dnsPublish.route53.zoneNotEnclosing.hint");
    }
    throw byodkimError("config", "dnsPublish.route53.noZone", { domain }, "dnsPublish.route53.noZone.hint");
  }

  return {
    provider: "route53",
    async locate(domain) {
      const zone = await findZone(domain);
      return `Route 53 ${zone.id} (${zone.name})`;
    },
    async publish(domain, records) {
      const zone = await findZone(domain);
      const { ChangeResourceRecordSetsCommand } = await sdk();
      const client = await options.client();
      const context: AwsCallContext = {
        service: "Route53",
        action: "route53:ChangeResourceRecordSets",
        resource: `arn:aws:route53:::hostedzone/${zone.id}`,
        mutating: true,
      };
      const answer = await route53Call(context, () =>
        client.send(
          new ChangeResourceRecordSetsCommand({
            HostedZoneId: zone.id,
            ChangeBatch: { Comment: `byodkim ${domain}`, Changes: records.map((record) => ({ Action: "UPSERT", ResourceRecordSet: recordSet(record) })) },
          }),
        ),
      );
      const changeId = bareChangeId(answer.ChangeInfo?.Id ?? "");
      return { changeId, zone: zone.name, target: `Route 53 ${zone.id} (${zone.name})` };
    },
    async waitInSync(publication, onWait) {
      const { GetChangeCommand } = await sdk();
      const client = await options.client();
      const context: AwsCallContext = { service: "Route53", action: "route53:GetChange", resource: `arn:aws:route53:::change/${publication.changeId}` };
      for (let polls = 1; polls <= maxPolls; polls++) {
        const answer = await route53Call(context, () => client.send(new GetChangeCommand({ Id: publication.changeId })));
        if (answer.ChangeInfo?.Status === "INSYNC") return;
        onWait?.(polls);
        await options.sleep(pollIntervalMs);
      }
      throw byodkimError(
        "change",
        "dnsPublish.route53.notInSync",
        { changeId: publication.changeId, minutes: Math.round((maxPolls * pollIntervalMs) / 60_000) },
        "dnsPublish.route53.notInSync.hint",
        { changeId: publication.changeId },
      );
    },
  };
}

/** Route 53's record set for one published record: TXT in zone-file syntax, each string quoted and at most 255 bytes. */
export function recordSet(record: PublishedRecord) {
  const name = `${record.name.replace(/\.$/, "")}.`;
  if (record.type === "CNAME") {
    return { Name: name, Type: "CNAME" as const, TTL: PUBLISHED_TTL_SECONDS, ResourceRecords: [{ Value: `${record.target.replace(/\.$/, "")}.` }] };
  }
  const value = record.strings.flatMap(splitCharacterStrings).map(quoteCharacterString).join(" ");
  return { Name: name, Type: "TXT" as const, TTL: PUBLISHED_TTL_SECONDS, ResourceRecords: [{ Value: value }] };
}

const bareZoneId = (id: string): string => id.replace(/^\/?hostedzone\//, "");
const bareChangeId = (id: string): string => id.replace(/^\/?change\//, "");

/** Route 53's own refusals said in the operator's words; the rest as every AWS failure is said. */
async function route53Call<T>(context: AwsCallContext, call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (err) {
    if (err instanceof ByodkimError) throw err;
    const name = errorName(err) ?? "";
    const general = translateAwsError(err, context);
    const params = { action: context.action, resource: context.resource ?? "*" };
    if (ZONE_NOT_FOUND.has(name)) return rethrow("dnsPublish.route53.zoneGone", params, general);
    if (CHANGE_REFUSED.has(name)) return rethrow("dnsPublish.route53.refused", params, general);
    if (BUSY.has(name)) return rethrow("dnsPublish.route53.busy", params, general);
    throw general;
  }
}

function rethrow(
  key: "dnsPublish.route53.zoneGone" | "dnsPublish.route53.refused" | "dnsPublish.route53.busy",
  params: { action: string; resource: string },
  general: ByodkimError,
): never {
  // The SDK's message (InvalidChangeBatch says which record and why) stays the detail, shown with --verbose.
  throw new ByodkimError("aws", msgFromBag(key, params), msgFromBag(`${key}.hint`, params), general.detail);
}
