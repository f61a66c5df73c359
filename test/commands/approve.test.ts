import { describe, expect, it } from "vitest";
import { type ApproveResult, approve } from "../../src/commands/approve.js";
import { plan } from "../../src/commands/plan.js";
import { approvalObjectKey, planObjectKey } from "../../src/engine/campaignStore.js";
import { ExitCode } from "../../src/errors.js";
import { principalOf } from "../../src/permissions/principal.js";
import { approveJson, renderApproveText } from "../../src/ui/renderPlan.js";
import { campaignFleet, COLLEAGUE, type Fleet, PLANNER, planCommandsWith, TOKYO } from "../support/campaignFleet.js";
import { generateTestKey } from "../support/keys.js";
import { keyFree, plainOutput } from "../support/plainOutput.js";

const key = generateTestKey(2048);
const A = "a.goo.ne.jp";
const HOUR_MS = 3_600_000;

/** The CLI's exit for an approve result (src/cli/campaignCommands.ts). */
const exitOf = (result: ApproveResult) => (result.ok ? ExitCode.ok : result.outcome === "declined" ? ExitCode.declined : ExitCode.checkFailed);

/** A fleet of one identity with approvals required, its plan stored by the planner (the fake world's operator); the plan's id. */
async function planned(ttlHours = 72): Promise<{ fleet: Fleet; id: string }> {
  const fleet = campaignFleet({ domains: [A], regions: [TOKYO], key, config: { approvals: { required: 1, allowSelf: false }, plans: { ttlHours } } });
  const result = await plan(fleet.ctx, { command: "enable", domains: [A], all: false, due: false, regions: undefined, outFile: undefined }, planCommandsWith());
  if (!("stored" in result) || !result.ok) throw new Error("not planned");
  return { fleet, id: result.id };
}

const approvalKeys = (fleet: Fleet, id: string) =>
  [...fleet.home.campaignRecords().keys()].filter((objectKey) => objectKey !== planObjectKey(fleet.ctx.config.keys, id));
const approvalKeyOf = (fleet: Fleet, id: string, arn: string) => {
  const principal = principalOf(arn);
  if (!("key" in principal)) throw new Error(`not a principal: ${arn}`);
  return approvalObjectKey(fleet.ctx.config.keys, id, principal.key);
};
const approvalGate = (result: ApproveResult) => result.gates.find((gate) => gate.id === "approval");

describe("approve: a second person signs off a stored plan", () => {
  it("refuses the planner approving their own plan, with nothing written and no question asked", async () => {
    const { fleet, id } = await planned();
    fleet.setCaller(PLANNER);
    let asked = 0;
    fleet.home.before("prompt", () => asked++);
    fleet.home.answer(id.slice(0, 8));
    const result = await approve(fleet.ctx, { plan: id, comment: undefined, yes: false });
    expect(result).toMatchObject({ ok: false, outcome: "refused", approval: null });
    expect(approvalGate(result)).toMatchObject({ status: "fail", detail: { key: "gate.approval.self" } });
    expect(exitOf(result)).toBe(ExitCode.checkFailed);
    expect(asked).toBe(0);
    expect(approvalKeys(fleet, id)).toEqual([]);
  });

  it("lets the planner approve their own plan only with approvals.allowSelf", async () => {
    const { fleet, id } = await planned();
    const ctx = { ...fleet.ctx, config: { ...fleet.ctx.config, approvals: { required: 1, allowSelf: true } } };
    fleet.setCaller(PLANNER);
    const result = await approve(ctx, { plan: id, comment: undefined, yes: true });
    expect(result).toMatchObject({ ok: true, outcome: "approved", approvals: { count: 1, required: 1 } });
    expect(approvalKeys(fleet, id)).toEqual([approvalKeyOf(fleet, id, PLANNER)]);
  });

  it("accepts another principal (a colleague in the same SSO role), storing one approval object with who, when, the hash and the note", async () => {
    const { fleet, id } = await planned();
    fleet.setCaller(COLLEAGUE);
    fleet.home.answer(id.slice(0, 8).toUpperCase());
    const result = await approve(fleet.ctx, { plan: id.slice(0, 8), comment: "CHG-1234\u0007 ok", yes: false });
    expect(result).toMatchObject({ ok: true, outcome: "approved", approvals: { count: 1, required: 1 }, next: { key: "approve.next.apply" } });
    expect(exitOf(result)).toBe(ExitCode.ok);
    expect(approvalKeys(fleet, id)).toEqual([approvalKeyOf(fleet, id, COLLEAGUE)]);
    const stored = JSON.parse(fleet.home.campaignRecords().get(approvalKeyOf(fleet, id, COLLEAGUE))!);
    expect(stored).toEqual({ version: 1, planHash: id, by: COLLEAGUE, at: fleet.ctx.clock.now().toISOString(), comment: "CHG-1234  ok" });
    keyFree(renderApproveText(plainOutput(), result, 120) + JSON.stringify(approveJson(plainOutput("en", true), result)), key.canaries);
  });

  it("refuses the same person's second approval, keeping the first", async () => {
    const { fleet, id } = await planned();
    fleet.setCaller(COLLEAGUE);
    const first = await approve(fleet.ctx, { plan: id, comment: "first", yes: true });
    expect(first.outcome).toBe("approved");
    const before = fleet.home.campaignRecords();
    const second = await approve(fleet.ctx, { plan: id, comment: "second", yes: true });
    expect(second).toMatchObject({ ok: false, outcome: "refused" });
    expect(approvalGate(second)).toMatchObject({ status: "fail", detail: { key: "gate.approval.already" } });
    expect(exitOf(second)).toBe(ExitCode.checkFailed);
    expect(fleet.home.campaignRecords()).toEqual(before);
  });

  it("refuses an expired plan, with nothing written", async () => {
    const { fleet, id } = await planned(1);
    fleet.setCaller(COLLEAGUE);
    await fleet.ctx.clock.sleep(HOUR_MS);
    const result = await approve(fleet.ctx, { plan: id, comment: undefined, yes: true });
    expect(result).toMatchObject({ ok: false, outcome: "refused" });
    expect(approvalGate(result)).toMatchObject({ status: "fail", detail: { key: "gate.approval.expired" } });
    expect(approvalKeys(fleet, id)).toEqual([]);
  });

  it("refuses a stored plan whose bytes no longer hash to its id: exit 1, nothing written", async () => {
    const { fleet, id } = await planned();
    fleet.setCaller(COLLEAGUE);
    const at = planObjectKey(fleet.ctx.config.keys, id);
    const text = fleet.home.campaignRecords().get(at)!;
    // One more wave of ten: a change an approver would not see in the id they type.
    fleet.home.setCampaignRecord(at, text.replace('"size":10', '"size":11'));
    expect(fleet.home.campaignRecords().get(at)).not.toBe(text);
    const error = await approve(fleet.ctx, { plan: id, comment: undefined, yes: true }).catch((err: unknown) => err);
    expect(error).toMatchObject({ kind: "refused", what: { key: "campaign.plan.tampered" }, exitCode: 1 });
    expect(approvalKeys(fleet, id)).toEqual([]);
  });

  it("declines a wrong typed prefix (exit 3) with nothing written", async () => {
    const { fleet, id } = await planned();
    fleet.setCaller(COLLEAGUE);
    fleet.home.answer(id.slice(1, 9));
    const result = await approve(fleet.ctx, { plan: id, comment: undefined, yes: false });
    expect(result).toMatchObject({ ok: false, outcome: "declined", declined: { key: "approve.declined" } });
    expect(exitOf(result)).toBe(ExitCode.declined);
    expect(ExitCode.declined).toBe(3);
    expect(approvalKeys(fleet, id)).toEqual([]);
  });

  it("refuses when the plan expired while the approver sat at the prompt: judged again before the write", async () => {
    const { fleet, id } = await planned(1);
    fleet.setCaller(COLLEAGUE);
    fleet.home.before("prompt", () => fleet.ctx.clock.sleep(HOUR_MS));
    fleet.home.answer(id.slice(0, 8));
    const result = await approve(fleet.ctx, { plan: id, comment: undefined, yes: false });
    expect(result).toMatchObject({ ok: false, outcome: "refused", approval: null });
    expect(approvalGate(result)).toMatchObject({ status: "fail", detail: { key: "gate.approval.expired" } });
    expect(exitOf(result)).toBe(ExitCode.checkFailed);
    expect(approvalKeys(fleet, id)).toEqual([]);
  });
});
