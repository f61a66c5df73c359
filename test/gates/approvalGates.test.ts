import { describe, expect, it } from "vitest";
import type { ApprovalsConfig } from "../../src/config/approvalsConfig.js";
import {
  type ApprovalFacts,
  type ApprovedPlanSummary,
  checkApproval,
  checkApprovalsForApply,
  checkSingleChangeApproval,
  type PlanFacts,
  type RecordedApproval,
  type SingleChangeApprovalCheck,
  tallyApprovals,
} from "../../src/gates/approvalGates.js";
import { catalogue, createTranslator } from "../../src/messages/catalogue.js";

const en = createTranslator("en");
const ja = createTranslator("ja");
const NOW = new Date("2026-12-04T03:00:00.000Z");
const ID = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";
const OTHER_ID = "60303ae22b998861bce3b28f33eec1be758a213c86c93c076dbe9f558c11c752";
const SSO = "arn:aws:sts::123456789012:assumed-role/aws-reserved/sso.amazonaws.com/AWSReservedSSO_MailOps_0123456789abcdef";
const ALICE = `${SSO}/alice`;
const ALICE_NO_PATH = "arn:aws:sts::123456789012:assumed-role/AWSReservedSSO_MailOps_0123456789abcdef/alice";
const BOB = `${SSO}/bob`;
const CAROL = "arn:aws:iam::123456789012:user/carol";
const DAVE = "arn:aws:iam::123456789012:user/dave";

const plan = (overrides: Partial<PlanFacts> = {}): PlanFacts => ({
  id: ID,
  plannedBy: ALICE,
  createdAt: "2026-12-03T03:00:00.000Z",
  expiresAt: "2026-12-06T03:00:00.000Z",
  storedHashOk: true,
  ...overrides,
});
const ONE: ApprovalsConfig = { required: 1, allowSelf: false };
const TWO: ApprovalsConfig = { required: 2, allowSelf: false };
const OFF: ApprovalsConfig = { required: 0, allowSelf: false };
const SELF_OK: ApprovalsConfig = { required: 1, allowSelf: true };
const approved = (by: string, at = "2026-12-03T05:00:00.000Z", planHash = ID): RecordedApproval => ({ by, at, planHash });
const given = (by: string, at = "2026-12-03T05:00:00.000Z"): ApprovalFacts => ({ by, at });

describe("approve: may this caller approve this plan now", () => {
  it.each([
    ["the planner approving their own plan", plan(), ALICE, [], ONE, ["selfApproval"], "gate.approval.self"],
    ["the planner under the role's other spelling of the same session", plan(), ALICE_NO_PATH, [], ONE, ["selfApproval"], "gate.approval.self"],
    ["an expired plan", plan({ expiresAt: "2026-12-04T02:59:59.000Z" }), BOB, [], ONE, ["expired"], "gate.approval.expired"],
    ["a plan at the very moment it expires", plan({ expiresAt: NOW.toISOString() }), BOB, [], ONE, ["expired"], "gate.approval.expired"],
    ["a plan whose expiry cannot be read", plan({ expiresAt: "soon" }), BOB, [], ONE, ["expiryUnreadable"], "gate.approval.expiryUnreadable"],
    ["a plan whose stored bytes no longer hash to its id", plan({ storedHashOk: false }), BOB, [], ONE, ["tampered"], "gate.approval.tampered"],
    ["a second approval by the same principal", plan(), BOB, [given(BOB)], ONE, ["alreadyApproved"], "gate.approval.already"],
    ["a second approval by the same IAM user", plan({ plannedBy: CAROL }), DAVE, [given(DAVE)], TWO, ["alreadyApproved"], "gate.approval.already"],
    ["an approver that is no caller ARN", plan(), "bob", [], ONE, ["unknownApprover"], "gate.approval.unknownApprover"],
    ["a planner that is no caller ARN", plan({ plannedBy: "alice" }), BOB, [], ONE, ["unknownPlanner"], "gate.approval.unknownPlanner"],
    [
      "every reason at once, the bytes first",
      plan({ storedHashOk: false, expiresAt: "2026-12-01T00:00:00.000Z" }),
      ALICE,
      [given(ALICE_NO_PATH)],
      SELF_OK,
      ["tampered", "expired", "alreadyApproved"],
      "gate.approval.tampered",
    ],
    [
      "the planner's own approval of an expired plan, even with approvals off",
      plan({ expiresAt: "2026-12-01T00:00:00.000Z" }),
      ALICE,
      [],
      OFF,
      ["expired", "selfApproval"],
      "gate.approval.expired",
    ],
  ] as const)("refuses %s", (_what, facts, approver, existing, config, refusals, key) => {
    const result = checkApproval({ plan: facts, approver, existingApprovals: existing, now: NOW, config });
    expect(result.id).toBe("approval");
    expect(result.status).toBe("fail");
    expect(result.detail.key).toBe(key);
    expect(result.data?.["refusals"]).toEqual(refusals);
    // Each further reason is a line, and what to do about the first ends the list.
    expect(result.lines).toHaveLength(refusals.length);
    expect(en(result.lines!.at(-1)!)).toMatch(/\.$/);
  });

  it.each([
    ["a second person in the planner's SSO role", plan(), BOB, [], ONE, "gate.approval.pass", 1, "it will have 1 of the 1 approval(s) required"],
    ["an IAM user for a role session's plan", plan(), CAROL, [], ONE, "gate.approval.pass", 1, "it will have 1 of the 1 approval(s) required"],
    ["a third person after a second", plan(), CAROL, [given(BOB)], TWO, "gate.approval.pass", 2, "it will have 2 of the 2 approval(s) required"],
    ["a person after the planner's own (not counted)", plan(), CAROL, [given(ALICE)], TWO, "gate.approval.pass", 1, "it will have 1 of the 2"],
    ["the planner when the config allows self-approval", plan(), ALICE, [], SELF_OK, "gate.approval.pass", 1, "it will have 1 of the 1"],
    ["anyone when approvals are off, recorded all the same", plan(), BOB, [], OFF, "gate.approval.passNotRequired", 1, "the config requires no approval"],
    ["the last minute before expiry", plan({ expiresAt: "2026-12-04T03:00:00.001Z" }), BOB, [], ONE, "gate.approval.pass", 1, "1 of the 1"],
  ] as const)("lets %s approve, saying how many approvals the plan will have", (_what, facts, approver, existing, config, key, count, words) => {
    const result = checkApproval({ plan: facts, approver, existingApprovals: existing, now: NOW, config });
    expect(result.status).toBe("pass");
    expect(result.detail.key).toBe(key);
    expect(result.data?.["approvals"]).toBe(count);
    expect(en(result.detail)).toContain(approver);
    expect(en(result.detail)).toContain(words);
  });

  it("says a refusal in Japanese with the times in the operator's zone, the expiry with how long ago", () => {
    const jaTokyo = createTranslator("ja", catalogue, { zone: () => "Asia/Tokyo", now: () => NOW });
    const twice = checkApproval({ plan: plan(), approver: BOB, existingApprovals: [given(BOB)], now: NOW, config: ONE });
    expect(jaTokyo(twice.detail)).toBe(`${BOB} は 2026-12-03 14:00 JST にこのプランを承認済みです：承認は 1 人 1 回です`);
    expect(jaTokyo(twice.lines![0]!)).toBe("あなたの承認は記録済みです。さらに承認が必要な場合は、別の人が承認してください。");
    const stale = checkApproval({ plan: plan({ expiresAt: "2026-12-03T03:00:00.000Z" }), approver: BOB, existingApprovals: [], now: NOW, config: ONE });
    expect(jaTokyo(stale.detail)).toBe(
      "プランは 2026-12-03 12:00 JST（24 時間前）に有効期限が切れました：期限切れのプランは承認も適用もできません（有効期間は plans.ttlHours で設定します）",
    );
  });
});

describe("apply: enough distinct people approved this very plan", () => {
  it.each([
    ["no approval at all", plan(), [], ONE, "fail", "gate.approval.notEnough", 0],
    ["only the planner's own", plan(), [approved(ALICE)], ONE, "fail", "gate.approval.notEnough", 0],
    ["one person, twice, when two are required", plan(), [approved(BOB), approved(BOB, "2026-12-03T06:00:00.000Z")], TWO, "fail", "gate.approval.notEnough", 1],
    ["an approval of another plan's bytes", plan(), [approved(BOB, undefined, OTHER_ID)], ONE, "fail", "gate.approval.notEnough", 0],
    ["an approval by no caller ARN", plan(), [approved("bob")], ONE, "fail", "gate.approval.notEnough", 0],
    ["approvals of a plan whose planner is no caller ARN", plan({ plannedBy: "?" }), [approved(BOB)], ONE, "fail", "gate.approval.notEnough", 0],
    ["an expired plan, however approved", plan({ expiresAt: "2026-12-04T00:00:00.000Z" }), [approved(BOB)], ONE, "fail", "gate.approval.expired", 1],
    ["a tampered plan, however approved", plan({ storedHashOk: false }), [approved(BOB)], ONE, "fail", "gate.approval.tampered", 1],
    ["an expired plan when approvals are off", plan({ expiresAt: "2026-12-04T00:00:00.000Z" }), [], OFF, "fail", "gate.approval.expired", 0],
    ["a second person's approval", plan(), [approved(BOB)], ONE, "pass", "gate.approval.enough", 1],
    ["two people of one SSO role", plan({ plannedBy: CAROL }), [approved(ALICE), approved(BOB)], TWO, "pass", "gate.approval.enough", 2],
    ["more than required", plan(), [approved(BOB), approved(CAROL), approved(DAVE)], TWO, "pass", "gate.approval.enough", 3],
    ["the planner's own when allowed", plan(), [approved(ALICE)], SELF_OK, "pass", "gate.approval.enough", 1],
    ["no approval when none is required", plan(), [], OFF, "pass", "gate.approval.notRequired", 0],
  ] as const)("%s", (_what, facts, approvals, config, status, key, count) => {
    const result = checkApprovalsForApply({ plan: facts, approvals, now: NOW, config });
    expect(result.id).toBe("approval");
    expect(result.status).toBe(status);
    expect(result.detail.key).toBe(key);
    expect(result.data?.["approvals"]).toBe(count);
  });

  it("names each approval it does not count, and why", () => {
    const approvals = [
      approved(BOB, "2026-12-03T05:00:00.000Z"),
      approved(ALICE, "2026-12-03T04:00:00.000Z"),
      approved(`${SSO}/Bob`, "2026-12-03T06:00:00.000Z"),
      approved(CAROL, "2026-12-03T07:00:00.000Z", OTHER_ID),
      approved("arn:aws:iam::123456789012:user/", "2026-12-03T08:00:00.000Z"),
    ];
    const result = checkApprovalsForApply({ plan: plan(), approvals, now: NOW, config: TWO });
    expect(result.status).toBe("fail");
    expect(result.data?.["approvedBy"]).toEqual([BOB]);
    expect(result.data?.["notCounted"]).toEqual([
      { by: ALICE, at: "2026-12-03T04:00:00.000Z", why: "byPlanner" },
      { by: `${SSO}/Bob`, at: "2026-12-03T06:00:00.000Z", why: "twice" },
      { by: CAROL, at: "2026-12-03T07:00:00.000Z", why: "otherPlan" },
      { by: "arn:aws:iam::123456789012:user/", at: "2026-12-03T08:00:00.000Z", why: "unknownBy" },
    ]);
    const lines = result.lines!.map((line) => en(line));
    expect(lines[0]).toContain(`approved by ${BOB}`);
    expect(lines[3]).toContain(`hash ${OTHER_ID}`);
    expect(lines.at(-1)).toBe("Still needed: 1 approval(s) by people other than the planner (byodkim approve).");
    expect(en(result.detail)).toBe("1 of the 2 approval(s) required: the plan may not run yet");
    expect(ja(result.detail)).toBe("必要な承認 2 件のうち 1 件しかありません：このプランはまだ実行できません");
  });

  it("counts a person once, their earliest approval, whatever order they are stored in", () => {
    const tally = tallyApprovals(plan(), [approved(CAROL, "2026-12-03T09:00:00.000Z"), approved(CAROL, "2026-12-03T08:00:00.000Z")], ONE);
    expect(tally.counted.map((approval) => approval.at)).toEqual(["2026-12-03T08:00:00.000Z"]);
    expect(tally.notCounted).toEqual([{ by: CAROL, at: "2026-12-03T09:00:00.000Z", why: "twice" }]);
  });
});

describe("a single enable, rotate or retire when approvals are required", () => {
  const summary = (overrides: Partial<ApprovedPlanSummary> = {}): ApprovedPlanSummary => ({
    id: ID,
    command: "rotate",
    targets: [
      { domain: "mail.goo.ne.jp", region: "ap-northeast-1" },
      { domain: "mail.goo.ne.jp", region: "ap-northeast-3" },
    ],
    expiresAt: "2026-12-06T03:00:00.000Z",
    storedHashOk: true,
    approvals: 1,
    ...overrides,
  });
  const single = (overrides: Partial<SingleChangeApprovalCheck> = {}): SingleChangeApprovalCheck => ({
    command: "rotate",
    domain: "mail.goo.ne.jp",
    region: "ap-northeast-1",
    planId: ID,
    approvedPlans: [summary()],
    required: 1,
    now: NOW,
    ...overrides,
  });

  it.each([
    ["a rollback, approvals required and no plan", single({ command: "rollback", planId: undefined, approvedPlans: [] }), "pass", "gate.approval.rollback"],
    ["a rollback under a plan that does not cover it", single({ command: "rollback", approvedPlans: [] }), "pass", "gate.approval.rollback"],
    ["a rotate when approvals are off", single({ required: 0, planId: undefined }), "pass", "gate.approval.notRequired"],
    ["a rotate under its approved plan", single(), "pass", "gate.approval.planCovers"],
    ["a rotate in the plan's other region", single({ region: "ap-northeast-3" }), "pass", "gate.approval.planCovers"],
    ["a rotate naming the domain in capitals with a root dot", single({ domain: "Mail.Goo.ne.jp." }), "pass", "gate.approval.planCovers"],
    ["a retire under the rotation's approved plan", single({ command: "retire" }), "pass", "gate.approval.planCovers"],
    [
      "an enable under an approved enable plan",
      single({ command: "enable", approvedPlans: [summary({ command: "enable" })] }),
      "pass",
      "gate.approval.planCovers",
    ],
    ["an enable without --plan", single({ command: "enable", planId: undefined }), "fail", "gate.approval.needsPlan"],
    ["a rotate without --plan", single({ planId: undefined }), "fail", "gate.approval.needsPlan"],
    ["a retire without --plan", single({ command: "retire", planId: undefined }), "fail", "gate.approval.needsPlan"],
    ["a plan id nobody stored", single({ planId: OTHER_ID }), "fail", "gate.approval.noSuchPlan"],
    ["a rotate under an enable plan", single({ approvedPlans: [summary({ command: "enable" })] }), "fail", "gate.approval.otherCommand"],
    ["a retire under an enable plan", single({ command: "retire", approvedPlans: [summary({ command: "enable" })] }), "fail", "gate.approval.otherCommand"],
    ["an enable under a rotate plan", single({ command: "enable" }), "fail", "gate.approval.otherCommand"],
    ["another domain", single({ domain: "news.goo.ne.jp" }), "fail", "gate.approval.notCovered"],
    ["a region the plan left out", single({ region: "us-east-1" }), "fail", "gate.approval.notCovered"],
    ["a plan short of its approvals", single({ approvedPlans: [summary({ approvals: 1 })], required: 2 }), "fail", "gate.approval.planNotApproved"],
    ["an expired plan", single({ approvedPlans: [summary({ expiresAt: "2026-12-04T02:00:00.000Z" })] }), "fail", "gate.approval.expired"],
    ["a tampered plan", single({ approvedPlans: [summary({ storedHashOk: false })] }), "fail", "gate.approval.tampered"],
  ] as const)("%s", (_what, check, status, key) => {
    const result = checkSingleChangeApproval(check);
    expect(result.id).toBe("approval");
    expect(result.status).toBe(status);
    expect(result.detail.key).toBe(key);
  });

  it("says why a rollback is not asked for an approval, in both languages", () => {
    const result = checkSingleChangeApproval(single({ command: "rollback", planId: undefined, approvedPlans: [] }));
    expect(en(result.detail)).toBe("approvals are not asked of a rollback: it is the incident path (journaled, reported and notified as always)");
    expect(ja(result.detail)).toContain("ロールバックには承認を求めません");
  });

  it("points to the approved plan that covers the change when --plan was left out", () => {
    const result = checkSingleChangeApproval(single({ planId: undefined }));
    expect(en(result.detail)).toBe(
      "approvals are required (1): rotate of mail.goo.ne.jp in ap-northeast-1 runs only under an approved plan that covers it (--plan <id>)",
    );
    expect(result.lines!.map((line) => en(line))).toEqual([`approved plan ${ID} covers it: run this again with --plan ${ID}`]);
  });

  it.each([
    ["none is stored", []],
    ["the only one is expired", [summary({ expiresAt: "2026-12-01T00:00:00.000Z" })]],
    ["the only one lacks approvals", [summary({ approvals: 0 })]],
    ["the only one covers another domain", [summary({ targets: [{ domain: "news.goo.ne.jp", region: "ap-northeast-1" }] })]],
  ])("says how to get a plan when %s", (_what, approvedPlans) => {
    const result = checkSingleChangeApproval(single({ planId: undefined, approvedPlans }));
    expect(result.lines!.map((line) => line.key)).toEqual(["gate.approval.needsPlan.hint"]);
  });
});
