import { json, type WireRequest, type WireResponse } from "./api/wire.js";
import type { SandboxWorld, ZoneRecord } from "./world.js";

const TYPES: readonly ZoneRecord["type"][] = ["TXT", "CNAME", "NS", "A"];
/** RFC 1035 §3.3: a character-string is one length octet and at most 255 octets of data. */
const MAX_CHARACTER_STRING = 255;
const NAME = /^(?=.{1,253}$)([A-Za-z0-9_](?:[A-Za-z0-9_-]{0,61}[A-Za-z0-9_])?\.)*[A-Za-z0-9_](?:[A-Za-z0-9_-]{0,61}[A-Za-z0-9_])?\.?$/;

const sameName = (a: string, b: string) => a.toLowerCase().replace(/\.$/, "") === b.toLowerCase().replace(/\.$/, "");

class BadDnsRequest extends Error {}

/** Each simulated nameserver's records, as `GET /_sandbox/dns` lists them. */
export const describeNameservers = (world: SandboxWorld) => world.nameservers.map((records, server) => ({ server, records }));

/**
 * `/_sandbox/dns`, so a test or a drill can publish the DNS team's change at a precise moment:
 * GET lists each nameserver's records; POST `{name, type, data, servers?}` replaces every record of
 * that name and type on those nameservers (all when `servers` is absent); DELETE `?name=&type=[&server=N]` removes them.
 */
export function dnsEndpoint(world: SandboxWorld, request: WireRequest): WireResponse {
  const answer = () => json("SandboxDns", 200, describeNameservers(world));
  try {
    switch (request.method) {
      case "GET":
        return answer();
      case "POST": {
        const { record, servers } = publicationFrom(world, request.body);
        replaceOn(world, servers, record.name, record.type, [record]);
        return answer();
      }
      case "DELETE": {
        const name = request.url.searchParams.get("name");
        const type = request.url.searchParams.get("type");
        const server = request.url.searchParams.get("server");
        if (name === null || !NAME.test(name)) throw new BadDnsRequest("give ?name= a DNS name, e.g. ?name=sel._domainkey.goo.ne.jp&type=TXT");
        replaceOn(world, serversFrom(world, server === null ? undefined : [Number(server)]), name, typeFrom(type), []);
        return answer();
      }
      default:
        return json("SandboxDns", 405, { message: "use GET, POST or DELETE" });
    }
  } catch (err) {
    if (err instanceof BadDnsRequest) return json("SandboxDns", 400, { message: err.message });
    throw err;
  }
}

/** Publishes `record` on every nameserver, in place of that name's records of its type: the DNS team's change, in-process. */
export function publishRecord(world: SandboxWorld, record: ZoneRecord): void {
  replaceOn(world, serversFrom(world, undefined), record.name, record.type, [record]);
}

function replaceOn(world: SandboxWorld, servers: readonly number[], name: string, type: ZoneRecord["type"], records: readonly ZoneRecord[]): void {
  for (const server of servers) {
    const kept = world.nameservers[server]!.filter((record) => !(record.type === type && sameName(record.name, name)));
    world.nameservers[server] = [...kept, ...records];
  }
}

function typeFrom(value: unknown): ZoneRecord["type"] {
  if (typeof value !== "string" || !TYPES.includes(value as ZoneRecord["type"])) throw new BadDnsRequest(`type must be one of ${TYPES.join(", ")}`);
  return value as ZoneRecord["type"];
}

function serversFrom(world: SandboxWorld, value: unknown): number[] {
  const all = world.nameservers.map((_, index) => index);
  if (value === undefined) return all;
  const valid = Array.isArray(value) && value.length > 0 && value.every((server) => Number.isInteger(server) && server >= 0 && server < all.length);
  if (!valid) throw new BadDnsRequest(`servers must be a non-empty list of nameserver numbers from 0 to ${all.length - 1}`);
  return [...new Set(value as number[])];
}

function dataFrom(type: ZoneRecord["type"], value: unknown): ZoneRecord["data"] {
  if (type !== "TXT") {
    if (typeof value !== "string" || value === "") throw new BadDnsRequest(`data of a ${type} record is one string`);
    return value;
  }
  const strings = typeof value === "string" ? [value] : value;
  if (!Array.isArray(strings) || strings.length === 0 || !strings.every((string) => typeof string === "string")) {
    throw new BadDnsRequest("data of a TXT record is a string or a list of strings (the record's character-strings)");
  }
  const tooLong = strings.findIndex((string: string) => Buffer.byteLength(string) > MAX_CHARACTER_STRING);
  if (tooLong >= 0) throw new BadDnsRequest(`data[${tooLong}] is over 255 bytes: split the record into character-strings of at most 255 bytes`);
  return strings as string[];
}

function publicationFrom(world: SandboxWorld, body: Buffer): { record: ZoneRecord; servers: number[] } {
  let value: unknown;
  try {
    value = JSON.parse(body.toString("utf8"));
  } catch {
    throw new BadDnsRequest('send JSON: {"name": "sel._domainkey.goo.ne.jp", "type": "TXT", "data": ["v=DKIM1; k=rsa; p=…"], "servers": [0, 1]}');
  }
  if (value === null || typeof value !== "object" || Array.isArray(value)) throw new BadDnsRequest("send one JSON object with name, type and data");
  const { name, type, data, servers } = value as Record<string, unknown>;
  if (typeof name !== "string" || !NAME.test(name)) throw new BadDnsRequest("name must be a DNS name, e.g. sel._domainkey.goo.ne.jp");
  const recordType = typeFrom(type);
  return { record: { name: name.replace(/\.$/, ""), type: recordType, data: dataFrom(recordType, data) }, servers: serversFrom(world, servers) };
}
