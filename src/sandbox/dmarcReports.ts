import { createHash } from "node:crypto";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { readKeyHistory } from "../state/keyHistory.js";
import { ensureOwnFolder, entryAt, removeOwnFile, writeNewFile } from "../state/ownFiles.js";
import { readStateObject } from "../state/stateSecret.js";
import { SANDBOX_DEFAULTS } from "./defaults.js";
import { AMAZONSES_DOMAIN, AMAZONSES_SELECTOR } from "./sesMailKeys.js";
import { type SandboxIdentity, type SandboxWorld, secretsIn } from "./world.js";

const DAY_MS = 86_400_000;

/** The receivers whose reports the sandbox writes, each in its own file format (RFC 7489 §7.2.1.1 names). */
const RECEIVERS = [
  { org: "google.com", email: "noreply-dmarc-support@google.com", fileDomain: "google.com", format: "zip", volume: 1200, withVersion: true },
  {
    org: "Enterprise Outlook",
    email: "dmarcreport@microsoft.com",
    fileDomain: "enterprise.protection.outlook.com",
    format: "gz",
    volume: 400,
    withVersion: false,
    schemaNamespaces: true,
  },
  { org: "Yahoo", email: "dmarchelp@yahooinc.com", fileDomain: "yahoo.com", format: "xml", volume: 150, withVersion: false },
] as const;

/** SES's sending addresses the records come from. */
const SOURCE_IPS = ["54.240.27.11", "54.240.27.12"] as const;

/** A selector's part of one day's mail: SES signed `share` of it with that selector. */
export interface SelectorShare {
  readonly selector: string;
  readonly share: number;
}

interface SelectorSpan {
  readonly selector: string;
  readonly activeFrom: number;
  /** When SES stopped signing with it (a rotation): from here its share fades. */
  readonly until: number;
  /** When the last sender still signing with it stopped: three quarters into the grace period. */
  readonly fadedBy: number;
}

const timeOf = (text: string | undefined, fallback: number) => (text === undefined || Number.isNaN(Date.parse(text)) ? fallback : Date.parse(text));

/** The state secret byodkim keeps for the identity, found as the sandbox's config names it (one secret, or one per identity). */
function stateSecretFor(world: SandboxWorld, region: string, identity: SandboxIdentity): string | undefined {
  const secrets = [...secretsIn(world, region).values()];
  const secret =
    identity.name === SANDBOX_DEFAULTS.domain && region === world.region
      ? secrets.find((candidate) => candidate.name === SANDBOX_DEFAULTS.secretId)
      : secrets.find((candidate) => candidate.name.includes(identity.name));
  return secret?.versions.at(-1)?.value;
}

/**
 * Which selector SES signed with when, from the key history byodkim keeps in the state secret
 * (`active_since`, `retiring_since`, `retire_after`); without one, the selector SES signs with now, all along.
 */
export function selectorSpans(world: SandboxWorld, region: string, identity: SandboxIdentity): SelectorSpan[] {
  const stateText = stateSecretFor(world, region, identity);
  const history = stateText === undefined ? {} : readKeyHistory(readStateObject(stateText));
  const spans = Object.entries(history)
    .filter(([, entry]) => entry.status !== "created" && (entry.active_since !== undefined || entry.retiring_since !== undefined || entry.status === "active"))
    .map(([selector, entry]): SelectorSpan => {
      const until = timeOf(entry.retiring_since, Number.POSITIVE_INFINITY);
      const retireAfter = timeOf(entry.retire_after, until + 7 * DAY_MS);
      return { selector, activeFrom: timeOf(entry.active_since, Number.NEGATIVE_INFINITY), until, fadedBy: until + 0.75 * (retireAfter - until) };
    });
  if (spans.length > 0) return spans;
  const current = identity.dkim.tokens[0];
  return current === undefined
    ? []
    : [{ selector: current, activeFrom: Number.NEGATIVE_INFINITY, until: Number.POSITIVE_INFINITY, fadedBy: Number.POSITIVE_INFINITY }];
}

/**
 * The shares of mail signed by each selector at `at`: the selector active then takes what the
 * retiring ones leave; a retiring selector starts at half the mail (another sender still signing
 * with it) and fades to none over the first three quarters of its grace period.
 */
export function selectorSharesAt(spans: readonly SelectorSpan[], at: number): SelectorShare[] {
  const fading = spans
    .filter((span) => span.until <= at && at < span.fadedBy)
    .map((span) => ({ selector: span.selector, share: 0.5 * (1 - (at - span.until) / (span.fadedBy - span.until)) }));
  const active = spans.filter((span) => span.activeFrom <= at && at < span.until).sort((a, b) => b.activeFrom - a.activeFrom)[0];
  const left = 1 - fading.reduce((sum, span) => sum + span.share, 0);
  return [...(active ? [{ selector: active.selector, share: left }] : []), ...fading];
}

/** A number from the names, the same every time: realistic variation that a test can recompute. */
const steady = (...parts: (string | number)[]) => createHash("sha256").update(parts.join("|")).digest().readUInt32BE(0) / 0x1_0000_0000;

export interface WrittenDmarcReport {
  /** The file's path, or `s3://bucket/key`. */
  readonly file: string;
  readonly org: string;
  readonly domain: string;
  readonly begin: string;
  readonly end: string;
  readonly messages: number;
  /** selector → messages with a passing DKIM signature by it (the domain's own). */
  readonly pass: Readonly<Record<string, number>>;
  /** selector → messages whose signature by it failed. */
  readonly fail: Readonly<Record<string, number>>;
}

interface ReportRecord {
  readonly ip: string;
  readonly count: number;
  readonly dkim: { readonly selector: string; readonly result: "pass" | "fail" } | undefined;
}

/** One receiver's day for one domain: records per selector and source address, plus a few forwarded copies whose signature broke. */
function dayRecords(identity: SandboxIdentity, receiver: (typeof RECEIVERS)[number], shares: readonly SelectorShare[], begin: number): ReportRecord[] {
  const total = Math.round(receiver.volume * (0.85 + 0.3 * steady(identity.name, receiver.org, begin)));
  const records: ReportRecord[] = [];
  for (const [index, { selector, share }] of shares.entries()) {
    const messages = Math.round(total * share);
    if (messages === 0) continue;
    const broken = index === 0 ? Math.floor(messages * 0.01) : 0;
    const first = Math.round((messages - broken) * 0.6);
    records.push(
      { ip: SOURCE_IPS[0], count: first, dkim: { selector, result: "pass" } },
      { ip: SOURCE_IPS[1], count: messages - broken - first, dkim: { selector, result: "pass" } },
    );
    if (broken > 0) records.push({ ip: "203.0.113.25", count: broken, dkim: { selector, result: "fail" } });
  }
  if (shares.length === 0) records.push({ ip: SOURCE_IPS[0], count: total, dkim: undefined });
  return records.filter((record) => record.count > 0);
}

/** RFC 7489 appendix C's feedback document, as fast-xml-parser's builder writes it. */
async function feedbackXml(
  identity: SandboxIdentity,
  receiver: (typeof RECEIVERS)[number],
  records: readonly ReportRecord[],
  begin: number,
  end: number,
): Promise<string> {
  const { XMLBuilder } = await import("fast-xml-parser");
  const builder = new XMLBuilder({ format: true, ignoreAttributes: false, suppressEmptyNode: true });
  const seconds = (ms: number) => Math.floor(ms / 1000);
  const document = {
    "?xml": { "@_version": "1.0", "@_encoding": "UTF-8" },
    feedback: {
      // Some receivers declare the XML Schema namespaces on the root; a reader must not mind.
      ...("schemaNamespaces" in receiver
        ? { "@_xmlns:xsd": "http://www.w3.org/2001/XMLSchema", "@_xmlns:xsi": "http://www.w3.org/2001/XMLSchema-instance" }
        : {}),
      ...(receiver.withVersion ? { version: "1.0" } : {}),
      report_metadata: {
        org_name: receiver.org,
        email: receiver.email,
        report_id: createHash("sha256").update(`${identity.name}|${receiver.org}|${begin}`).digest("hex").slice(0, 32),
        date_range: { begin: seconds(begin), end: seconds(end) },
      },
      policy_published: { domain: identity.name, adkim: "r", aspf: "r", p: "none", sp: "none", pct: 100 },
      record: records.map((record) => ({
        row: {
          source_ip: record.ip,
          count: record.count,
          policy_evaluated: { disposition: "none", dkim: record.dkim?.result === "pass" ? "pass" : "fail", spf: "fail" },
        },
        identifiers: { header_from: identity.name },
        auth_results: {
          dkim: [
            ...(record.dkim ? [{ domain: identity.name, selector: record.dkim.selector, result: record.dkim.result }] : []),
            { domain: AMAZONSES_DOMAIN, selector: AMAZONSES_SELECTOR, result: "pass" },
          ],
          // SES's MAIL FROM is its own domain: SPF passes there, unaligned with the From domain.
          spf: { domain: AMAZONSES_DOMAIN, scope: "mfrom", result: "pass" },
        },
      })),
    },
  };
  return builder.build(document) as string;
}

async function packed(receiver: (typeof RECEIVERS)[number], name: string, xml: string): Promise<{ name: string; body: Uint8Array }> {
  if (receiver.format === "xml") return { name: `${name}.xml`, body: Buffer.from(xml) };
  if (receiver.format === "gz") return { name: `${name}.xml.gz`, body: gzipSync(xml) };
  const { zipSync, strToU8 } = await import("fflate");
  return { name: `${name}.zip`, body: zipSync({ [`${name}.xml`]: strToU8(xml) }) };
}

export class DmarcReportRefusal extends Error {}

export interface DmarcReportRequest {
  /** A folder, or `s3://bucket/prefix` in the sandbox's S3. */
  readonly out: string;
  readonly days: number;
  /** Only this identity's reports; all of the home region's otherwise. */
  readonly domain?: string;
}

/**
 * Aggregate reports as receivers send them, for each of the last `days` UTC days and today so far,
 * per identity and receiver: counts per selector following the identity's key history.
 */
export async function writeDmarcReports(world: SandboxWorld, request: DmarcReportRequest, now: Date): Promise<WrittenDmarcReport[]> {
  if (!Number.isInteger(request.days) || request.days < 1 || request.days > 90) throw new DmarcReportRefusal("days must be a whole number from 1 to 90");
  const s3 = /^s3:\/\/([^/]+)\/?(.*)$/.exec(request.out);
  const bucket = s3 ? world.buckets.get(s3[1]!) : undefined;
  if (s3 && !bucket) throw new DmarcReportRefusal(`the sandbox has no bucket ${s3[1]}; it has ${[...world.buckets.keys()].join(", ")}`);
  if (!s3) ensureOwnFolder(request.out);
  const identities = [...world.identities.values()].filter(
    (identity) => identity.verifiedForSending && (request.domain === undefined || identity.name === request.domain.toLowerCase()),
  );
  if (identities.length === 0) throw new DmarcReportRefusal(`no SES identity ${request.domain ?? ""} in ${world.region} sends mail`);
  const today = Math.floor(now.getTime() / DAY_MS) * DAY_MS;
  const written: WrittenDmarcReport[] = [];
  // Today's report so far replaces the one an earlier run wrote, so no message is counted twice.
  for (const earlier of world.mail.partialDmarcReports.splice(0)) removeReport(world, earlier);
  const partial = world.mail.partialDmarcReports;
  for (const identity of identities) {
    const spans = selectorSpans(world, world.region, identity);
    for (let day = request.days; day >= 0; day--) {
      const begin = today - day * DAY_MS;
      // Today's report is the day so far: what receivers would send if the day ended now.
      const end = Math.min(begin + DAY_MS - 1000, now.getTime());
      const shares = selectorSharesAt(spans, end);
      for (const receiver of RECEIVERS) {
        const records = dayRecords(identity, receiver, shares, begin);
        const name = `${receiver.fileDomain}!${identity.name}!${Math.floor(begin / 1000)}!${Math.floor(end / 1000)}`;
        const file = await packed(receiver, name, await feedbackXml(identity, receiver, records, begin, end));
        const tally = (result: "pass" | "fail") =>
          Object.fromEntries(
            [...new Set(records.flatMap((record) => (record.dkim?.result === result ? [record.dkim.selector] : [])))].map((selector) => [
              selector,
              records.filter((record) => record.dkim?.selector === selector && record.dkim.result === result).reduce((sum, record) => sum + record.count, 0),
            ]),
          );
        const key = s3 ? `${s3[2]!}${s3[2] && !s3[2].endsWith("/") ? "/" : ""}${file.name}` : "";
        const where = s3 ? `s3://${s3[1]!}/${key}` : join(request.out, file.name);
        // A receiver sends each finished day once: a day already written is left as it is.
        if (day > 0 && (s3 ? bucket!.has(key) : entryAt(where) !== null)) continue;
        if (s3) {
          bucket!.set(key, Buffer.from(file.body));
          world.objectMeta.set(`${s3[1]!}/${key}`, { serverSideEncryption: "AES256", tags: {}, lastModified: now });
        } else {
          writeNewFile(where, file.body);
        }
        if (day === 0) partial.push(where);
        world.mail.dmarcReportsWritten.push(where);
        written.push({
          file: where,
          org: receiver.org,
          domain: identity.name,
          begin: new Date(begin).toISOString(),
          end: new Date(end).toISOString(),
          messages: records.reduce((sum, record) => sum + record.count, 0),
          pass: tally("pass"),
          fail: tally("fail"),
        });
      }
    }
  }
  return written;
}

/**
 * Takes back every report the sandbox wrote: after `sandbox age` the key history says other days,
 * and reports written before would tell receivers' counts for a timeline that no longer holds.
 */
export function forgetDmarcReports(world: SandboxWorld): number {
  const written = world.mail.dmarcReportsWritten.splice(0);
  world.mail.partialDmarcReports.splice(0);
  for (const where of written) removeReport(world, where);
  return written.length;
}

/** Removes a report this sandbox wrote (a regular file, never through a link), or its S3 object. */
function removeReport(world: SandboxWorld, where: string): void {
  const s3 = /^s3:\/\/([^/]+)\/(.+)$/.exec(where);
  if (s3) {
    world.buckets.get(s3[1]!)?.delete(s3[2]!);
    world.objectMeta.delete(`${s3[1]!}/${s3[2]!}`);
    return;
  }
  if (entryAt(where) !== null) removeOwnFile(where);
}
