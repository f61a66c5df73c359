import type { MetricDatum, SesIdentityFacts } from "../aws/types.js";
import type { TxtLookupResult } from "../dns/types.js";
import { judgeAnswer, SERVER_PROBLEMS } from "../gates/dnsGate.js";
import type { Fetched } from "../gates/fetched.js";
import { overdueRevocations } from "../gates/revocationGate.js";
import { isVerificationStuck } from "../gates/sesGate.js";
import type { Msg } from "../messages/msg.js";
import type { KeyAgeSource, KeyBirth } from "./keyBirth.js";
import { type StatusLevel, type StatusReason, verdictOf } from "./reasons.js";

/**
 * `byodkim status`'s judgement: facts in, one row per identity × region out. Nothing here asks
 * AWS or DNS; src/commands/status.ts gathers the facts.
 */

const DAY_MS = 86_400_000;

export interface StatusPolicy {
  readonly maxAgeDays: number;
  readonly warnDays: number;
  readonly graceDays: number;
  readonly now: Date;
}

export type { KeyAgeSource, KeyBirth } from "./keyBirth.js";

/** The public key the selector's record must carry: the fingerprint keygen/enable recorded, else the S3 key's. */
export interface ExpectedKey {
  readonly fingerprint: string;
  readonly source: "history" | "s3";
}

export interface RetiredFacts {
  readonly selector: string;
  readonly retiredAt: string;
  /** Looked up only once its revocation is overdue; undefined before. */
  readonly lookup: TxtLookupResult | undefined;
}

export interface ByodkimFacts {
  readonly selector: string;
  readonly birth: KeyBirth | undefined;
  readonly expectedKey: ExpectedKey | undefined;
  /** Why the expected key could not be read from S3 (AccessDenied, no object, a bad key). */
  readonly keyProblem: Msg | undefined;
  readonly txt: TxtLookupResult;
  readonly retired: readonly RetiredFacts[];
  readonly grace: readonly { readonly selector: string; readonly retireAfter: string | undefined }[];
}

export interface CnameFacts {
  readonly name: string;
  readonly expected: string;
  readonly found: string | undefined;
}

export interface RowFacts {
  readonly domain: string;
  readonly region: string;
  /** The region the others are compared with (the first the identity is listed in). */
  readonly referenceRegion: string;
  readonly ses: Fetched<SesIdentityFacts | null>;
  readonly byodkim?: ByodkimFacts;
  readonly cnames?: readonly CnameFacts[];
}

export interface ServerCheck {
  readonly server: string;
  readonly role: string;
  readonly outcome: string;
  readonly fingerprint: string | null;
  readonly matches: boolean;
  /** False when the server could not be asked or would not answer: neither a match nor drift. */
  readonly answered: boolean;
}

export interface StatusRow {
  readonly domain: string;
  readonly region: string;
  /** The account SES holds the identity in (the operations account's, or a member's of `accounts:`); absent in rows judged without one. */
  readonly account?: string | undefined;
  /** With reason `otherAccount`: the account the config puts the domain in, where byodkim's commands for it go. */
  readonly configuredAccount?: string | undefined;
  readonly verdict: StatusLevel;
  readonly reason: StatusReason;
  readonly reasons: readonly StatusReason[];
  /** SES's own words for a read that failed, or its verification ErrorType. */
  readonly problem: Msg | undefined;
  readonly dkim: {
    readonly origin: string | null;
    readonly signingEnabled: boolean;
    readonly status: string | null;
    readonly errorType: string | null;
    readonly selector: string | null;
    readonly tokens: readonly string[];
    readonly keyLength: string | null;
  } | null;
  readonly key: {
    readonly selector: string;
    readonly bornAt: string | null;
    readonly ageSource: KeyAgeSource | null;
    readonly ageDays: number | null;
    readonly rotationDueAt: string | null;
    readonly daysUntilRotationDue: number | null;
    readonly overdue: boolean;
    readonly expectedFingerprint: string | null;
    readonly fingerprintSource: "history" | "s3" | null;
    readonly keyProblem: Msg | null;
  } | null;
  readonly dns: { readonly name: string; readonly matchesEverywhere: boolean | null; readonly servers: readonly ServerCheck[] } | null;
  readonly cnames: readonly (CnameFacts & { readonly matches: boolean })[] | null;
  readonly grace: readonly { readonly selector: string; readonly retireAfter: string | null }[];
  readonly retired: readonly { readonly selector: string; readonly retiredAt: string; readonly revocationDue: boolean; readonly stillPublished: boolean }[];
  /** In a region after the first: what differs from the first region's signing. */
  readonly regionComparison: { readonly referenceRegion: string; readonly differences: readonly string[] } | null;
}

const NOT_VERIFIED = new Set(["PENDING", "TEMPORARY_FAILURE", "NOT_STARTED"]);

/** One server's record against the expected fingerprint; a server that did not answer neither matches nor drifts. */
export function checkServers(lookup: TxtLookupResult, expectedFingerprint: string | undefined): ServerCheck[] {
  return lookup.answers.map((answer) => {
    const verdict = judgeAnswer(answer, undefined);
    const published = verdict.fingerprint;
    return {
      server: verdict.server,
      role: verdict.role,
      outcome: verdict.outcome === "unverifiable" ? "key" : verdict.outcome,
      fingerprint: published ?? null,
      matches: expectedFingerprint !== undefined && published === expectedFingerprint,
      answered: !SERVER_PROBLEMS.has(verdict.outcome),
    };
  });
}

export function keyAge(birth: KeyBirth | undefined, policy: StatusPolicy) {
  const born = birth ? Date.parse(birth.at) : Number.NaN;
  if (Number.isNaN(born)) return { ageDays: null, rotationDueAt: null, daysUntilRotationDue: null, overdue: false };
  const due = born + policy.maxAgeDays * DAY_MS;
  const now = policy.now.getTime();
  return {
    ageDays: Math.floor((now - born) / DAY_MS),
    rotationDueAt: new Date(due).toISOString(),
    // Negative once due; the README's alarm fires below warnDays.
    daysUntilRotationDue: Math.floor((due - now) / DAY_MS),
    overdue: now >= due,
  };
}

function judgeByodkim(facts: ByodkimFacts, policy: StatusPolicy, reasons: StatusReason[]) {
  const age = keyAge(facts.birth, policy);
  if (age.daysUntilRotationDue === null) reasons.push("keyAgeUnknown");
  else if (age.overdue) reasons.push("keyOverdue");
  else if (age.daysUntilRotationDue < policy.warnDays) reasons.push("rotationDueSoon");

  const servers = checkServers(facts.txt, facts.expectedKey?.fingerprint);
  const unanswered = servers.filter((server) => !server.answered);
  const answered = servers.filter((server) => server.answered);
  let matchesEverywhere: boolean | null = null;
  if (facts.expectedKey === undefined) reasons.push("keyUnverifiable");
  else {
    const drifted = answered.some((server) => !server.matches);
    if (drifted) reasons.push("dnsDrift");
    else if (unanswered.length > 0 || servers.length === 0) reasons.push("dnsUnanswered");
    matchesEverywhere = !drifted && unanswered.length === 0 && servers.length > 0;
  }

  const overdue = new Set(overdueRevocations(facts.retired, policy.now, policy.graceDays).map((entry) => entry.selector));
  const retired = facts.retired.map((entry) => {
    const stillPublished =
      entry.lookup?.answers.some((answer) => ["unverifiable", "match", "mismatch"].includes(judgeAnswer(answer, undefined).outcome)) ?? false;
    return { selector: entry.selector, retiredAt: entry.retiredAt, revocationDue: overdue.has(entry.selector), stillPublished };
  });
  if (retired.some((entry) => entry.revocationDue && entry.stillPublished)) reasons.push("retiredNotRevoked");

  return {
    key: {
      selector: facts.selector,
      bornAt: facts.birth?.at ?? null,
      ageSource: facts.birth?.source ?? null,
      ...age,
      expectedFingerprint: facts.expectedKey?.fingerprint ?? null,
      fingerprintSource: facts.expectedKey?.source ?? null,
      keyProblem: facts.keyProblem ?? null,
    },
    dns: { name: facts.txt.name, matchesEverywhere, servers },
    grace: facts.grace.map((entry) => ({ selector: entry.selector, retireAfter: entry.retireAfter ?? null })),
    retired,
  };
}

/** One identity in one region, judged alone (the region comparison comes after, across rows). */
export function judgeRow(facts: RowFacts, policy: StatusPolicy): StatusRow {
  const base = { domain: facts.domain, region: facts.region, dkim: null, key: null, dns: null, cnames: null, grace: [], retired: [], regionComparison: null };
  if (!facts.ses.ok) return { ...base, verdict: "action", reason: "sesUnreadable", reasons: ["sesUnreadable"], problem: facts.ses.error.what };
  const identity = facts.ses.value;
  if (identity === null) return { ...base, verdict: "action", reason: "notInRegion", reasons: ["notInRegion"], problem: undefined };

  const reasons: StatusReason[] = [];
  const dkim = identity.dkim;
  if (dkim?.status === "FAILED") reasons.push("dkimFailed");
  // The SES gate's rule: a TEMPORARY_FAILURE SES has stopped retrying is as stuck as FAILED.
  else if (isVerificationStuck(dkim, policy.now)) reasons.push("dkimStuck");
  else if (dkim === undefined || NOT_VERIFIED.has(dkim.status ?? "NOT_STARTED")) reasons.push("dkimNotVerified");
  if (dkim && !dkim.signingEnabled) reasons.push("signingOff");

  const byodkim = facts.byodkim ? judgeByodkim(facts.byodkim, policy, reasons) : undefined;
  const cnames = facts.cnames?.map((cname) => ({ ...cname, matches: cname.found === cname.expected.toLowerCase() }));
  if (cnames?.some((cname) => !cname.matches)) reasons.push("cnameMissing");

  const errorType = identity.verificationInfo?.errorType;
  return {
    ...base,
    ...verdictOf(reasons),
    reasons: reasons.length > 0 ? reasons : ["healthy"],
    problem: undefined,
    dkim: dkim
      ? {
          origin: dkim.origin ?? null,
          signingEnabled: dkim.signingEnabled,
          status: dkim.status ?? null,
          errorType: errorType ?? null,
          selector: dkim.origin === "EXTERNAL" ? (dkim.tokens[0] ?? null) : null,
          tokens: dkim.tokens,
          keyLength: dkim.currentSigningKeyLength ?? null,
        }
      : null,
    ...(byodkim ?? {}),
    cnames: cnames ?? null,
  };
}

/**
 * SES global endpoints send from either region: each must sign the same way, or a receiver sees
 * one signature one minute and another the next. Rows after the reference region that sign
 * otherwise get `regionMismatch`.
 */
export function compareRegions(rows: readonly StatusRow[], referenceRegionOf: (domain: string) => string): StatusRow[] {
  return rows.map((row) => {
    const referenceRegion = referenceRegionOf(row.domain);
    if (row.region === referenceRegion || row.dkim === null) return row;
    const reference = rows.find((other) => other.domain === row.domain && other.region === referenceRegion);
    if (!reference?.dkim) return row;
    const differences = signingDifferences(reference, row);
    if (differences.length === 0) return { ...row, regionComparison: { referenceRegion, differences } };
    const reasons: StatusReason[] = [...row.reasons.filter((reason) => reason !== "healthy"), "regionMismatch"];
    return { ...row, ...verdictOf(reasons), reasons, regionComparison: { referenceRegion, differences } };
  });
}

function signingDifferences(reference: StatusRow, row: StatusRow): string[] {
  const a = reference.dkim!;
  const b = row.dkim!;
  const differences: string[] = [];
  if (a.origin !== b.origin) differences.push("origin");
  else if (a.origin === "EXTERNAL") {
    if (a.selector !== b.selector) differences.push("selector");
    const fingerprintA = reference.key?.expectedFingerprint;
    const fingerprintB = row.key?.expectedFingerprint;
    if (a.selector === b.selector && fingerprintA && fingerprintB && fingerprintA !== fingerprintB) differences.push("key");
  }
  if (a.keyLength !== null && b.keyLength !== null && a.keyLength !== b.keyLength) differences.push("keyLength");
  return differences;
}

/** What `--publish-metrics` sends for a row; a fact not known is left out, never sent as 0. */
export function rowMetrics(row: StatusRow, at: Date, operationsAccount?: string): MetricDatum[] {
  // A member account's identity is told apart by its account; the operations account's keep the
  // dimensions they always had, so the alarms and dashboards already built on them still match.
  const member = row.account !== undefined && row.account !== operationsAccount;
  const dimensions: Readonly<Record<string, string>> = member
    ? { Account: row.account as string, Domain: row.domain, Region: row.region }
    : { Domain: row.domain, Region: row.region };
  const datum = (name: string, value: number | null | undefined, unit: MetricDatum["unit"] = "None"): MetricDatum[] =>
    value === null || value === undefined ? [] : [{ name, value, unit, dimensions, timestamp: at }];
  const dnsMatches = row.dns ? row.dns.matchesEverywhere : row.cnames ? row.cnames.every((cname) => cname.matches) : null;
  return [
    ...datum("KeyAgeDays", row.key?.ageDays),
    ...datum("DaysUntilRotationDue", row.key?.daysUntilRotationDue),
    ...datum("DnsKeyMatches", dnsMatches === null ? null : dnsMatches ? 1 : 0),
    ...datum("DkimHealthy", row.verdict === "action" ? 0 : 1),
  ];
}

/**
 * A row of an identity that an account's SES lists while the config puts the domain in another
 * account: byodkim's commands for the name reach that other account, so the row says so and names
 * no command to run (`wayOut` leaves it out).
 */
export function inOtherAccount(row: StatusRow, configuredAccount: string): StatusRow {
  const reasons: StatusReason[] = ["otherAccount", ...row.reasons.filter((reason) => reason !== "healthy")];
  return { ...row, ...verdictOf(reasons), reasons, configuredAccount };
}
