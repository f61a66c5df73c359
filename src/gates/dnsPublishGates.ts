import { joinTxtStrings, parseDkimKeyRecord } from "../dkim/dkimRecord.js";
import { normaliseDkimPublicKey } from "../dkim/publicKey.js";
import type { PublishedRecord, TxtLookupResult } from "../dns/types.js";
import { judgeAnswer } from "./dnsGate.js";

const bare = (name: string): string => name.trim().toLowerCase().replace(/\.$/, "");

/** The only names byodkim may publish for an identity: `<selector>._domainkey.<domain>` of the selectors (or Easy DKIM tokens) it was given. */
export const selectorRecordName = (selector: string, domain: string): string => `${bare(selector)}._domainkey.${bare(domain)}`;

/**
 * The records' names that are not one of the identity's selector names, in order; empty when all
 * may be published. A name given twice is refused too: one change must not say two things of one name.
 */
export function refusedPublishNames(facts: {
  readonly domain: string;
  readonly selectors: readonly string[];
  readonly records: readonly PublishedRecord[];
}): string[] {
  const allowed = new Set(
    facts.selectors.filter((selector) => /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/i.test(selector)).map((s) => selectorRecordName(s, facts.domain)),
  );
  const seen = new Set<string>();
  return facts.records.flatMap((record) => {
    const name = bare(record.name);
    const refused = !allowed.has(name) || seen.has(name);
    seen.add(name);
    return refused ? [record.name] : [];
  });
}

export interface PublishedAnswerVerdict {
  readonly name: string;
  /** The servers that serve the published value, of those judged. */
  readonly answering: number;
  readonly total: number;
  readonly ok: boolean;
}

/**
 * Whether the zone's own servers serve what was published. A recursive resolver may keep an older
 * answer for its TTL, which no publisher can shorten, so it is judged only when no authoritative
 * server could be found.
 */
export function judgePublishedAnswers(record: PublishedRecord, lookup: TxtLookupResult): PublishedAnswerVerdict {
  const authoritative = lookup.answers.filter((answer) => answer.server.role !== "recursive");
  const judged = authoritative.length > 0 ? authoritative : lookup.answers;
  const serves = servesRecord(record);
  const answering = judged.filter((answer) => serves(answer)).length;
  return { name: lookup.name, answering, total: judged.length, ok: judged.length > 0 && answering === judged.length };
}

function servesRecord(record: PublishedRecord): (answer: TxtLookupResult["answers"][number]) => boolean {
  if (record.type === "CNAME") {
    const target = bare(record.target);
    return ({ answer }) => answer.kind === "cname" && bare(answer.target) === target;
  }
  const value = joinTxtStrings(record.strings);
  const parsed = parseDkimKeyRecord(value);
  // A DKIM key record is judged as the DNS gate judges it (the key, however the strings are split); a revocation by its empty p=.
  if (parsed.ok && parsed.record.revoked) return (answer) => judgeAnswer(answer, undefined).outcome === "revoked";
  const spki = parsed.ok ? spkiOf(parsed.record.publicKeyBase64) : undefined;
  if (spki) return (answer) => judgeAnswer(answer, spki).outcome === "match";
  return ({ answer }) => answer.kind === "records" && answer.records.some((strings) => joinTxtStrings(strings) === value);
}

function spkiOf(publicKeyBase64: string): Buffer | undefined {
  try {
    return normaliseDkimPublicKey(publicKeyBase64).spkiDer;
  } catch {
    return undefined;
  }
}
