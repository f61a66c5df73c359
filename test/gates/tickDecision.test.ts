import { describe, expect, it } from "vitest";
import { decideTick, identityHistory, type TickDecision, type TickFacts } from "../../src/gates/tickDecision.js";
import { parseDatedSelector } from "../../src/config/names.js";
import type { KeyHistory } from "../../src/state/keyHistory.js";
import { keyBirth } from "../../src/status/keyBirth.js";

const OLD = "byodkim-20261101-1";
const NEW = "byodkim-20261125-1";
const OLDER = "byodkim-20261001-1";
const at = (day: string) => new Date(`${day}T00:00:00.000Z`);

const active: KeyHistory = { [OLD]: { status: "active", created_at: "2026-11-01T00:00:00.000Z", active_since: "2026-11-01T01:00:00.000Z" } };
const withCreated: KeyHistory = { ...active, [NEW]: { status: "created", created_at: "2026-11-25T00:00:00.000Z" } };
const afterRotation: KeyHistory = {
  [OLD]: { status: "retiring", created_at: "2026-11-01T00:00:00.000Z", retiring_since: "2026-11-26T00:00:00.000Z", retire_after: "2026-12-03T00:00:00.000Z" },
  [NEW]: { status: "active", created_at: "2026-11-25T00:00:00.000Z", active_since: "2026-11-26T00:00:00.000Z" },
};

const base: TickFacts = {
  domain: "goo.ne.jp",
  regionFlag: undefined,
  signingBorn: undefined,
  now: at("2026-11-10"),
  rotation: { maxAgeDays: 31, warnDays: 7, graceDays: 7, auto: true, dnsTimeoutDays: 3 },
  ses: { read: true, identity: { origin: "EXTERNAL", status: "SUCCESS", selector: OLD, signingEnabled: true } },
  history: active,
  publisher: "handoff",
  approvalsRequired: 0,
};
const sesSigning = (selector: string, more: Partial<NonNullable<Extract<TickFacts["ses"], { read: true }>["identity"]>> = {}): TickFacts["ses"] => ({
  read: true,
  identity: { origin: "EXTERNAL", status: "SUCCESS", selector, signingEnabled: true, ...more },
});

type Expected =
  | { step: string; selector?: string; reason: string }
  | { nothing: string }
  | { person: string; command: string | null }
  | { lookup: "record" | "approval"; selector: string };

const summary = (decision: TickDecision): Expected => {
  switch (decision.kind) {
    case "step":
      return { step: decision.step.kind, ...("selector" in decision.step ? { selector: decision.step.selector } : {}), reason: decision.reason.code };
    case "nothing":
      return { nothing: decision.reason.code };
    case "needsPerson":
      return { person: decision.reason.code, command: decision.command };
    case "lookup":
      return { lookup: decision.need, selector: decision.selector };
  }
};

const rows: [string, Partial<TickFacts>, Expected][] = [
  // SES and the state
  ["SES could not be read", { ses: { read: false } }, { person: "sesUnreadable", command: "byodkim status goo.ne.jp" }],
  ["SES has no such identity", { ses: { read: true, identity: null } }, { person: "notInSes", command: null }],
  [
    "the identity is on Easy DKIM",
    { ses: { read: true, identity: { origin: "AWS_SES", status: "SUCCESS", selector: undefined, signingEnabled: true } } },
    { person: "notByodkim", command: "byodkim enable goo.ne.jp" },
  ],
  ["SES is still verifying a key", { ses: sesSigning(OLD, { status: "PENDING" }) }, { person: "sesState", command: "byodkim verify goo.ne.jp" }],
  ["SES failed to verify the key", { ses: sesSigning(OLD, { status: "FAILED" }) }, { person: "sesState", command: "byodkim verify goo.ne.jp" }],
  ["signing is switched off", { ses: sesSigning(OLD, { signingEnabled: false }) }, { person: "signingOff", command: "byodkim status goo.ne.jp" }],
  ["the state secret could not be read", { history: null }, { person: "historyUnreadable", command: "byodkim status goo.ne.jp" }],
  [
    "SES signs with a key the history calls created",
    { ses: sesSigning(NEW), history: withCreated },
    { person: "historyDisagrees", command: `byodkim rotate goo.ne.jp --to ${NEW}` },
  ],
  [
    "the history's active key is not the one SES signs with",
    { ses: sesSigning(NEW), history: active },
    { person: "historyDisagrees", command: `byodkim rotate goo.ne.jp --to ${NEW}` },
  ],
  // age
  ["the key is young", {}, { nothing: "notDue" }],
  ["the key enters the warning window", { now: at("2026-11-25") }, { step: "keygen", reason: "keyDue" }],
  ["the key is overdue", { now: at("2026-12-20") }, { step: "keygen", reason: "keyDue" }],
  [
    "the key is due without rotation.auto",
    { now: at("2026-11-25"), rotation: { ...base.rotation, auto: false } },
    { person: "autoOff", command: "byodkim keygen goo.ne.jp" },
  ],
  [
    "the region is not the one in force",
    { now: at("2026-11-25"), rotation: { ...base.rotation, auto: false }, regionFlag: "ap-northeast-3" },
    { person: "autoOff", command: "byodkim keygen goo.ne.jp --region ap-northeast-3" },
  ],
  ["no history: the selector's date dates the key", { history: {}, now: at("2026-11-26") }, { step: "keygen", reason: "keyDue" }],
  ["no history and an undated selector", { history: {}, ses: sesSigning("mail1") }, { person: "ageUnknown", command: "byodkim status goo.ne.jp" }],
  // the created key
  ["a created key, its record not yet looked up", { history: withCreated, now: at("2026-11-25") }, { lookup: "record", selector: NEW }],
  [
    "a created key older than the one signing is passed over",
    { history: { ...active, [OLDER]: { status: "created", created_at: "2026-10-01T00:00:00.000Z" } } },
    { nothing: "notDue" },
  ],
  [
    "the created key's record answers everywhere",
    { history: withCreated, newestRecord: "everywhere" },
    { step: "rotate", selector: NEW, reason: "recordAnswers" },
  ],
  [
    "it answers, without rotation.auto",
    { history: withCreated, newestRecord: "everywhere", rotation: { ...base.rotation, auto: false } },
    { person: "autoOff", command: `byodkim rotate goo.ne.jp --to ${NEW}` },
  ],
  ["a handoff record not answering yet", { history: withCreated, newestRecord: "notEverywhere", now: at("2026-11-26") }, { nothing: "waitingForDns" }],
  [
    "a handoff record not answering after dnsTimeoutDays",
    { history: withCreated, newestRecord: "notEverywhere", now: at("2026-11-28") },
    { person: "dnsTimeout", command: `byodkim verify goo.ne.jp --selector ${NEW}` },
  ],
  [
    "a published record not answering: published again",
    { history: withCreated, newestRecord: "notEverywhere", now: at("2026-11-26"), publisher: "publishing" },
    { step: "publish", selector: NEW, reason: "recordMissing" },
  ],
  [
    "a published record not answering after dnsTimeoutDays",
    { history: withCreated, newestRecord: "notEverywhere", now: at("2026-11-29"), publisher: "publishing" },
    { person: "dnsTimeout", command: `byodkim verify goo.ne.jp --selector ${NEW}` },
  ],
  // approvals
  ["approvals required, not yet looked up", { history: withCreated, newestRecord: "everywhere", approvalsRequired: 1 }, { lookup: "approval", selector: NEW }],
  [
    "approvals required, no plan yet",
    { history: withCreated, newestRecord: "everywhere", approvalsRequired: 1, approval: { state: "none" } },
    { step: "plan", selector: NEW, reason: "approvalNeeded" },
  ],
  [
    "approvals required, no plan yet, without rotation.auto (a plan changes nothing)",
    { history: withCreated, newestRecord: "everywhere", approvalsRequired: 1, approval: { state: "none" }, rotation: { ...base.rotation, auto: false } },
    { step: "plan", selector: NEW, reason: "approvalNeeded" },
  ],
  [
    "approvals required, the plan stale",
    { history: withCreated, newestRecord: "everywhere", approvalsRequired: 1, approval: { state: "stale", planId: "abc" } },
    { step: "plan", selector: NEW, reason: "approvalNeeded" },
  ],
  [
    "approvals required, the plan waiting",
    { history: withCreated, newestRecord: "everywhere", approvalsRequired: 1, approval: { state: "pending", planId: "abc123" } },
    { person: "approvalPending", command: "byodkim approve abc123" },
  ],
  [
    "approvals required, the plan approved",
    { history: withCreated, newestRecord: "everywhere", approvalsRequired: 1, approval: { state: "approved", planId: "abc123" } },
    { step: "apply", selector: NEW, reason: "planApproved" },
  ],
  [
    "the plan approved, without rotation.auto",
    {
      history: withCreated,
      newestRecord: "everywhere",
      approvalsRequired: 1,
      approval: { state: "approved", planId: "abc123" },
      rotation: { ...base.rotation, auto: false },
    },
    { person: "autoOff", command: "byodkim apply abc123" },
  ],
  // retire
  ["the old key within its grace period", { history: afterRotation, ses: sesSigning(NEW), now: at("2026-12-02") }, { nothing: "notDue" }],
  [
    "the old key past its grace period",
    { history: afterRotation, ses: sesSigning(NEW), now: at("2026-12-03") },
    { step: "retire", selector: OLD, reason: "graceOver" },
  ],
  [
    "past grace without rotation.auto",
    { history: afterRotation, ses: sesSigning(NEW), now: at("2026-12-03"), rotation: { ...base.rotation, auto: false } },
    { person: "autoOff", command: `byodkim retire ${OLD} goo.ne.jp` },
  ],
  [
    "past grace with approvals required (no plan covers a retire)",
    { history: afterRotation, ses: sesSigning(NEW), now: at("2026-12-03"), approvalsRequired: 1 },
    { person: "retireHeld", command: null },
  ],
  [
    "a retiring key with only its start recorded",
    { history: { ...afterRotation, [OLD]: { status: "retiring", retiring_since: "2026-11-26T00:00:00.000Z" } }, ses: sesSigning(NEW), now: at("2026-12-03") },
    { step: "retire", selector: OLD, reason: "graceOver" },
  ],
  [
    "a retiring key with no date: never guessed",
    { history: { ...afterRotation, [OLD]: { status: "retiring" } }, ses: sesSigning(NEW), now: at("2026-12-30") },
    { step: "keygen", reason: "keyDue" },
  ],
  [
    "retire comes before a rotation due the same day",
    {
      history: { ...afterRotation, "byodkim-20261220-1": { status: "created", created_at: "2026-12-20T00:00:00.000Z" } },
      ses: sesSigning(NEW),
      now: at("2026-12-21"),
      newestRecord: "everywhere",
    },
    { step: "retire", selector: OLD, reason: "graceOver" },
  ],
  [
    "a retired key is left alone",
    { history: { ...afterRotation, [OLD]: { status: "retired", retired_at: "2026-12-03T00:00:00.000Z" } }, ses: sesSigning(NEW), now: at("2026-12-10") },
    { nothing: "notDue" },
  ],
];

/** The signing key's birth as tick's command finds it (status's rule), unless a row says otherwise. */
function decide(facts: TickFacts): TickDecision {
  if (facts.signingBorn !== undefined || !facts.ses.read || !facts.ses.identity?.selector) return decideTick(facts);
  const selector = facts.ses.identity.selector;
  const entry = facts.history?.[selector];
  const born = keyBirth(
    { createdAt: entry?.created_at, selectorDate: parseDatedSelector(selector, "byodkim")?.date, activeSince: entry?.active_since },
    facts.now,
  );
  return decideTick({ ...facts, signingBorn: born?.at });
}

describe("tick's decision", () => {
  it.each(rows)("%s", (_what, facts, expected) => {
    expect(summary(decide({ ...base, ...facts }))).toEqual(expected);
  });

  it("never rotates to a key whose record does not answer, nor retires the key SES signs with", () => {
    for (const [, facts] of rows) {
      const decision = decide({ ...base, ...facts });
      if (decision.kind !== "step") continue;
      const merged = { ...base, ...facts };
      if (decision.step.kind === "rotate") expect(merged.newestRecord).toBe("everywhere");
      if (decision.step.kind === "retire") expect(decision.step.selector).not.toBe(merged.ses.read ? merged.ses.identity?.selector : undefined);
    }
  });

  it("says when the key falls due", () => {
    const decision = decide(base);
    expect(decision).toMatchObject({ kind: "nothing", reason: { params: { selector: OLD, ageDays: 9, dueAt: "2026-11-25T00:00:00.000Z" } } });
  });
});

describe("an identity's own history", () => {
  it("keeps the entries named by its key objects, else by its selector prefix", () => {
    const shared: KeyHistory = {
      "byodkim-20261101-1": { status: "active", location: "s3://keys/goo.ne.jp/byodkim-20261101-1.pem" },
      "byodkim-20261102-1": { status: "active", location: "s3://keys/other.jp/byodkim-20261102-1.pem" },
      "byodkim-20261103-1": { status: "created" },
      "other-20261103-1": { status: "created" },
    };
    const own = identityHistory(shared, { domain: "goo.ne.jp", selectorPrefix: "byodkim", objectUrl: (s) => `s3://keys/goo.ne.jp/${s}.pem` });
    expect(Object.keys(own)).toEqual(["byodkim-20261101-1", "byodkim-20261103-1"]);
  });
});
