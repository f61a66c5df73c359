import { describe, expect, it } from "vitest";
import type { StatusResult } from "../../src/commands/status.js";
import { msg } from "../../src/messages/msg.js";
import type { StatusRow } from "../../src/status/judge.js";
import { displayWidth } from "../../src/ui/displayWidth.js";
import { createOutput } from "../../src/ui/output.js";
import { renderStatusText, statusJson } from "../../src/ui/renderStatus.js";

const sink = { write: () => true };
const output = (lang: "en" | "ja" = "en") => createOutput({ stdout: sink, stderr: sink, env: {}, json: false, lang, colorFlag: false, verbose: false });

const base: StatusRow = {
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
const overdue: StatusRow = {
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
const missing: StatusRow = {
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

const result = (rows: StatusRow[], extra: Partial<StatusResult> = {}): StatusResult => ({
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

describe("the status table", () => {
  it("puts what needs action first, each row with its mark, its reason and the rest below it", () => {
    const text = renderStatusText(output(), result([base, overdue, missing]));
    const rows = text.split("\n").filter((line) => /^[✔!✘] /.test(line));
    expect(rows.map((line) => line.split(/\s+/).slice(0, 2).join(" "))).toEqual(["✘ m13.goo.ne.jp", "✘ m39.goo.ne.jp", "✔ m01.goo.ne.jp"]);
    expect(text).toContain("key is 45 days old, rotation was due 14 days ago");
    expect(text).toContain("14 d over");
    expect(text).toContain("    the TXT record does not carry the key on 1 of 3 nameservers");
    expect(text).toContain("SES has no such identity in ap-northeast-3");
    expect(text).toContain("1 healthy · 0 warnings · 2 need action");
  });

  it.each([
    ["BYODKIM", "dkimFailed", { ...base.dkim!, status: "FAILED" }, "byodkim enable m01.goo.ne.jp --selector m01-pro-20261121-1 --region ap-northeast-1"],
    [
      "Easy DKIM",
      "dkimFailed",
      { ...base.dkim!, origin: "AWS_SES", status: "FAILED", selector: null },
      "byodkim rollback m01.goo.ne.jp --region ap-northeast-1",
    ],
    [
      "BYODKIM",
      "dkimStuck",
      { ...base.dkim!, status: "TEMPORARY_FAILURE" },
      "byodkim enable m01.goo.ne.jp --selector m01-pro-20261121-1 --region ap-northeast-1",
    ],
    [
      "Easy DKIM",
      "dkimStuck",
      { ...base.dkim!, origin: "AWS_SES", status: "TEMPORARY_FAILURE", selector: null },
      "byodkim rollback m01.goo.ne.jp --region ap-northeast-1",
    ],
  ] as const)("names the way out of a stuck verification (%s, %s), in the table and the document", (_kind, reason, dkim, command) => {
    const failed: StatusRow = { ...base, verdict: "action", reason, reasons: [reason], dkim };
    const text = renderStatusText(output(), result([failed]));
    expect(text).toContain("waiting will not help");
    expect(text).toContain(command);
    const row = (statusJson(output(), result([failed])).rows as { wayOut: { text: string } | null }[])[0]!;
    expect(row.wayOut?.text).toContain(command);
    expect((statusJson(output(), result([base])).rows as { wayOut: unknown }[])[0]!.wayOut).toBeNull();
  });

  it("lines its columns up by display width, in Japanese too", () => {
    const text = renderStatusText(output("ja"), result([base, overdue]));
    const lines = text.split("\n").filter((line) => /^[✔!✘ ] /.test(line) && line.includes("ap-northeast-1"));
    const reasonAt = lines.map((line) => displayWidth(line.slice(0, line.indexOf("ap-northeast-1"))));
    expect(new Set(reasonAt).size).toBe(1);
    expect(text).toContain("要対応 1");
  });

  it("says when the metrics could not be published, and that the status stands", () => {
    const refused = msg("aws.accessDenied", { service: "CloudWatch", action: "cloudwatch:PutMetricData", resource: "*", requestId: "r" });
    const text = renderStatusText(output(), result([base], { metrics: { published: false, problem: refused } }));
    expect(text).toMatch(/warning: metrics not published \(.*cloudwatch:PutMetricData.*\); the status above stands/);
  });
});

describe("the status document", () => {
  it("carries each row's facts and its reason in words and as a code", () => {
    const document = statusJson(output(), result([overdue]));
    expect(document).toMatchObject({ command: "status", ok: false, counts: { action: 1 }, metrics: null });
    const [row] = document["rows"] as Record<string, unknown>[];
    expect(row).toMatchObject({ reason: "keyOverdue", reasonText: "key is 45 days old, rotation was due 14 days ago", key: { ageDays: 45, keyProblem: null } });
    expect(JSON.parse(JSON.stringify(document))).toEqual(document);
  });
});
