import { describe, expect, it } from "vitest";
import type { SesIdentityFacts } from "../../src/aws/types.js";
import type { NameserverAnswer, TxtLookupResult } from "../../src/dns/types.js";
import { byodkimError } from "../../src/errors.js";
import { type ByodkimFacts, compareRegions, inOtherAccount, judgeRow, keyAge, type RowFacts, rowMetrics, type StatusPolicy } from "../../src/status/judge.js";
import { isVerificationStuck, TEMPORARY_FAILURE_RETRIED_BY_SES_MS } from "../../src/gates/sesGate.js";
import { REASON_ORDER, STATUS_REASONS, verdictOf } from "../../src/status/reasons.js";
import { generateKeyPairSync } from "node:crypto";
import { fingerprintSpki } from "../../src/dkim/publicKey.js";

const DAY = 86_400_000;
const NOW = new Date("2026-12-01T12:00:00.000Z");
const POLICY: StatusPolicy = { maxAgeDays: 31, warnDays: 7, graceDays: 7, now: NOW };
const daysAgo = (days: number) => new Date(NOW.getTime() - days * DAY).toISOString();
const minutesAgo = (minutes: number) => new Date(NOW.getTime() - minutes * 60_000).toISOString();

const spki = (seed: number) => {
  void seed;
  return generateKeyPairSync("rsa", { modulusLength: 1024 }).publicKey.export({ type: "spki", format: "der" });
};
const KEY = spki(1);
const OTHER = spki(2);
const txt = (der: Buffer): NameserverAnswer["answer"] => ({ kind: "records", records: [[`v=DKIM1; k=rsa; p=${der.toString("base64")}`]] });
const lookup = (...answers: NameserverAnswer["answer"][]): TxtLookupResult => ({
  name: "s1._domainkey.m.example.jp",
  source: { kind: "configured", setting: { kind: "flag" } },
  answers: answers.map((answer, i) => ({ server: { label: `ns${i}`, role: "configured", address: `127.0.0.1:${i}` }, answer })),
});

function ses(dkim: Partial<NonNullable<SesIdentityFacts["dkim"]>> = {}, errorType?: string): SesIdentityFacts {
  return {
    identityName: "m.example.jp",
    identityType: "DOMAIN",
    verifiedForSendingStatus: true,
    verificationStatus: "SUCCESS",
    dkim: {
      signingEnabled: true,
      status: "SUCCESS",
      origin: "EXTERNAL",
      tokens: ["s1"],
      signingHostedZone: undefined,
      currentSigningKeyLength: "RSA_2048_BIT",
      nextSigningKeyLength: undefined,
      lastKeyGenerationTimestamp: undefined,
      ...dkim,
    },
    verificationInfo: { errorType, lastCheckedTimestamp: undefined, lastSuccessTimestamp: undefined },
  };
}

const byodkim = (overrides: Partial<ByodkimFacts> = {}): ByodkimFacts => ({
  selector: "s1",
  birth: { at: daysAgo(10), source: "history" },
  expectedKey: { fingerprint: fingerprintSpki(KEY), source: "history" },
  keyProblem: undefined,
  txt: lookup(txt(KEY), txt(KEY)),
  retired: [],
  grace: [],
  ...overrides,
});

const row = (overrides: Partial<RowFacts> = {}): RowFacts => ({
  domain: "m.example.jp",
  region: "ap-northeast-1",
  referenceRegion: "ap-northeast-1",
  ses: { ok: true, value: ses() },
  byodkim: byodkim(),
  ...overrides,
});

const easy = (found: (string | undefined)[]): RowFacts =>
  row({
    ses: { ok: true, value: ses({ origin: "AWS_SES", tokens: ["a", "b", "c"], signingHostedZone: "dkim.amazonses.com" }) },
    byodkim: undefined,
    cnames: ["a", "b", "c"].map((token, i) => ({ name: `${token}._domainkey.m.example.jp`, expected: `${token}.dkim.amazonses.com`, found: found[i] })),
  });

describe("a row's verdict", () => {
  it.each([
    ["healthy BYODKIM", row(), "ok", "healthy"],
    [
      "SES unreadable",
      row({ ses: { ok: false, error: byodkimError("aws", "aws.throttled", { service: "SES", action: "ses:GetEmailIdentity", requestId: "r-1" }) } }),
      "action",
      "sesUnreadable",
    ],
    ["not in the region", row({ ses: { ok: true, value: null } }), "action", "notInRegion"],
    ["DKIM FAILED", row({ ses: { ok: true, value: ses({ status: "FAILED" }, "INVALID_VALUE") } }), "action", "dkimFailed"],
    ["signing off", row({ ses: { ok: true, value: ses({ signingEnabled: false }) } }), "action", "signingOff"],
    ["a 31-day-old key (due today)", row({ byodkim: byodkim({ birth: { at: daysAgo(31), source: "history" } }) }), "action", "keyOverdue"],
    ["a key due in 6 days", row({ byodkim: byodkim({ birth: { at: daysAgo(25), source: "history" } }) }), "warn", "rotationDueSoon"],
    ["a key due in exactly 7 days", row({ byodkim: byodkim({ birth: { at: daysAgo(24), source: "selector" } }) }), "ok", "healthy"],
    ["another key on one nameserver", row({ byodkim: byodkim({ txt: lookup(txt(KEY), txt(OTHER)) }) }), "action", "dnsDrift"],
    ["no record on one nameserver", row({ byodkim: byodkim({ txt: lookup(txt(KEY), { kind: "nxdomain" }) }) }), "action", "dnsDrift"],
    ["one nameserver timing out", row({ byodkim: byodkim({ txt: lookup(txt(KEY), { kind: "timeout" }) }) }), "warn", "dnsUnanswered"],
    ["no key to compare with", row({ byodkim: byodkim({ expectedKey: undefined }) }), "warn", "keyUnverifiable"],
    ["no age anywhere", row({ byodkim: byodkim({ birth: undefined }) }), "warn", "keyAgeUnknown"],
    ["SES still PENDING", row({ ses: { ok: true, value: ses({ status: "PENDING" }) } }), "warn", "dkimNotVerified"],
    [
      "TEMPORARY_FAILURE 59 minutes after the key was put (SES still retries)",
      row({ ses: { ok: true, value: ses({ status: "TEMPORARY_FAILURE", lastKeyGenerationTimestamp: minutesAgo(59) }, "DNS_SERVER_ERROR") } }),
      "warn",
      "dkimNotVerified",
    ],
    [
      "TEMPORARY_FAILURE an hour after the key was put (SES retries no more)",
      row({ ses: { ok: true, value: ses({ status: "TEMPORARY_FAILURE", lastKeyGenerationTimestamp: minutesAgo(60) }, "DNS_SERVER_ERROR") } }),
      "action",
      "dkimStuck",
    ],
    ["TEMPORARY_FAILURE with no time of the put", row({ ses: { ok: true, value: ses({ status: "TEMPORARY_FAILURE" }) } }), "action", "dkimStuck"],
    [
      "Easy DKIM in TEMPORARY_FAILURE for a day",
      row({
        ses: { ok: true, value: ses({ origin: "AWS_SES", tokens: ["a", "b", "c"], status: "TEMPORARY_FAILURE", lastKeyGenerationTimestamp: daysAgo(1) }) },
        byodkim: undefined,
      }),
      "action",
      "dkimStuck",
    ],
    ["Easy DKIM, every CNAME right", easy(["a.dkim.amazonses.com", "b.dkim.amazonses.com", "c.dkim.amazonses.com"]), "ok", "healthy"],
    ["Easy DKIM, one CNAME missing", easy(["a.dkim.amazonses.com", undefined, "c.dkim.amazonses.com"]), "action", "cnameMissing"],
    ["Easy DKIM, one CNAME elsewhere", easy(["a.dkim.amazonses.com", "b.example.net", "c.dkim.amazonses.com"]), "action", "cnameMissing"],
    [
      "a retired selector still published after its grace period",
      row({ byodkim: byodkim({ retired: [{ selector: "s0", retiredAt: daysAgo(10), lookup: lookup(txt(OTHER)) }] }) }),
      "warn",
      "retiredNotRevoked",
    ],
    [
      "a retired selector revoked",
      row({ byodkim: byodkim({ retired: [{ selector: "s0", retiredAt: daysAgo(10), lookup: lookup({ kind: "records", records: [["v=DKIM1; p="]] }) }] }) }),
      "ok",
      "healthy",
    ],
    [
      "a selector retired yesterday (the DNS team still has time)",
      row({ byodkim: byodkim({ retired: [{ selector: "s0", retiredAt: daysAgo(1), lookup: undefined }] }) }),
      "ok",
      "healthy",
    ],
    ["a selector in its grace period", row({ byodkim: byodkim({ grace: [{ selector: "s0", retireAfter: daysAgo(-3) }] }) }), "ok", "healthy"],
  ])("$0 is a row that gets its verdict and reason", (_what, facts, verdict, reason) => {
    const judged = judgeRow(facts, POLICY);
    expect({ verdict: judged.verdict, reason: judged.reason }).toEqual({ verdict, reason });
  });

  it("calls a TEMPORARY_FAILURE stuck exactly when the SES gate would restart it (one rule, one threshold)", () => {
    for (const ms of [0, TEMPORARY_FAILURE_RETRIED_BY_SES_MS - 1, TEMPORARY_FAILURE_RETRIED_BY_SES_MS, 2 * TEMPORARY_FAILURE_RETRIED_BY_SES_MS]) {
      const dkim = ses({ status: "TEMPORARY_FAILURE", lastKeyGenerationTimestamp: new Date(NOW.getTime() - ms).toISOString() });
      const judged = judgeRow(row({ ses: { ok: true, value: dkim } }), POLICY);
      expect(judged.reasons.includes("dkimStuck"), `${ms} ms`).toBe(isVerificationStuck(dkim.dkim, NOW));
      expect(judged.reasons.includes("dkimNotVerified"), `${ms} ms`).toBe(!isVerificationStuck(dkim.dkim, NOW));
    }
  });

  it("keeps every reason, the worst first", () => {
    const judged = judgeRow(
      row({
        ses: { ok: true, value: ses({ status: "FAILED", signingEnabled: false }) },
        byodkim: byodkim({ birth: { at: daysAgo(40), source: "history" }, txt: lookup(txt(OTHER)) }),
      }),
      POLICY,
    );
    expect(judged.reason).toBe("dkimFailed");
    expect(judged.reasons).toEqual(expect.arrayContaining(["dkimFailed", "signingOff", "keyOverdue", "dnsDrift"]));
  });

  it("says which servers match and where the age came from", () => {
    const judged = judgeRow(row({ byodkim: byodkim({ txt: lookup(txt(KEY), txt(OTHER)) }) }), POLICY);
    expect(judged.dns?.servers.map((server) => server.matches)).toEqual([true, false]);
    expect(judged.dns?.matchesEverywhere).toBe(false);
    expect(judged.key).toMatchObject({ ageDays: 10, daysUntilRotationDue: 21, ageSource: "history", fingerprintSource: "history" });
  });
});

describe("key age", () => {
  it.each([
    [0, 0, 31],
    [10, 10, 21],
    [30.5, 30, 0],
    [31, 31, 0],
    [31.5, 31, -1],
    [45, 45, -14],
  ])("a key made %s days ago is %s days old, due in %s", (ago, age, until) => {
    expect(keyAge({ at: daysAgo(ago), source: "history" }, POLICY)).toMatchObject({ ageDays: age, daysUntilRotationDue: until });
  });

  it("is unknown without a date, or with one that does not parse", () => {
    expect(keyAge(undefined, POLICY).ageDays).toBeNull();
    expect(keyAge({ at: "someday", source: "history" }, POLICY).ageDays).toBeNull();
  });
});

describe("regions compared", () => {
  const judged = (region: string, dkim: Partial<NonNullable<SesIdentityFacts["dkim"]>>, der = KEY) =>
    judgeRow(
      row({
        region,
        ses: { ok: true, value: ses(dkim) },
        byodkim: byodkim({ selector: dkim.tokens?.[0] ?? "s1", expectedKey: { fingerprint: fingerprintSpki(der), source: "history" }, txt: lookup(txt(der)) }),
      }),
      POLICY,
    );

  it.each([
    ["the same selector and key", { tokens: ["s1"] }, KEY, []],
    ["another selector", { tokens: ["s2"] }, KEY, ["selector"]],
    ["the same selector with another key", { tokens: ["s1"] }, OTHER, ["key"]],
    ["another key length", { tokens: ["s1"], currentSigningKeyLength: "RSA_1024_BIT" }, KEY, ["keyLength"]],
  ])("a second region with %s", (_what, dkim, der, differences) => {
    const rows = compareRegions([judged("ap-northeast-1", {}), judged("ap-northeast-3", dkim, der)], () => "ap-northeast-1");
    expect(rows[0]!.regionComparison).toBeNull();
    expect(rows[1]!.regionComparison?.differences).toEqual(differences);
    expect(rows[1]!.reasons.includes("regionMismatch")).toBe(differences.length > 0);
    if (differences.length > 0) expect(rows[1]).toMatchObject({ verdict: "warn", reason: "regionMismatch" });
  });

  it("a second region on Easy DKIM differs in origin", () => {
    const second = judgeRow(easy(["a.dkim.amazonses.com", "b.dkim.amazonses.com", "c.dkim.amazonses.com"]), POLICY);
    const rows = compareRegions([judged("ap-northeast-1", {}), { ...second, region: "ap-northeast-3" }], () => "ap-northeast-1");
    expect(rows[1]).toMatchObject({ verdict: "warn", reason: "regionMismatch", regionComparison: { differences: ["origin"] } });
  });

  it("compares nothing when the first region could not be read", () => {
    const first = judgeRow(row({ ses: { ok: true, value: null } }), POLICY);
    const rows = compareRegions([first, judged("ap-northeast-3", { tokens: ["s2"] })], () => "ap-northeast-1");
    expect(rows[1]!.regionComparison).toBeNull();
  });
});

describe("metrics of a row", () => {
  it("sends what is known, as 0/1 where it is a yes or no", () => {
    const data = rowMetrics(judgeRow(row({ byodkim: byodkim({ txt: lookup(txt(KEY), txt(OTHER)) }) }), POLICY), NOW);
    expect(Object.fromEntries(data.map((datum) => [datum.name, datum.value]))).toEqual({
      KeyAgeDays: 10,
      DaysUntilRotationDue: 21,
      DnsKeyMatches: 0,
      DkimHealthy: 0,
    });
    expect(data.every((datum) => datum.dimensions["Domain"] === "m.example.jp" && datum.dimensions["Region"] === "ap-northeast-1")).toBe(true);
  });

  it("leaves out what is not known, never sending it as 0", () => {
    const data = rowMetrics(judgeRow(row({ ses: { ok: true, value: null } }), POLICY), NOW);
    expect(data.map((datum) => [datum.name, datum.value])).toEqual([["DkimHealthy", 0]]);
  });

  it("counts Easy DKIM's CNAMEs as its DNS", () => {
    const data = rowMetrics(judgeRow(easy(["a.dkim.amazonses.com", "b.dkim.amazonses.com", "c.dkim.amazonses.com"]), POLICY), NOW);
    expect(Object.fromEntries(data.map((datum) => [datum.name, datum.value]))).toEqual({ DnsKeyMatches: 1, DkimHealthy: 1 });
  });
});

describe("reasons", () => {
  it("lead with the worst level", () => {
    const rank = { action: 0, warn: 1, ok: 2 };
    const levels = REASON_ORDER.map((reason) => rank[STATUS_REASONS[reason]]);
    expect(levels).toEqual([...levels].sort((a, b) => a - b));
    expect(verdictOf(["rotationDueSoon", "keyOverdue"])).toEqual({ verdict: "action", reason: "keyOverdue" });
    expect(verdictOf([])).toEqual({ verdict: "ok", reason: "healthy" });
  });
});

describe("metrics of a member account's row", () => {
  it("carry the Account dimension; the operations account's rows keep the dimensions their alarms were built on", () => {
    const judged = judgeRow(row({ ses: { ok: true, value: null } }), POLICY);
    const member = rowMetrics({ ...judged, account: "111111111111" }, NOW, "123456789012");
    const own = rowMetrics({ ...judged, account: "123456789012" }, NOW, "123456789012");
    expect(member[0]!.dimensions).toEqual({ Account: "111111111111", Domain: "m.example.jp", Region: "ap-northeast-1" });
    expect(own[0]!.dimensions).toEqual({ Domain: "m.example.jp", Region: "ap-northeast-1" });
  });
});

describe("a row of an identity the config puts in another account", () => {
  it("says so first among its warnings, keeps what else it found, and becomes no healthier", () => {
    const healthy = { ...judgeRow(row({ byodkim: byodkim({}) }), POLICY), account: "123456789012" };
    const elsewhere = inOtherAccount(healthy, "111111111111");
    expect(elsewhere).toMatchObject({ verdict: "warn", reason: "otherAccount", configuredAccount: "111111111111" });
    expect(elsewhere.reasons).not.toContain("healthy");
    const failed = inOtherAccount({ ...judgeRow(row({ ses: { ok: true, value: null } }), POLICY), account: "123456789012" }, "111111111111");
    expect(failed).toMatchObject({ verdict: "action", reason: "notInRegion" });
    expect(failed.reasons).toEqual(["otherAccount", "notInRegion"]);
  });
});
