import { describe, expect, it } from "vitest";
import { buildPlan, gateReason } from "../../src/campaign/buildPlan.js";
import { leftOutTargets, readyTargets } from "../../src/campaign/planDocument.js";
import { sealPlan } from "../../src/campaign/planSeal.js";
import { planSummaryForApproval, wavesOfPlan } from "../../src/campaign/planSummary.js";
import { createTranslator } from "../../src/messages/catalogue.js";
import { msg } from "../../src/messages/msg.js";
import { keyFree } from "../support/plainOutput.js";
import { easyCandidate, failing, fixturePlan, keyRecord, NOW, OSAKA, planInput, rotationCandidate, TOKYO, testKey } from "./planFixture.js";

const where = (targets: readonly { domain: string; region: string }[]) => targets.map((target) => `${target.domain} ${target.region}`);

describe("building a plan from what plan found", () => {
  it("puts ready targets in waves by domain then region, and lists the ones left out after them", () => {
    const plan = fixturePlan();
    expect(plan.targets.map((target) => `${target.domain} ${target.region} ${target.state === "ready" ? `wave ${target.wave}` : "left out"}`)).toEqual([
      "m01.goo.ne.jp ap-northeast-1 wave 1",
      "m01.goo.ne.jp ap-northeast-3 wave 1",
      "m02.goo.ne.jp ap-northeast-1 wave 2",
      "m02.goo.ne.jp ap-northeast-3 wave 2",
      "m04.goo.ne.jp ap-northeast-1 wave 2",
      "m03.goo.ne.jp ap-northeast-1 left out",
    ]);
    expect(leftOutTargets(plan)[0]!.reasons).toEqual([
      { gate: "key", status: "fail", code: "gate.key.missing", params: { location: "s3://dkim-keys/dkim/x/y.pem" } },
    ]);
  });

  it.each([
    ["rotate", ["m01.goo.ne.jp ap-northeast-1"], ["m02.goo.ne.jp ap-northeast-1", "m02.goo.ne.jp ap-northeast-3"]],
    ["enable", ["m01.goo.ne.jp ap-northeast-1"], ["m02.goo.ne.jp ap-northeast-1", "m02.goo.ne.jp ap-northeast-3"]],
    ["rollback", ["m01.goo.ne.jp ap-northeast-1", "m02.goo.ne.jp ap-northeast-1"], ["m02.goo.ne.jp ap-northeast-3"]],
  ] as const)("%s: an identity whose gates fail in one region is left out %s", (command, ready, leftOut) => {
    const built = buildPlan(
      planInput({
        command,
        candidates: [rotationCandidate("m01", TOKYO), rotationCandidate("m02", TOKYO), rotationCandidate("m02", OSAKA, { gates: [failing("dns")] })],
      }),
    );
    if (!built.ok) throw new Error(built.problem.key);
    expect(where(readyTargets(built.plan))).toEqual(ready);
    expect(where(leftOutTargets(built.plan))).toEqual(leftOut);
    const partner = leftOutTargets(built.plan).find((target) => target.region === TOKYO);
    if (partner) expect(partner.reasons).toEqual([{ gate: "campaign", status: "fail", code: "campaign.target.otherRegionLeftOut", params: { region: OSAKA } }]);
  });

  it.each([
    ["SES could not be read", { current: null }],
    ["nothing to restore to", { restores: null }],
  ])("leaves out a target when %s, though no gate failed", (_what, extra) => {
    const built = buildPlan(planInput({ command: "rollback", candidates: [rotationCandidate("m01", TOKYO, extra)] }));
    expect(built).toMatchObject({ ok: true, ready: 0, leftOut: 1 });
    if (built.ok) expect(leftOutTargets(built.plan)[0]!.reasons).toEqual([{ gate: "campaign", status: "fail", code: "campaign.target.notRead" }]);
  });

  it("keeps a ready target's warnings, and cuts a long or multi-line gate param to one short line", () => {
    const warn = { id: "alarms" as const, status: "warn" as const, detail: msg("gate.key.missing", { location: `line one\nline two ${"x".repeat(600)}` }) };
    const reason = gateReason(warn);
    expect(reason.params!["location"]).toMatch(/^line one line two x+…$/);
    expect(String(reason.params!["location"])).toHaveLength(500);
    const built = buildPlan(planInput({ candidates: [rotationCandidate("m01", TOKYO, { gates: [warn] })] }));
    if (!built.ok) throw new Error(built.problem.key);
    expect(readyTargets(built.plan)[0]!.warnings).toEqual([reason]);
    expect(() => sealPlan(built.plan)).not.toThrow();
  });

  it("publishes an identity's record once for both regions, zones and names sorted", () => {
    const plan = fixturePlan({
      dnsRecords: [{ ...keyRecord("m09"), zone: "other.jp", name: "a._domainkey.m09.other.jp" }, keyRecord("m02"), keyRecord("m01"), keyRecord("m02")],
    });
    expect(plan.dnsRecords.map((zone) => [zone.zone, zone.records.map((record) => record.name)])).toEqual([
      ["goo.ne.jp", ["m01-pro-20261201-1._domainkey.m01.goo.ne.jp", "m02-pro-20261201-1._domainkey.m02.goo.ne.jp"]],
      ["other.jp", ["a._domainkey.m09.other.jp"]],
    ]);
  });

  it("refuses two different records planned at one name", () => {
    const built = buildPlan(planInput({ dnsRecords: [keyRecord("m01"), { ...keyRecord("m01"), value: "v=DKIM1; k=rsa; p=" }] }));
    expect(built).toEqual({
      ok: false,
      problem: msg("campaign.plan.dnsConflict", { name: "m01-pro-20261201-1._domainkey.m01.goo.ne.jp" }),
      hint: msg("campaign.plan.dnsConflict.hint"),
    });
  });

  it("refuses an identity planned to two selectors in its two regions, but lets a rollback restore each region's own", () => {
    const candidates = [rotationCandidate("m01", TOKYO), rotationCandidate("m01", OSAKA, { selector: "m01-pro-20261201-2" })];
    expect(buildPlan(planInput({ candidates }))).toMatchObject({ ok: false, problem: { key: "campaign.waves.selectorsDiffer" } });
    expect(buildPlan(planInput({ command: "rollback", candidates }))).toMatchObject({ ok: true, ready: 2 });
  });

  it("says no target is ready when every gate failed, with nothing in a wave", () => {
    const built = buildPlan(planInput({ candidates: [rotationCandidate("m01", TOKYO, { gates: [failing("ses")] })] }));
    if (!built.ok) throw new Error(built.problem.key);
    expect(built.ready).toBe(0);
    expect(wavesOfPlan(built.plan)).toEqual([]);
    expect(planSummaryForApproval(built.plan, "a".repeat(64)).lines.map((line) => line.key)).toContain("campaign.summary.nothingReady");
  });
});

describe("a plan holds no private key", () => {
  it("nowhere in its sealed bytes or its summary, en or ja, from a fixture made with a real key", () => {
    const key = testKey();
    const plan = fixturePlan({ candidates: [rotationCandidate("m01", TOKYO), easyCandidate("m02", OSAKA, { gates: [failing("key")] })] });
    const { id, bytes } = sealPlan(plan);
    const summary = planSummaryForApproval(plan, id).lines;
    const texts = [bytes.toString("utf8"), ...(["en", "ja"] as const).map((lang) => summary.map(createTranslator(lang)).join("\n"))];
    const privateDerBase64 = key.pem
      .split("\n")
      .filter((line) => line.length > 0 && !line.startsWith("-----"))
      .join("");
    for (const text of texts) {
      keyFree(text, key.canaries);
      expect(text).not.toContain("PRIVATE KEY");
      expect(text).not.toContain(privateDerBase64.slice(300, 360));
    }
    // What it does carry is public: the fingerprint and the record's p=.
    expect(texts[0]).toContain(key.publicKeyBase64);
    expect(texts[0]).toMatch(/"publicKeyFingerprint":"SHA256:[A-Za-z0-9+/]{43}"/);
  });
});

describe("the plan as an approver reads it", () => {
  const plan = fixturePlan();
  const id = "3f9a1c0d".padEnd(64, "0");
  const at = { zone: () => "Asia/Tokyo", now: () => NOW };

  it.each([
    [
      "en",
      [
        "Plan 3f9a1c0d · rotate · ready: 5 of 6 targets (3 identities) · regions: ap-northeast-1, ap-northeast-3",
        "Planned by arn:aws:sts::123456789012:assumed-role/MailOps/tanaka at 2026-12-04 10:00 JST; expires 2026-12-07 10:00 JST (in 3 days)",
        'Change window: {"days":["mon","tue","wed","thu","fri"],"end":"17:00","start":"10:00","timeZone":"Asia/Tokyo"}',
        "Waves: 2 for 3 identities (5 targets): canary 1, then 2 identities a wave; stop once more than 0 targets have failed",
        "  1. canary · identities: 1 · targets: 2 · m01.goo.ne.jp",
        "  2. wave · identities: 2 · targets: 3 · m02.goo.ne.jp, m04.goo.ne.jp",
        "Left out, a gate failed when planned: 1",
        "  m03.goo.ne.jp · ap-northeast-1 · key",
        "DNS records still to publish before apply: 2 (zones: 1)",
      ],
    ],
    [
      "ja",
      [
        "プラン 3f9a1c0d · rotate · 実行対象：6 件中 5 件（ID 3 件） · リージョン：ap-northeast-1, ap-northeast-3",
        "作成者：arn:aws:sts::123456789012:assumed-role/MailOps/tanaka（2026-12-04 10:00 JST）。有効期限：2026-12-07 10:00 JST（3 日後）",
        '作業時間帯：{"days":["mon","tue","wed","thu","fri"],"end":"17:00","start":"10:00","timeZone":"Asia/Tokyo"}',
        "ウェーブ：3 件の ID（対象 5 件）を 2 回に分けて実行します。カナリア 1 件、以降は 1 回あたり 2 件。失敗が 0 件を超えたら停止します",
        "  1. カナリア · ID：1 件 · 対象：2 件 · m01.goo.ne.jp",
        "  2. ウェーブ · ID：2 件 · 対象：3 件 · m02.goo.ne.jp, m04.goo.ne.jp",
        "プラン作成時にゲートが NG で対象外になったもの：1 件",
        "  m03.goo.ne.jp · ap-northeast-1 · key",
        "apply の前に公開が必要な DNS レコード：1 ゾーンに 2 件",
      ],
    ],
  ] as const)("in %s", (lang, expected) => {
    const summary = planSummaryForApproval(plan, id);
    expect(summary).toMatchObject({ idPrefix: "3f9a1c0d", ready: 5, leftOut: 1, identities: 3, regions: [TOKYO, OSAKA] });
    expect(summary.lines.map(createTranslator(lang, undefined, at))).toEqual(expected);
  });
});

describe("a left-out target's line", () => {
  const plan = fixturePlan({
    candidates: [
      rotationCandidate("m01", TOKYO),
      rotationCandidate("m02", TOKYO),
      rotationCandidate("m02", OSAKA, { gates: [failing("dns"), failing("ses"), failing("dns")] }),
      rotationCandidate("m05", TOKYO, { current: null }),
    ],
  });
  const lines = (lang: "en" | "ja") =>
    planSummaryForApproval(plan, "b".repeat(64))
      .lines.map(createTranslator(lang))
      .filter((line) => line.startsWith("  m0"));

  it.each([
    [
      "en",
      [
        "  m02.goo.ne.jp · ap-northeast-1 · with ap-northeast-3, so the identity never signs with two keys",
        "  m02.goo.ne.jp · ap-northeast-3 · dns, ses",
        "  m05.goo.ne.jp · ap-northeast-1 · SES not read",
      ],
    ],
    [
      "ja",
      [
        "  m02.goo.ne.jp · ap-northeast-1 · ap-northeast-3 と一緒に対象外（2 つの鍵で署名しないため）",
        "  m02.goo.ne.jp · ap-northeast-3 · dns, ses",
        "  m05.goo.ne.jp · ap-northeast-1 · SES を読み取れませんでした",
      ],
    ],
  ] as const)("names the failed gates, or the region it goes with, in %s", (lang, expected) => {
    expect(lines(lang)).toEqual(expected);
  });
});
