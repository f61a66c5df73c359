import { describe, expect, it } from "vitest";
import { bakeAlarms, bakeBreak, earlierProgress, halfMoved, type SesDkimNow, targetStanding } from "../../src/campaign/applyRules.js";
import type { PlanCall } from "../../src/campaign/planDocument.js";

const rotateCalls: PlanCall[] = [
  { name: "PutEmailIdentityDkimSigningAttributes", intent: { kind: "signWithExternalKey", selector: "m01-20261201" }, needed: true },
  { name: "PutEmailIdentityDkimAttributes", intent: { kind: "setSigning", enabled: true }, needed: false },
];
const planned = { origin: "EXTERNAL", status: "SUCCESS", signingEnabled: true, tokens: ["m01-20261101"] };
const target = { current: planned, selector: "m01-20261201", calls: rotateCalls };
const ses = (origin: string | null, tokens: string[], signingEnabled = true, status = "SUCCESS"): SesDkimNow => ({ origin, tokens, signingEnabled, status });

describe("a target's standing just before apply moves it", () => {
  it.each([
    ["SES as the plan saw it", ses("EXTERNAL", ["m01-20261101"]), "asPlanned"],
    ["SES as the plan saw it, its status moved on by itself", ses("EXTERNAL", ["m01-20261101"], true, "PENDING"), "asPlanned"],
    ["already on the plan's selector (an earlier apply)", ses("EXTERNAL", ["m01-20261201"]), "alreadyThere"],
    ["on a third selector someone switched to by hand", ses("EXTERNAL", ["m01-20261115"]), "superseded"],
    ["moved to Easy DKIM since", ses("AWS_SES", ["a", "b", "c"]), "superseded"],
    ["signing turned off since", ses("EXTERNAL", ["m01-20261101"], false), "superseded"],
    ["on the plan's selector but signing off", ses("EXTERNAL", ["m01-20261201"], false), "superseded"],
    ["SES could not be read, or the identity is gone", null, "superseded"],
  ] as const)("%s: %s", (_what, now, expected) => {
    expect(targetStanding(target, now)).toBe(expected);
  });

  it("takes an Easy DKIM rollback as done once SES shows Easy DKIM in any region's own origin", () => {
    const easy = {
      current: planned,
      selector: null,
      calls: [{ name: "PutEmailIdentityDkimSigningAttributes", intent: { kind: "signWithEasyDkim" }, needed: true }] as PlanCall[],
    };
    expect(targetStanding(easy, ses("AWS_SES_AP_NORTHEAST_3", ["t1"]))).toBe("alreadyThere");
    expect(targetStanding(easy, ses("EXTERNAL", ["m01-20261115"]))).toBe("superseded");
  });
});

describe("a target planned from Easy DKIM", () => {
  const fromEasy = {
    current: { origin: "AWS_SES", status: "SUCCESS", signingEnabled: true, tokens: ["t1", "t2", "t3"] },
    selector: "m01-20261201",
    calls: rotateCalls,
  };
  it("is as planned on Easy DKIM with tokens SES made anew (the campaign put it back there); not with signing off or on a key", () => {
    expect(targetStanding(fromEasy, ses("AWS_SES", ["n1", "n2", "n3"], true, "PENDING"))).toBe("asPlanned");
    expect(targetStanding(fromEasy, ses("AWS_SES", ["n1", "n2", "n3"], false))).toBe("superseded");
    expect(targetStanding(fromEasy, ses("EXTERNAL", ["m01-20261115"]))).toBe("superseded");
  });
});

describe("what breaks a bake", () => {
  const watched = [
    { name: "bounce", after: "OK" as const },
    { name: "dkim-unverified", after: "ALARM" as const },
  ];
  const moved = (now: SesDkimNow | null, expected: string | null = "m01-20261201") => [{ domain: "m01.goo.ne.jp", region: "ap-northeast-1", expected, now }];

  it.each([
    ["every alarm as expected and the target signing", [{ name: "bounce", state: "OK" }], moved(ses("EXTERNAL", ["m01-20261201"])), null],
    ["an alarm without data", [{ name: "bounce", state: "INSUFFICIENT_DATA" }], [], null],
    ["an alarm whose settled state is ALARM", [{ name: "dkim-unverified", state: "ALARM" }], [], null],
    ["an alarm not watched", [{ name: "other", state: "ALARM" }], [], null],
    ["a target SES could not be read for", [], moved(null), null],
    ["a rollback to no selector that holds", [], moved(ses("AWS_SES", ["t"]), null), null],
  ] as const)("holds with %s", (_what, alarms, targets, expected) => {
    expect(bakeBreak(alarms, watched, targets)).toEqual(expected);
  });

  it.each([
    [
      "a watched alarm in ALARM",
      [{ name: "bounce", state: "ALARM", stateReason: "Threshold Crossed" }],
      [],
      { kind: "alarm", name: "bounce", state: "ALARM", reason: "Threshold Crossed" },
    ],
    [
      "a target no longer SUCCESS",
      [],
      moved(ses("EXTERNAL", ["m01-20261201"], true, "FAILED")),
      { kind: "target", domain: "m01.goo.ne.jp", region: "ap-northeast-1", status: "FAILED", selector: "m01-20261201" },
    ],
    [
      "a target moved off its selector",
      [],
      moved(ses("EXTERNAL", ["m01-20261101"])),
      { kind: "target", domain: "m01.goo.ne.jp", region: "ap-northeast-1", status: "SUCCESS", selector: "m01-20261101" },
    ],
  ] as const)("breaks on %s", (_what, alarms, targets, expected) => {
    expect(bakeBreak(alarms, watched, targets)).toEqual(expected);
  });

  it("watches bake.alarms against their settled state in alarms:, an unknown one against OK, or every configured alarm", () => {
    const configured = [
      { name: "bounce", after: "OK" as const },
      { name: "dkim-unverified", after: "ALARM" as const },
    ];
    expect(bakeAlarms(configured, undefined)).toEqual(configured);
    expect(bakeAlarms(configured, ["dkim-unverified", "complaints"])).toEqual([
      { name: "dkim-unverified", after: "ALARM" },
      { name: "complaints", after: "OK" },
    ]);
    expect(bakeAlarms(configured, [])).toEqual([]);
  });
});

describe("identities left moved in one region only", () => {
  const t = (domain: string, region: string, end: "completed" | "upToDate" | "failed" | "notStarted" | "doneEarlier" | "superseded") => ({
    domain,
    region,
    end,
  });
  it.each([
    ["both regions moved", [t("a", "tokyo", "completed"), t("a", "osaka", "completed")], []],
    ["Tokyo moved, Osaka failed: Tokyo goes back", [t("a", "tokyo", "completed"), t("a", "osaka", "failed")], [t("a", "tokyo", "completed")]],
    ["Tokyo moved earlier, Osaka not started", [t("a", "tokyo", "doneEarlier"), t("a", "osaka", "notStarted")], [t("a", "tokyo", "doneEarlier")]],
    ["Tokyo already there before the campaign, Osaka failed: nothing the campaign moved", [t("a", "tokyo", "upToDate"), t("a", "osaka", "failed")], []],
    [
      "Osaka changed by someone since the plan: Tokyo goes back rather than sign with the new key alone",
      [t("a", "tokyo", "completed"), t("a", "osaka", "superseded")],
      [t("a", "tokyo", "completed")],
    ],
    ["another identity's failure is not this one's", [t("a", "tokyo", "completed"), t("b", "tokyo", "failed")], []],
  ] as const)("%s", (_what, targets, expected) => {
    expect(halfMoved(targets)).toEqual(expected);
  });
});

describe("what earlier runs of a plan left", () => {
  it("counts finished targets, forgets those a bake rolled back, and remembers a halt", () => {
    const progress = earlierProgress([
      { at: "2026-12-04T01:00:00Z", event: "campaign-started" },
      { at: "2026-12-04T01:01:00Z", event: "target-ended", domain: "a", region: "tokyo", end: "completed" },
      { at: "2026-12-04T01:01:00Z", event: "target-ended", domain: "a", region: "osaka", end: "upToDate" },
      { at: "2026-12-04T01:01:00Z", event: "target-ended", domain: "b", region: "tokyo", end: "failed" },
      { at: "2026-12-04T01:02:00Z", event: "target-ended", domain: "c", region: "tokyo", end: "completed" },
      { at: "2026-12-04T01:03:00Z", event: "target-rolled-back", domain: "c", region: "tokyo" },
    ]);
    expect([...progress.done].sort()).toEqual(["a osaka", "a tokyo"]);
    expect(progress.halted).toBeNull();
    const halted = earlierProgress([{ at: "2026-12-04T01:04:00Z", event: "campaign-halted", wave: 2, why: "alarm bounce ALARM" }]);
    expect(halted.halted).toEqual({ wave: 2, at: "2026-12-04T01:04:00Z", why: "alarm bounce ALARM" });
  });
});
