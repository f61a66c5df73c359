import { isDkimKeyRecordCandidate, joinTxtStrings, parseDkimKeyRecord } from "../dkim/dkimRecord.js";
import { fingerprintSpki, normaliseDkimPublicKey, samePublicKey } from "../dkim/publicKey.js";
import type { NameserverAnswer, TxtLookupResult } from "../dns/types.js";
import { ByodkimError } from "../errors.js";
import { msg, type Msg } from "../ui/messages/types.js";
import type { GateResult } from "./types.js";

export interface DnsFacts {
  readonly lookup: TxtLookupResult;
  /** The public key derived from the S3 private key; undefined when the key gate failed. */
  readonly expectedSpkiDer: Buffer | undefined;
}

export type ServerOutcome =
  | "match"
  | "mismatch"
  | "unverifiable"
  | "revoked"
  | "noDkimRecord"
  | "severalDkimRecords"
  | "badRecord"
  | "nxdomain"
  | "nodata"
  | "servfail"
  | "refused"
  | "timeout"
  | "error";

export interface ServerVerdict {
  readonly server: string;
  readonly role: string;
  readonly outcome: ServerOutcome;
  /** Served through a CNAME at the selector name (allowed by RFC 6376, but worth knowing). */
  readonly viaCname: string | undefined;
  readonly fingerprint: string | undefined;
  readonly problem: string | undefined;
}

/** One server's answer, judged alone. */
export function judgeAnswer(answer: NameserverAnswer, expectedSpkiDer: Buffer | undefined): ServerVerdict {
  const base = { server: answer.server.label, role: answer.server.role, viaCname: undefined, fingerprint: undefined, problem: undefined };
  const reply = answer.answer;
  if (reply.kind !== "records" && reply.kind !== "cname") {
    return { ...base, outcome: reply.kind, problem: reply.kind === "error" ? reply.code : undefined };
  }
  const viaCname = reply.kind === "cname" ? reply.target : undefined;
  const dkimTexts = reply.records.map(joinTxtStrings).filter(isDkimKeyRecordCandidate);
  if (dkimTexts.length === 0) return { ...base, viaCname, outcome: "noDkimRecord" };
  // RFC 6376 §3.6.2.2: with several key records the verifier's choice is undefined.
  if (dkimTexts.length > 1) return { ...base, viaCname, outcome: "severalDkimRecords", problem: String(dkimTexts.length) };

  const parsed = parseDkimKeyRecord(dkimTexts[0]!);
  if (!parsed.ok) return { ...base, viaCname, outcome: "badRecord", problem: parsed.detail ? `${parsed.problem} (${parsed.detail})` : parsed.problem };
  if (parsed.record.revoked) return { ...base, viaCname, outcome: "revoked" };
  let published: Buffer;
  try {
    published = normaliseDkimPublicKey(parsed.record.publicKeyBase64).spkiDer;
  } catch (err) {
    if (!(err instanceof ByodkimError)) throw err;
    return { ...base, viaCname, outcome: "badRecord", problem: "p" };
  }
  const fingerprint = fingerprintSpki(published);
  if (expectedSpkiDer === undefined) return { ...base, viaCname, fingerprint, outcome: "unverifiable" };
  return { ...base, viaCname, fingerprint, outcome: samePublicKey(published, expectedSpkiDer) ? "match" : "mismatch" };
}

function linesFor(verdict: ServerVerdict): Msg[] {
  const line = msg(`gate.dns.server.${verdict.outcome}`, {
    server: verdict.server,
    fingerprint: verdict.fingerprint ?? "-",
    problem: verdict.problem ?? "",
  });
  return verdict.viaCname ? [line, msg("gate.dns.server.viaCname", { server: verdict.server, target: verdict.viaCname })] : [line];
}

export function checkDkimDns(facts: DnsFacts): GateResult {
  const { lookup } = facts;
  const verdicts = lookup.answers.map((answer) => judgeAnswer(answer, facts.expectedSpkiDer));
  const lines = verdicts.flatMap(linesFor);
  const data = {
    name: lookup.name,
    source: lookup.source,
    servers: verdicts.map(({ server, role, outcome, viaCname, fingerprint }) => ({ server, role, outcome, viaCname: viaCname ?? null, fingerprint: fingerprint ?? null })),
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
    const detailKey = matching > 0 ? "gate.dns.disagree" : "gate.dns.noMatch";
    return {
      id: "dns",
      status: "fail",
      detail: msg(detailKey, { name: lookup.name, matching, total }),
      lines: [...lines, msg("gate.dns.fail.hint")],
      data,
    };
  }
  const discoveryWarning = lookup.source.kind === "discoveryFailed";
  const cname = verdicts.some((v) => v.viaCname !== undefined);
  return {
    id: "dns",
    status: discoveryWarning || cname ? "warn" : "pass",
    detail: msg(discoveryWarning ? "gate.dns.onlyRecursive" : "gate.dns.pass", { name: lookup.name, total }),
    lines,
    data,
  };
}
