import type { StatusResult } from "../../src/commands/status.js";
import { msg } from "../../src/messages/msg.js";
import type { StatusRow } from "../../src/status/judge.js";

/** Status rows as the status command judges them, for the renderers' tests: a healthy identity, an overdue key that drifted, one missing from a region. */
export const base: StatusRow = {
  domain: "m01.goo.ne.jp",
  region: "ap-northeast-1",
  verdict: "ok",
  reason: "healthy",
  reasons: ["healthy"],
  problem: undefined,
  dkim: {
    origin: "EXTERNAL",
    signingEnabled: true,
    status: "SUCCESS",
    errorType: null,
    selector: "m01-pro-20261121-1",
    tokens: ["m01-pro-20261121-1"],
    keyLength: "RSA_2048_BIT",
  },
  key: {
    selector: "m01-pro-20261121-1",
    bornAt: "2026-11-21T00:00:00.000Z",
    ageSource: "history",
    ageDays: 10,
    rotationDueAt: "2026-12-22T00:00:00.000Z",
    daysUntilRotationDue: 20,
    overdue: false,
    expectedFingerprint: "SHA256:x",
    fingerprintSource: "history",
    keyProblem: null,
  },
  dns: { name: "m01-pro-20261121-1._domainkey.m01.goo.ne.jp", matchesEverywhere: true, servers: [] },
  cnames: null,
  grace: [],
  retired: [],
  regionComparison: null,
};
export const overdue: StatusRow = {
  ...base,
  domain: "m13.goo.ne.jp",
  verdict: "action",
  reason: "keyOverdue",
  reasons: ["keyOverdue", "dnsDrift"],
  key: { ...base.key!, ageDays: 45, daysUntilRotationDue: -14, overdue: true },
  dns: {
    name: "x",
    matchesEverywhere: false,
    servers: [
      { server: "ns1", role: "configured", outcome: "key", fingerprint: "SHA256:x", matches: true, answered: true },
      { server: "ns2", role: "configured", outcome: "key", fingerprint: "SHA256:y", matches: false, answered: true },
      { server: "ns3", role: "configured", outcome: "timeout", fingerprint: null, matches: false, answered: false },
    ],
  },
};
export const missing: StatusRow = {
  ...base,
  domain: "m39.goo.ne.jp",
  region: "ap-northeast-3",
  verdict: "action",
  reason: "notInRegion",
  reasons: ["notInRegion"],
  dkim: null,
  key: null,
  dns: null,
};

export const statusResult = (rows: StatusRow[], extra: Partial<StatusResult> = {}): StatusResult => ({
  command: "status",
  ok: rows.every((row) => row.verdict !== "action"),
  identity: { id: "identity", status: "pass", detail: msg("gate.identity.pass", { account: "123456789012", arn: "arn", region: "ap-northeast-1" }) },
  regions: ["ap-northeast-1", "ap-northeast-3"],
  rows,
  counts: { ok: rows.filter((r) => r.verdict === "ok").length, warn: 0, action: rows.filter((r) => r.verdict === "action").length },
  historyProblem: undefined,
  metrics: null,
  checkedAt: "2026-12-01T12:00:00.000Z",
  ...extra,
});
