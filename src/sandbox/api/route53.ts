import { batchProblems, normalName, pollChange, ROUTE53_TYPES, submitChange, zoneOrder, zoneRecords } from "../route53Zones.js";
import type { RecordSetChange, SandboxChange, SandboxHostedZone, SandboxWorld, ZoneRecord } from "../world.js";
import { escapeXml, queryError, type WireRequest, type WireResponse, xml } from "./wire.js";

const NAMESPACE = "https://route53.amazonaws.com/doc/2013-04-01/";
const PREFIX = "/2013-04-01";
/** What the sandbox's nameservers answer with (zoneServer.ts), so the TTL Route 53 lists. */
const SERVED_TTL = 60;
/** RFC 1035 §3.3: a character-string is one length octet and at most 255 octets. */
const MAX_CHARACTER_STRING = 255;

/** Route 53's errors: `<ErrorResponse><Error><Type/><Code/><Message/></Error><RequestId/></ErrorResponse>`, as for the Query services. */
export const route53Error = queryError(NAMESPACE);

class Route53Rejection extends Error {
  constructor(
    readonly code: string,
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

const ROUTES: readonly (readonly [string, RegExp, string])[] = [
  ["GET", /^\/hostedzonesbyname$/, "ListHostedZonesByName"],
  ["GET", /^\/hostedzone\/([^/]+)$/, "GetHostedZone"],
  ["POST", /^\/hostedzone\/([^/]+)\/rrset\/?$/, "ChangeResourceRecordSets"],
  ["GET", /^\/hostedzone\/([^/]+)\/rrset\/?$/, "ListResourceRecordSets"],
  ["GET", /^\/change\/([^/]+)$/, "GetChange"],
];

/** The operation and the id in its path (a zone's or a change's), from the REST path as the SDK builds it. */
export function route53Route(request: WireRequest): { operation: string; id: string } {
  const path = request.url.pathname.startsWith(PREFIX) ? request.url.pathname.slice(PREFIX.length) : "";
  for (const [method, pattern, operation] of ROUTES) {
    const match = request.method === method ? pattern.exec(path) : null;
    if (match) return { operation, id: decodeURIComponent(match[1] ?? "") };
  }
  return { operation: "Unknown", id: "" };
}

export const route53Operation = (request: WireRequest) => route53Route(request).operation;

const unescapeXml = (text: string) =>
  text.replace(/&(#x?[0-9a-fA-F]+|lt|gt|amp|apos|quot);/g, (_, entity: string) => {
    if (entity.startsWith("#x")) return String.fromCodePoint(Number.parseInt(entity.slice(2), 16));
    if (entity.startsWith("#")) return String.fromCodePoint(Number(entity.slice(1)));
    return ({ lt: "<", gt: ">", amp: "&", apos: "'", quot: '"' } as Record<string, string>)[entity] ?? "";
  });

const element = (xmlText: string, name: string) => {
  const found = new RegExp(`<${name}>([\\s\\S]*?)</${name}>`).exec(xmlText)?.[1];
  return found === undefined ? undefined : unescapeXml(found);
};
const elements = (xmlText: string, name: string) => [...xmlText.matchAll(new RegExp(`<${name}>([\\s\\S]*?)</${name}>`, "g"))].map((match) => match[1] ?? "");

/** One `<Change>` of the batch as written, before its values are judged. */
export interface RequestedChange {
  readonly action: string;
  readonly name: string;
  readonly type: string;
  readonly ttl: string | undefined;
  readonly values: readonly string[];
  readonly alias: boolean;
}

/** The batch as the request body spells it; read without judging, so IAM can see the names before Route 53 looks at them. */
export function requestedChanges(body: Buffer): { changes: RequestedChange[]; comment: string | undefined } {
  const text = body.toString("utf8");
  const batch = /<ChangeBatch>([\s\S]*)<\/ChangeBatch>/.exec(text)?.[1] ?? "";
  const changes = elements(batch, "Change").map((change) => {
    const set = /<ResourceRecordSet>([\s\S]*)<\/ResourceRecordSet>/.exec(change)?.[1] ?? "";
    return {
      action: element(change, "Action") ?? "",
      name: element(set, "Name") ?? "",
      type: element(set, "Type") ?? "",
      ttl: element(set, "TTL"),
      values: elements(set, "ResourceRecord").map((record) => element(record, "Value") ?? ""),
      alias: set.includes("<AliasTarget>"),
    };
  });
  return { changes, comment: element(batch.replace(/<Changes>[\s\S]*<\/Changes>/, ""), "Comment") };
}

/**
 * `route53:ChangeResourceRecordSetsNormalizedRecordNames`: lower case, no trailing dot, and any
 * character but a-z 0-9 - _ . * as a three-digit octal escape (Route 53 Developer Guide, "Using IAM
 * policy conditions for fine-grained access control").
 */
export const normalizedRecordName = (name: string) =>
  normalName(name).replace(/[^a-z0-9\-_.*]/g, (char) => `\\${char.codePointAt(0)!.toString(8).padStart(3, "0")}`);

/** A TXT value as zone files write it: quoted character-strings (or bare words), each ≤ 255 bytes. */
function txtStrings(value: string): string[] {
  const strings: string[] = [];
  const token = /\s*(?:"((?:[^"\\]|\\.)*)"|([^\s"]+))/gy;
  let end = 0;
  for (let match = token.exec(value); match !== null && match[0] !== ""; match = token.exec(value)) {
    end = token.lastIndex;
    const raw = match[1] ?? match[2] ?? "";
    strings.push(raw.replace(/\\(\d{3}|.)/g, (_, escaped: string) => (/^\d{3}$/.test(escaped) ? String.fromCharCode(Number(escaped)) : escaped)));
  }
  if (value.slice(end).trim() !== "" || strings.length === 0) throw badRecord(value, "TXTRDATAMalformed (Value is not a valid TXT value)");
  if (strings.some((string) => Buffer.byteLength(string, "latin1") > MAX_CHARACTER_STRING)) throw badRecord(value, "TXTRDATATooLong (Value is too long)");
  return strings;
}

const badRecord = (value: string, problem: string) =>
  new Route53Rejection("InvalidChangeBatch", 400, `[Invalid Resource Record: 'FATAL problem: ${problem} encountered with '${value}'']`);

function judged(change: RequestedChange): RecordSetChange {
  const shown = `Change with [Action=${change.action}, Name=${change.name}, Type=${change.type}, SetIdentifier=null]`;
  if (!["CREATE", "UPSERT", "DELETE"].includes(change.action))
    throw new Route53Rejection(
      "InvalidInput",
      400,
      `Invalid XML ; cvc-enumeration-valid: Value '${change.action}' is not facet-valid with respect to enumeration '[CREATE, DELETE, UPSERT]'.`,
    );
  if (!ROUTE53_TYPES.includes(change.type as ZoneRecord["type"]))
    throw new Route53Rejection("InvalidInput", 400, `The byodkim sandbox's Route 53 takes ${ROUTE53_TYPES.join(", ")} records, not ${change.type}.`);
  if (change.alias || change.ttl === undefined || change.values.length === 0)
    throw new Route53Rejection(
      "InvalidInput",
      400,
      `Invalid request: Expected exactly one of [AliasTarget, all of [TTL, and ResourceRecords], or TrafficPolicyInstanceId], but found none in ${shown}`,
    );
  const type = change.type as ZoneRecord["type"];
  const name = normalName(change.name);
  const records = change.values.map((value): ZoneRecord => ({ name, type, data: type === "TXT" ? txtStrings(value) : normalName(value.trim()) }));
  return { action: change.action as RecordSetChange["action"], name, type, records };
}

function zoneOf(world: SandboxWorld, id: string): SandboxHostedZone {
  const zone = world.route53.zones.get(id);
  if (!zone) throw new Route53Rejection("NoSuchHostedZone", 404, `No hosted zone found with ID: ${id}`);
  return zone;
}

const hostedZoneXml = (world: SandboxWorld, zone: SandboxHostedZone) =>
  `<HostedZone><Id>/hostedzone/${zone.id}</Id><Name>${escapeXml(zone.name)}.</Name><CallerReference>byodkim-sandbox-${escapeXml(zone.name)}</CallerReference><Config><PrivateZone>false</PrivateZone></Config><ResourceRecordSetCount>${zoneRecordSets(world, zone).length + 2}</ResourceRecordSetCount></HostedZone>`;

const changeInfoXml = (change: SandboxChange) =>
  `<ChangeInfo><Id>/change/${change.id}</Id><Status>${change.status}</Status><SubmittedAt>${change.submittedAt.toISOString()}</SubmittedAt>${change.comment === undefined ? "" : `<Comment>${escapeXml(change.comment)}</Comment>`}</ChangeInfo>`;

/** The served records grouped into Route 53's record sets, in Route 53's order. */
function zoneRecordSets(world: SandboxWorld, zone: SandboxHostedZone) {
  const sets = new Map<string, { name: string; type: ZoneRecord["type"]; records: ZoneRecord[] }>();
  for (const record of zoneRecords(world, zone)) {
    const key = `${normalName(record.name)} ${record.type}`;
    const set = sets.get(key) ?? { name: normalName(record.name), type: record.type, records: [] };
    set.records.push(record);
    sets.set(key, set);
  }
  return [...sets.values()].sort((a, b) => zoneOrder(a.name, b.name) || a.type.localeCompare(b.type));
}

const zoneFileValue = (record: ZoneRecord) =>
  typeof record.data === "string" ? record.data : record.data.map((string) => `"${string.replace(/["\\]/g, (char) => `\\${char}`)}"`).join(" ");

const NAME_SERVERS = ["ns-0001.awsdns-sandbox.com", "ns-0002.awsdns-sandbox.net", "ns-0003.awsdns-sandbox.org", "ns-0004.awsdns-sandbox.co.uk"];

function respond(world: SandboxWorld, request: WireRequest, now: Date): WireResponse {
  const { operation, id } = route53Route(request);
  const query = request.url.searchParams;
  const answer = (body: string) => xml(operation, 200, body.replace(/^<(\w+)>/, `<$1 xmlns="${NAMESPACE}">`));
  switch (operation) {
    case "ListHostedZonesByName": {
      const dnsName = query.get("dnsname");
      const startId = query.get("hostedzoneid");
      if (startId !== null && dnsName === null) throw new Route53Rejection("InvalidInput", 400, "The DNS name is required when the hosted zone ID is given.");
      const max = Math.max(1, Math.min(100, Number(query.get("maxitems") ?? 100) || 100));
      const sorted = [...world.route53.zones.values()].sort((a, b) => zoneOrder(a.name, b.name) || a.id.localeCompare(b.id));
      const from = dnsName === null ? sorted : sorted.filter((zone) => zoneOrder(zone.name, dnsName) >= 0);
      const page = from.slice(0, max);
      const next = from[max];
      return answer(
        `<ListHostedZonesByNameResponse><HostedZones>${page.map((zone) => hostedZoneXml(world, zone)).join("")}</HostedZones>${dnsName === null ? "" : `<DNSName>${escapeXml(normalName(dnsName))}.</DNSName>`}<IsTruncated>${next !== undefined}</IsTruncated>${next ? `<NextDNSName>${escapeXml(next.name)}.</NextDNSName><NextHostedZoneId>${next.id}</NextHostedZoneId>` : ""}<MaxItems>${max}</MaxItems></ListHostedZonesByNameResponse>`,
      );
    }
    case "GetHostedZone": {
      const zone = zoneOf(world, id);
      const servers = NAME_SERVERS.map((server) => `<NameServer>${server}</NameServer>`).join("");
      return answer(
        `<GetHostedZoneResponse>${hostedZoneXml(world, zone)}<DelegationSet><NameServers>${servers}</NameServers></DelegationSet></GetHostedZoneResponse>`,
      );
    }
    case "ChangeResourceRecordSets": {
      const zone = zoneOf(world, id);
      const { changes, comment } = requestedChanges(request.body);
      if (changes.length === 0)
        throw new Route53Rejection("InvalidInput", 400, "Invalid XML ; cvc-complex-type.2.4.b: The content of element 'Changes' is not complete.");
      const batch = changes.map(judged);
      const problems = batchProblems(world, zone, batch);
      if (problems.length > 0) throw new Route53Rejection("InvalidChangeBatch", 400, `[${problems.join(", ")}]`);
      const change = submitChange(world, zone, batch, now, comment);
      return answer(`<ChangeResourceRecordSetsResponse>${changeInfoXml(change)}</ChangeResourceRecordSetsResponse>`);
    }
    case "GetChange": {
      const change = world.route53.changes.get(id);
      if (!change) throw new Route53Rejection("NoSuchChange", 404, `A change with the specified change ID does not exist: ${id}`);
      return answer(`<GetChangeResponse>${changeInfoXml(pollChange(world, change))}</GetChangeResponse>`);
    }
    case "ListResourceRecordSets": {
      const zone = zoneOf(world, id);
      const startName = query.get("name");
      const startType = query.get("type");
      if (startType !== null && startName === null) throw new Route53Rejection("InvalidInput", 400, "The type is given without a name.");
      const max = Math.max(1, Math.min(300, Number(query.get("maxitems") ?? 300) || 300));
      const sets = zoneRecordSets(world, zone).filter(
        (set) =>
          startName === null || zoneOrder(set.name, startName) > 0 || (zoneOrder(set.name, startName) === 0 && (startType === null || set.type >= startType)),
      );
      const page = sets.slice(0, max);
      const next = sets[max];
      const setXml = (set: (typeof sets)[number]) =>
        `<ResourceRecordSet><Name>${escapeXml(set.name)}.</Name><Type>${set.type}</Type><TTL>${SERVED_TTL}</TTL><ResourceRecords>${set.records.map((record) => `<ResourceRecord><Value>${escapeXml(zoneFileValue(record))}</Value></ResourceRecord>`).join("")}</ResourceRecords></ResourceRecordSet>`;
      return answer(
        `<ListResourceRecordSetsResponse><ResourceRecordSets>${page.map(setXml).join("")}</ResourceRecordSets><IsTruncated>${next !== undefined}</IsTruncated>${next ? `<NextRecordName>${escapeXml(next.name)}.</NextRecordName><NextRecordType>${next.type}</NextRecordType>` : ""}<MaxItems>${max}</MaxItems></ListResourceRecordSetsResponse>`,
      );
    }
    default:
      throw new Route53Rejection("InvalidAction", 400, "Unsupported operation in the byodkim sandbox.");
  }
}

/** Route 53's REST-XML API for the operations byodkim makes; the zones are the sandbox's, their records its nameservers'. */
export function handleRoute53(world: SandboxWorld, request: WireRequest, now: Date): WireResponse {
  try {
    return respond(world, request, now);
  } catch (err) {
    if (err instanceof Route53Rejection) return route53Error(route53Operation(request), err.code, err.status, err.message);
    throw err;
  }
}
