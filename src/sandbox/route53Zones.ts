import { createHash } from "node:crypto";
import { identitiesByRegion, type RecordSetChange, type SandboxChange, type SandboxHostedZone, type SandboxWorld, type ZoneRecord } from "./world.js";

/** The record types the sandbox's nameservers serve, and so the ones its Route 53 takes. */
export const ROUTE53_TYPES: readonly ZoneRecord["type"][] = ["TXT", "CNAME", "NS", "A"];

export const normalName = (name: string) => name.toLowerCase().replace(/\.$/, "");

const base36Id = (prefix: string, text: string, length: number) =>
  `${prefix}${BigInt(`0x${createHash("sha256").update(text).digest("hex")}`)
    .toString(36)
    .toUpperCase()
    .slice(0, length)}`;

export const hostedZoneId = (name: string) => base36Id("Z", `hostedzone:${normalName(name)}`, 20);

/** A public hosted zone for the home domain and for each identity's domain, in every region. */
export function seedHostedZones(world: SandboxWorld, homeDomain: string): void {
  const names = new Set([normalName(homeDomain)]);
  for (const [, identities] of identitiesByRegion(world)) for (const name of identities.keys()) if (!name.includes("@")) names.add(normalName(name));
  for (const name of names) world.route53.zones.set(hostedZoneId(name), { id: hostedZoneId(name), name });
}

/** Route 53's order: by the name read from its last label back (com.example.www), then by type. */
export function zoneOrder(a: string, b: string): number {
  const key = (name: string) => normalName(name).split(".").reverse().join(".");
  return key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0;
}

const inZone = (zone: SandboxHostedZone, name: string) => normalName(name) === zone.name || normalName(name).endsWith(`.${zone.name}`);

/** The zone's record sets as Route 53 holds them: what the nameservers serve, with the changes not yet in sync on top. */
export function zoneRecords(world: SandboxWorld, zone: SandboxHostedZone): ZoneRecord[] {
  let records = (world.nameservers[0] ?? []).filter((record) => inZone(zone, record.name));
  for (const change of world.route53.changes.values()) if (change.zoneId === zone.id && change.status === "PENDING") records = applied(records, change.changes);
  return records;
}

const sameSet = (record: ZoneRecord, name: string, type: ZoneRecord["type"]) => record.type === type && normalName(record.name) === normalName(name);

function applied(records: readonly ZoneRecord[], changes: readonly RecordSetChange[]): ZoneRecord[] {
  let result = [...records];
  for (const change of changes) {
    result = result.filter((record) => !sameSet(record, change.name, change.type));
    if (change.action !== "DELETE") result.push(...change.records);
  }
  return result;
}

/** The change reaches every nameserver: each record set it names is replaced (or removed) there. */
function serve(world: SandboxWorld, change: SandboxChange): void {
  for (const [index, records] of world.nameservers.entries()) world.nameservers[index] = applied(records, change.changes);
  change.status = "INSYNC";
}

/** GetChange's view: a pending change counts one poll down, and is served once its polls are used up. */
export function pollChange(world: SandboxWorld, change: SandboxChange): SandboxChange {
  if (change.status === "PENDING") {
    if (change.pollsLeft <= 0) serve(world, change);
    else change.pollsLeft -= 1;
  }
  return change;
}

/** Every pending change is served: time has passed (the sandbox's clock moved on). */
export function settleChanges(world: SandboxWorld): void {
  for (const change of world.route53.changes.values()) if (change.status === "PENDING") serve(world, change);
}

export function submitChange(
  world: SandboxWorld,
  zone: SandboxHostedZone,
  changes: readonly RecordSetChange[],
  submittedAt: Date,
  comment?: string,
): SandboxChange {
  const id = base36Id("C", `change:${world.route53.changes.size}:${zone.id}`, 20);
  const change: SandboxChange = {
    id,
    zoneId: zone.id,
    submittedAt,
    ...(comment === undefined ? {} : { comment }),
    changes,
    status: "PENDING",
    pollsLeft: world.route53.pendingPolls,
  };
  world.route53.changes.set(id, change);
  return change;
}

/**
 * Why Route 53 would refuse the batch (InvalidChangeBatch's messages), judged against the zone as it
 * stands with every earlier change of the same batch applied; empty: it is accepted.
 */
export function batchProblems(world: SandboxWorld, zone: SandboxHostedZone, changes: readonly RecordSetChange[]): string[] {
  const problems: string[] = [];
  let records = zoneRecords(world, zone);
  for (const change of changes) {
    const shown = `[name='${normalName(change.name)}.', type='${change.type}']`;
    const existing = records.filter((record) => sameSet(record, change.name, change.type));
    if (!inZone(zone, change.name)) {
      problems.push(`RRSet with DNS name ${normalName(change.name)}. is not permitted in zone ${zone.name}.`);
      continue;
    }
    if (change.action === "CREATE" && existing.length > 0) problems.push(`Tried to create resource record set ${shown} but it already exists`);
    if (change.action === "DELETE" && existing.length === 0) problems.push(`Tried to delete resource record set ${shown} but it was not found`);
    if (change.action === "DELETE" && existing.length > 0 && !sameValues(existing, change.records))
      problems.push(`Tried to delete resource record set ${shown} but the values provided do not match the current values`);
    const others = records.filter((record) => normalName(record.name) === normalName(change.name) && record.type !== change.type);
    if (change.action !== "DELETE" && others.length > 0 && (change.type === "CNAME" || others.some((record) => record.type === "CNAME")))
      problems.push(
        `RRSet of type ${change.type} with DNS name ${normalName(change.name)}. is not permitted as it conflicts with other records with the same DNS name in zone ${zone.name}.`,
      );
    records = applied(records, [change]);
  }
  return problems;
}

const valueKey = (record: ZoneRecord) => JSON.stringify(typeof record.data === "string" ? normalName(record.data) : record.data);
const sameValues = (a: readonly ZoneRecord[], b: readonly ZoneRecord[]) =>
  a.length === b.length && a.map(valueKey).sort().join("\n") === b.map(valueKey).sort().join("\n");
