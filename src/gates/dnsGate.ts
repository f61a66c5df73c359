import { isDkimKeyRecordCandidate, joinTxtStrings, parseDkimKeyRecord } from "../dkim/dkimRecord.js";
import { dkimHandoff, dkimKeyRecordValue } from "../dkim/handoff.js";
import { fingerprintSpki, normaliseDkimPublicKey, samePublicKey } from "../dkim/publicKey.js";
import type { NameserverAnswer, TxtLookupResult } from "../dns/types.js";
import { ByodkimError } from "../errors.js";
import { msg, type Msg } from "../messages/msg.js";
import type { GateResult } from "./types.js";

export interface DnsFacts {
  readonly lookup: TxtLookupResult;
  /** The public key derived from the S3 private key; undefined when the key gate failed. */
  readonly expectedSpkiDer: Buffer | undefined;
}

export const SERVER_OUTCOMES = [
  "match",
  "mismatch",
  "unverifiable",
  "revoked",
  "noDkimRecord",
  "severalDkimRecords",
  "badRecord",
  "excludesSha256",
  "nxdomain",
  "nodata",
  "servfail",
  "refused",
  "timeout",
  "unresolvable",
  "error",
] as const;
export type ServerOutcome = (typeof SERVER_OUTCOMES)[number];

/** The server could not be asked or would not answer: its problem, not the record's, and no DNS team publishes it away. */
export const SERVER_PROBLEMS: ReadonlySet<ServerOutcome> = new Set(["servfail", "refused", "timeout", "unresolvable", "error"]);

export interface ServerVerdict {
  readonly server: string;
  readonly role: string;
  readonly outcome: ServerOutcome;
  /** Served through a CNAME at the selector name (allowed by RFC 6376, but worth knowing). */
  readonly viaCname: string | undefined;
  readonly fingerprint: string | undefined;
  readonly problem: string | undefined;
  /** t=y: the domain says it is testing DKIM, and verifiers may treat failures leniently (RFC 6376 §3.6.1). */
  readonly testing: boolean;
}

/** One server's answer, judged alone. */
export function judgeAnswer(answer: NameserverAnswer, expectedSpkiDer: Buffer | undefined): ServerVerdict {
  const base = { server: answer.server.label, role: answer.server.role, viaCname: undefined, fingerprint: undefined, problem: undefined, testing: false };
  const reply = answer.answer;
  if (reply.kind !== "records" && reply.kind !== "cname") {
    return { ...base, outcome: reply.kind, problem: reply.kind === "error" || reply.kind === "unresolvable" ? reply.code : undefined };
  }
  const viaCname = reply.kind === "cname" ? reply.target : undefined;
  const dkimTexts = reply.records.map(joinTxtStrings).filter(isDkimKeyRecordCandidate);
  if (dkimTexts.length === 0) return { ...base, viaCname, outcome: "noDkimRecord" };
  // RFC 6376 §3.6.2.2: with several key records the verifier's choice is undefined.
  if (dkimTexts.length > 1) return { ...base, viaCname, outcome: "severalDkimRecords", problem: String(dkimTexts.length) };

  const parsed = parseDkimKeyRecord(dkimTexts[0]!);
  if (!parsed.ok) return { ...base, viaCname, outcome: "badRecord", problem: parsed.detail ? `${parsed.problem} (${parsed.detail})` : parsed.problem };
  if (parsed.record.revoked) return { ...base, viaCname, outcome: "revoked" };
  // SES signs with rsa-sha256; a record whose h= leaves sha256 out makes verifiers reject every signature.
  if (parsed.record.hashAlgorithms && !parsed.record.hashAlgorithms.includes("sha256")) {
    return { ...base, viaCname, outcome: "excludesSha256", problem: parsed.record.hashAlgorithms.join(":") };
  }
  const testing = parsed.record.flags?.includes("y") ?? false;
  let published: Buffer;
  try {
    published = normaliseDkimPublicKey(parsed.record.publicKeyBase64).spkiDer;
  } catch (err) {
    if (!(err instanceof ByodkimError)) throw err;
    return { ...base, viaCname, outcome: "badRecord", problem: "p" };
  }
  const fingerprint = fingerprintSpki(published);
  if (expectedSpkiDer === undefined) return { ...base, viaCname, fingerprint, testing, outcome: "unverifiable" };
  return { ...base, viaCname, fingerprint, testing, outcome: samePublicKey(published, expectedSpkiDer) ? "match" : "mismatch" };
}

function linesFor(verdict: ServerVerdict): Msg[] {
  const line = msg(`gate.dns.server.${verdict.outcome}`, {
    server: verdict.server,
    fingerprint: verdict.fingerprint ?? "-",
    problem: verdict.problem ?? "",
  });
  return [
    line,
    ...(verdict.viaCname ? [msg("gate.dns.server.viaCname", { server: verdict.server, target: verdict.viaCname })] : []),
    ...(verdict.testing ? [msg("gate.dns.server.testing", { server: verdict.server })] : []),
  ];
}

export function checkDkimDns(facts: DnsFacts): GateResult {
  const { lookup } = facts;
  const verdicts = lookup.answers.map((answer) => judgeAnswer(answer, facts.expectedSpkiDer));
  const lines = verdicts.flatMap(linesFor);
  const data = {
    name: lookup.name,
    source: lookup.source,
    servers: verdicts.map(({ server, role, outcome, viaCname, fingerprint, testing }) => ({
      server,
      role,
      outcome,
      viaCname: viaCname ?? null,
      fingerprint: fingerprint ?? null,
      testing,
    })),
  };
  const matching = verdicts.filter((v) => v.outcome === "match").length;
  const total = verdicts.length;

  if (total === 0) {
    return { id: "dns", status: "fail", detail: msg("gate.dns.noServers", { name: lookup.name }), data };
  }
  if (facts.expectedSpkiDer === undefined) {
    return { id: "dns", status: "fail", detail: msg("gate.dns.unverifiable", { name: lookup.name }), lines, data };
  }
  if (matching < total) {
    // The public key is not secret: printing the exact record saves a round trip with the DNS team.
    // As a zone-file line of 255-byte strings, since BIND and most consoles refuse one longer string.
    const handoff = dkimHandoff(lookup.name, dkimKeyRecordValue(facts.expectedSpkiDer));
    const expected = { expectedRecord: handoff.value, expectedBindLine: handoff.bindLine };
    const unanswered = verdicts.filter((v) => SERVER_PROBLEMS.has(v.outcome)).length;
    const serverHint = unanswered > 0 ? [serverProblemHint(lookup.source)] : [];
    const missing = total - matching - unanswered;
    if (missing === 0) {
      // Every server that answered serves the key: the rest could not be asked, which publishing would not fix.
      return {
        id: "dns",
        status: "fail",
        detail: msg("gate.dns.serversUnanswered", { name: lookup.name, unanswered, total }),
        lines: [...lines, ...serverHint],
        data: { ...data, ...expected },
      };
    }
    return {
      id: "dns",
      status: "fail",
      detail: msg(matching > 0 ? "gate.dns.disagree" : "gate.dns.noMatch", { name: lookup.name, matching, total }),
      lines: [...lines, msg("gate.dns.fail.hint"), msg("gate.dns.publish", { record: handoff.bindLine }), ...serverHint],
      data: { ...data, ...expected },
    };
  }
  const discoveryWarning = lookup.source.kind === "discoveryFailed";
  const unusual = verdicts.some((v) => v.viaCname !== undefined || v.testing);
  return {
    id: "dns",
    status: discoveryWarning || unusual ? "warn" : "pass",
    detail: msg(discoveryWarning ? "gate.dns.onlyRecursive" : "gate.dns.pass", { name: lookup.name, total }),
    lines,
    data,
  };
}

/** What to check about servers that could not be asked, where the operator chose them. */
function serverProblemHint(source: TxtLookupResult["source"]): Msg {
  if (source.kind !== "configured") return msg("gate.dns.serverProblem.zone");
  return source.setting.kind === "flag" ? msg("gate.dns.serverProblem.flag") : msg("gate.dns.serverProblem.config", { path: source.setting.path });
}
