import { describe, expect, it } from "vitest";
import type { StatusResult } from "../../src/commands/status.js";
import { msg } from "../../src/messages/msg.js";
import type { StatusRow } from "../../src/status/judge.js";
import { displayWidth } from "../../src/ui/displayWidth.js";
import { createOutput } from "../../src/ui/output.js";
import { renderStatusText } from "../../src/ui/renderStatus.js";

const sink = { write: () => true };
const output = (lang: "en" | "ja") => createOutput({ stdout: sink, stderr: sink, env: {}, json: false, lang, colorFlag: false, verbose: false });

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

const regionMismatch: StatusRow = {
  ...base,
  domain: "m34.goo.ne.jp",
  region: "ap-northeast-3",
  verdict: "warn",
  reason: "regionMismatch",
  reasons: ["regionMismatch"],
  regionComparison: { referenceRegion: "ap-northeast-1", differences: ["selector", "signing"] },
};
const failed: StatusRow = {
  ...base,
  domain: "m24.goo.ne.jp",
  verdict: "action",
  reason: "dkimFailed",
  reasons: ["dkimFailed", "dnsDrift"],
  dkim: { ...base.dkim!, status: "FAILED", errorType: "INVALID_VALUE" },
  dns: overdue.dns,
  grace: [{ selector: "m24-pro-20261024-1", retireAfter: "2026-12-08T00:00:00.000Z" }] as StatusRow["grace"],
};
const fleet = [base, overdue, missing, regionMismatch, failed];
const domains = fleet.map((row) => row.domain);
/** The way out's commands are copied whole, so theirs is the one line left for the terminal to wrap. */
const isWayOut = (line: string) => /^ {4}byodkim (enable|rollback|rotate) /.test(line);

describe("the status table at the terminal's width", () => {
  it.each([
    ["en", 160],
    ["en", 120],
    ["en", 80],
    ["en", 40],
    ["ja", 160],
    ["ja", 120],
    ["ja", 80],
    ["ja", 40],
  ] as const)("%s at %i columns: every row on one line, no line wider than the terminal", (lang, width) => {
    const text = renderStatusText(output(lang), result(fleet), width);
    const lines = text.split("\n");
    for (const line of lines.filter((each) => !isWayOut(each))) expect(displayWidth(line), line).toBeLessThanOrEqual(width);
    const rows = lines.filter((line) => /^[✔!✘] /.test(line));
    expect(rows.map((line) => domains.find((domain) => line.slice(2).startsWith(domain)))).toEqual(domains.map(() => expect.any(String)));
    expect(new Set(rows.map((line) => line.slice(2, 15))).size).toBe(fleet.length);
    expect(lines.filter(isWayOut)).toEqual([expect.stringContaining("byodkim enable m24.goo.ne.jp --selector m01-pro-20261121-1 --region ap-northeast-1")]);
  });

  it.each(["en", "ja"] as const)("says which columns it left out, and leaves none out when piped (%s)", (lang) => {
    const narrow = renderStatusText(output(lang), result(fleet), 80);
    expect(narrow).toMatch(
      lang === "en" ? /not shown, for want of width: DKIM, SELECTOR, KEY AGE/ : /端末の幅が足りないため、次の列を省略しています：DKIM、セレクタ/,
    );
    const piped = renderStatusText(output(lang), result(fleet), undefined);
    expect(piped).not.toContain("…");
    expect(piped).not.toMatch(/not shown, for want of width|端末の幅が足りない/);
    expect(piped).toContain("m01-pro-20261121-1");
  });

  it("at 160 columns in English keeps every column, and cuts only the one reason far longer than the rest", () => {
    const text = renderStatusText(output("en"), result(fleet), 160);
    expect(text).not.toContain("not shown, for want of width");
    const cut = text.split("\n").filter((line) => line.includes("…"));
    expect(cut).toEqual([expect.stringMatching(/^! m34\.goo\.ne\.jp .* signs otherwise than ap-northeast-1 .*…$/)]);
    expect(text).toContain("key is 45 days old, rotation was due 14 days ago");
  });

  it("folds Japanese prose where it reaches the edge, not at the next space", () => {
    const text = renderStatusText(output("ja"), result(fleet), 40);
    const note = text.split("\n").filter((line) => line.includes("--json"));
    expect(note).toHaveLength(1);
    expect(note[0]).toMatch(/--json を/);
  });
});
