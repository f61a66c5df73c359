import { describe, expect, it } from "vitest";
import { leftOutTargets, readyTargets } from "../../src/campaign/planDocument.js";
import { type ApplyResult, apply, campaignName } from "../../src/commands/apply.js";
import type { NoticeFacts } from "../../src/notify/notice.js";
import type { NoticeChannel } from "../../src/notify/notifier.js";
import { approve } from "../../src/commands/approve.js";
import { plan } from "../../src/commands/plan.js";
import type { ByodkimConfig } from "../../src/config/config.js";
import { planObjectKey } from "../../src/engine/campaignStore.js";
import { ExitCode } from "../../src/errors.js";
import { applyJson, renderApplyText } from "../../src/ui/renderPlan.js";
import { applyCommandsOf, campaignFleet, COLLEAGUE, type Fleet, OSAKA, PLANNER, planCommandsWith, TOKYO } from "../support/campaignFleet.js";
import { SELECTOR } from "../support/fakeWorld.js";
import { printedCommand } from "../support/printedCommand.js";
import { generateTestKey } from "../support/keys.js";
import { keyFree, plainOutput } from "../support/plainOutput.js";

const key = generateTestKey(2048);
const HOUR_MS = 3_600_000;
const DOMAINS = ["a.goo.ne.jp", "b.goo.ne.jp", "c.goo.ne.jp", "d.goo.ne.jp"];
const [A, B, C] = DOMAINS as [string, string, string, string];
const PUT = "PutEmailIdentityDkimSigningAttributes";
const MUTATING = /^(Put|Delete)/;

interface Setup {
  readonly domains?: readonly string[];
  readonly regions?: readonly string[];
  readonly config?: Partial<ByodkimConfig>;
  /** Approvals stored before apply: none leaves the plan unapproved. */
  readonly approvedBy?: readonly string[];
}

/**
 * A fleet whose enable campaign the planner planned (canary 1, then waves of 2; bake 0 minutes,
 * watching the config's bounce-rate alarm) and a colleague approved; one approval required.
 */
async function approvedCampaign(setup: Setup = {}): Promise<{ fleet: Fleet; id: string }> {
  const domains = setup.domains ?? DOMAINS;
  const regions = setup.regions ?? [TOKYO];
  const fleet = campaignFleet({
    domains,
    regions,
    key,
    config: {
      approvals: { required: 1, allowSelf: false },
      waves: { canary: 1, size: 2, maxErrors: 0 },
      bake: { minutes: 0, alarms: undefined },
      ...setup.config,
    },
  });
  fleet.setCaller(PLANNER);
  const planned = await plan(fleet.ctx, { command: "enable", domains: [...domains], all: false, due: false, regions, outFile: undefined }, planCommandsWith());
  if (!("stored" in planned) || !planned.ok) throw new Error("not planned");
  for (const by of setup.approvedBy ?? [COLLEAGUE]) {
    fleet.setCaller(by);
    const approved = await approve(fleet.ctx, { plan: planned.id, comment: "CHG-1", yes: true });
    if (!approved.ok) throw new Error(`not approved by ${by}`);
  }
  fleet.setCaller(PLANNER);
  return { fleet, id: planned.id };
}

const applyIt = (fleet: Fleet, id: string) => apply(fleet.ctx, { plan: id, yes: true }, applyCommandsOf());

/** Every write in any identity's world: SES settings, a lock, the state secret, a key object. */
const identityWrites = (fleet: Fleet, domains = DOMAINS, regions = [TOKYO]) =>
  domains.flatMap((domain) => regions.flatMap((region) => fleet.worldOf(domain, region).calls.filter((name) => MUTATING.test(name))));

const targetsOf = (result: ApplyResult) => result.waves.flatMap((wave) => wave.targets);
const endOf = (result: ApplyResult, domain: string, region = TOKYO) => targetsOf(result).find((t) => t.domain === domain && t.region === region)?.end;

/** The campaign's journal entries, every run of the plan, oldest first. */
function campaignJournal(fleet: Fleet, id: string) {
  const { paths } = fleet.ctx.journal.list(campaignName(id));
  return [...paths].reverse().flatMap((path) => fleet.ctx.journal.read(path).entries);
}

function expectRefusedWithoutCalls(fleet: Fleet, result: ApplyResult, outcome: ApplyResult["outcome"], gateKey?: string) {
  expect(result).toMatchObject({ ok: false, outcome, exitCode: ExitCode.checkFailed, waves: [], journalPath: null });
  if (gateKey) expect(result.gates.find((gate) => gate.status === "fail")?.detail.key).toBe(gateKey);
  expect(fleet.sesMutations).toEqual([]);
  expect(identityWrites(fleet)).toEqual([]);
}

describe("apply: refused with exit 1 and zero mutating calls", () => {
  it("with fewer approvals than required", async () => {
    const { fleet, id } = await approvedCampaign({ approvedBy: [] });
    expectRefusedWithoutCalls(fleet, await applyIt(fleet, id), "refused", "gate.approval.notEnough");
  });

  it("with two required and one given", async () => {
    const { fleet, id } = await approvedCampaign({ config: { approvals: { required: 2, allowSelf: false } } });
    expectRefusedWithoutCalls(fleet, await applyIt(fleet, id), "refused", "gate.approval.notEnough");
  });

  it("with an expired plan", async () => {
    const { fleet, id } = await approvedCampaign({ config: { plans: { ttlHours: 1 } } });
    await fleet.ctx.clock.sleep(HOUR_MS);
    expectRefusedWithoutCalls(fleet, await applyIt(fleet, id), "refused", "gate.approval.expired");
  });

  it("with a stored plan whose bytes were changed after approval", async () => {
    const { fleet, id } = await approvedCampaign();
    const at = planObjectKey(fleet.ctx.config.keys, id);
    fleet.home.setCampaignRecord(at, fleet.home.campaignRecords().get(at)!.replace('"maxErrors":0', '"maxErrors":9'));
    await expect(applyIt(fleet, id)).rejects.toMatchObject({ kind: "refused", what: { key: "campaign.plan.tampered" }, exitCode: ExitCode.checkFailed });
    expect(fleet.sesMutations).toEqual([]);
    expect(identityWrites(fleet)).toEqual([]);
  });

  it("outside the change window (Wednesday 19:00 in Tokyo, window 10:00–17:00)", async () => {
    const { fleet, id } = await approvedCampaign({
      config: {
        changeCalendar: { window: { timeZone: "Asia/Tokyo", days: ["mon", "tue", "wed", "thu", "fri"], start: "10:00", end: "17:00" }, freezes: [] },
      },
    });
    expect(fleet.ctx.clock.now().toISOString()).toBe("2026-11-25T10:00:00.000Z");
    const result = await applyIt(fleet, id);
    expectRefusedWithoutCalls(fleet, result, "windowClosed");
    expect(result.gates.find((gate) => gate.status === "fail")?.id).toBe("window");
  });

  it("declines a wrong typed prefix (exit 3), and refuses when the plan expired at the prompt (exit 1): no call either way", async () => {
    const { fleet, id } = await approvedCampaign({ config: { plans: { ttlHours: 1 } } });
    fleet.home.answer(id.slice(1, 9));
    const declined = await apply(fleet.ctx, { plan: id, yes: false }, applyCommandsOf());
    expect(declined).toMatchObject({ ok: false, outcome: "declined", exitCode: ExitCode.declined, waves: [] });
    fleet.home.before("prompt", () => fleet.ctx.clock.sleep(HOUR_MS));
    fleet.home.answer(id.slice(0, 8));
    const expired = await apply(fleet.ctx, { plan: id, yes: false }, applyCommandsOf());
    expect(expired).toMatchObject({ ok: false, outcome: "refused", exitCode: ExitCode.checkFailed, waves: [] });
    expect(expired.gates.find((gate) => gate.status === "fail")?.detail.key).toBe("gate.approval.expired");
    expect(fleet.sesMutations).toEqual([]);
    expect(identityWrites(fleet)).toEqual([]);
    expect(campaignJournal(fleet, id)).toEqual([]);
  });

  it("a halted campaign's plan applied again: refused, no new SES call", async () => {
    const { fleet, id } = await approvedCampaign();
    breakTheBakeAfter(fleet, A);
    const first = await applyIt(fleet, id);
    expect(first.outcome).toBe("rolledBack");
    fleet.home.setAlarm("OK");
    const before = fleet.sesMutations.length;
    const writes = identityWrites(fleet).length;
    const again = await applyIt(fleet, id);
    expect(again).toMatchObject({ ok: false, outcome: "refused", exitCode: ExitCode.checkFailed, summary: { key: "apply.summary.halted" } });
    expect(fleet.sesMutations.length).toBe(before);
    expect(identityWrites(fleet).length).toBe(writes);
  });
});

/** The alarm goes to ALARM as the identity's change ends (its lock released): the bake after its wave sees it. */
function breakTheBakeAfter(fleet: Fleet, domain: string, region = TOKYO) {
  fleet.worldOf(domain, region).before("DeleteObject", () => fleet.home.setAlarm("ALARM"));
}

describe("apply: the waves", () => {
  it("runs the canary, then waves of two, in order; every identity ends at the plan's selector", async () => {
    const { fleet, id } = await approvedCampaign();
    const result = await applyIt(fleet, id);
    expect(result).toMatchObject({ ok: true, outcome: "completed", exitCode: ExitCode.ok });
    expect(result.waves.map((wave) => [wave.number, wave.kind, wave.targets.map((t) => t.domain)])).toEqual([
      [1, "canary", [A]],
      [2, "wave", [B, C]],
      [3, "wave", [DOMAINS[3]]],
    ]);
    // SES Put calls by domain: the canary's first, then the second wave's (in either order), then the third's.
    const puts = fleet.sesMutations.filter((call) => call.op === PUT).map((call) => call.domain);
    expect(puts).toHaveLength(4);
    expect(puts[0]).toBe(A);
    expect(new Set(puts.slice(1, 3))).toEqual(new Set([B, C]));
    expect(puts[3]).toBe(DOMAINS[3]);
    for (const domain of DOMAINS) expect(fleet.dkimOf(domain)).toMatchObject({ origin: "EXTERNAL", tokens: [SELECTOR] });
    const events = campaignJournal(fleet, id).map((entry) => entry.event);
    expect(events[0]).toBe("campaign-started");
    expect(events.at(-1)).toBe("campaign-ended");
    expect(events.filter((event) => event === "wave-started")).toHaveLength(3);
  });

  it("skips and names a superseded target while the others go on", async () => {
    const { fleet, id } = await approvedCampaign();
    // Someone moved B by hand since the plan: not what the plan saw, not what it would make.
    Object.assign(fleet.dkimOf(B), { origin: "EXTERNAL", tokens: ["by-hand-1"], status: "SUCCESS" });
    const result = await applyIt(fleet, id);
    expect(endOf(result, B)).toBe("superseded");
    expect(targetsOf(result).find((t) => t.domain === B)?.summary).toMatchObject({ key: "apply.target.superseded", params: { domain: B, region: TOKYO } });
    expect(fleet.sesMutations.filter((call) => call.domain === B)).toEqual([]);
    expect(fleet.dkimOf(B)).toMatchObject({ tokens: ["by-hand-1"] });
    for (const domain of [A, C, DOMAINS[3]!]) expect(endOf(result, domain)).toBe("completed");
  });

  it("a target failing beyond maxErrors stops the campaign: no later wave starts", async () => {
    const { fleet, id } = await approvedCampaign();
    fleet.worldOf(A, TOKYO).fail(PUT, { times: 10 });
    const result = await applyIt(fleet, id);
    expect(result).toMatchObject({ ok: false, outcome: "failed", exitCode: ExitCode.awsFailureDuringChange });
    expect(result.waves.map((wave) => wave.number)).toEqual([1]);
    expect(endOf(result, A)).toBe("failed");
    expect(fleet.sesMutations).toEqual([]);
    for (const domain of [B, C, DOMAINS[3]!]) expect(identityWrites(fleet, [domain])).toEqual([]);
  });

  it("returns an identity that moved in Tokyo and failed in Osaka to its previous settings in Tokyo", async () => {
    const { fleet, id } = await approvedCampaign({ domains: [A], regions: [TOKYO, OSAKA] });
    const before = { ...fleet.dkimOf(A, TOKYO) };
    fleet.worldOf(A, OSAKA).fail(PUT, { times: 10 });
    const result = await applyIt(fleet, id);
    expect(result.outcome).toBe("failed");
    const tokyo = targetsOf(result).find((t) => t.region === TOKYO);
    expect(tokyo).toMatchObject({ end: "completed", rolledBack: { why: "otherRegion", outcome: "completed" } });
    expect(endOf(result, A, OSAKA)).toBe("failed");
    // Tokyo moved, then was put back: no identity left signing with two keys.
    expect(fleet.sesMutations.filter((call) => call.region === TOKYO).map((call) => call.op)).toEqual([PUT, PUT]);
    expect(fleet.sesMutations.filter((call) => call.region === OSAKA)).toEqual([]);
    expect(fleet.dkimOf(A, TOKYO)).toMatchObject({ origin: before.origin, signingEnabled: before.signingEnabled });
    expect(fleet.dkimOf(A, TOKYO).origin).not.toBe("EXTERNAL");
    expect(campaignJournal(fleet, id).filter((entry) => entry.event === "target-rolled-back")).toMatchObject([
      { domain: A, region: TOKYO, why: "otherRegion" },
    ]);
  });

  it("tells whoever hears of changes once that the campaign halted, beside the targets' own notices; a channel that fails changes nothing", async () => {
    const { fleet, id } = await approvedCampaign();
    breakTheBakeAfter(fleet, A);
    const heard: NoticeFacts[] = [];
    const listening: NoticeChannel = { target: "test", send: async (facts) => void heard.push(facts) };
    const failing: NoticeChannel = { target: "down", send: async () => Promise.reject(new Error("connection refused")) };
    const result = await apply({ ...fleet.ctx, notices: [listening, failing] }, { plan: id, yes: true }, applyCommandsOf());
    expect(result.outcome).toBe("rolledBack");
    const campaign = heard.filter((facts) => facts.command === "apply");
    expect(campaign).toEqual([
      expect.objectContaining({
        event: "change-failed",
        domain: campaignName(id),
        outcome: "rolledBack",
        summary: expect.objectContaining({ key: "apply.summary.rolledBack" }),
      }),
    ]);
    expect(heard.some((facts) => facts.command === "rollback" && facts.domain === A)).toBe(true);
  });

  it("an alarm in ALARM during the bake rolls the wave back, halts the campaign and ends rolledBack (exit 5)", async () => {
    const { fleet, id } = await approvedCampaign();
    breakTheBakeAfter(fleet, A);
    const result = await applyIt(fleet, id);
    expect(result).toMatchObject({ ok: false, outcome: "rolledBack", exitCode: 5 });
    expect(ExitCode.unconfirmed).toBe(5);
    expect(result.waves).toHaveLength(1);
    expect(result.waves[0]).toMatchObject({ bake: { broke: { kind: "alarm", name: "bounce-rate", state: "ALARM" } } });
    expect(targetsOf(result)).toMatchObject([{ domain: A, end: "completed", rolledBack: { why: "bake", outcome: "completed" } }]);
    expect(fleet.dkimOf(A).origin).toBe("AWS_SES");
    // Nothing after the canary moved.
    expect(new Set(fleet.sesMutations.map((call) => call.domain))).toEqual(new Set([A]));
    const journal = campaignJournal(fleet, id);
    expect(journal.map((entry) => entry.event)).toContain("campaign-halted");
    expect(journal.find((entry) => entry.event === "campaign-halted")).toMatchObject({ wave: 1 });
    expectNoKey(fleet, result);
  });

  it("resumes: a second apply of the same plan skips what the first finished, with no new Put for those", async () => {
    const { fleet, id } = await approvedCampaign({ domains: [A, B, C] });
    // C's Put fails once: the first run stops in wave 2 with A and B moved.
    fleet.worldOf(C, TOKYO).fail(PUT, { times: 1 });
    const first = await applyIt(fleet, id);
    expect(first.outcome).toBe("failed");
    expect([endOf(first, A), endOf(first, B), endOf(first, C)]).toEqual(["completed", "completed", "failed"]);
    const moved = fleet.sesMutations.length;

    const second = await applyIt(fleet, id);
    expect(second).toMatchObject({ ok: true, outcome: "completed" });
    expect([endOf(second, A), endOf(second, B), endOf(second, C)]).toEqual(["doneEarlier", "doneEarlier", "completed"]);
    expect(fleet.sesMutations.slice(moved).map((call) => call.domain)).toEqual([C]);
    expect(
      campaignJournal(fleet, id)
        .filter((entry) => entry.event === "campaign-started")
        .at(-1),
    ).toMatchObject({
      resumedAfter: [`${A} ${TOKYO}`, `${B} ${TOKYO}`],
    });
    expectNoKey(fleet, second);
  });

  it("a window that closes during the apply lets the running wave finish and starts no new one", async () => {
    const { fleet, id } = await approvedCampaign({
      config: {
        changeCalendar: { window: { timeZone: "Asia/Tokyo", days: ["mon", "tue", "wed", "thu", "fri"], start: "10:00", end: "17:00" }, freezes: [] },
      },
    });
    // Wednesday 16:30 in Tokyo; the canary takes an hour.
    await fleet.ctx.clock.sleep(Date.parse("2026-11-26T07:30:00Z") - fleet.ctx.clock.now().getTime() - 24 * HOUR_MS);
    fleet.worldOf(A, TOKYO).before("DeleteObject", () => fleet.ctx.clock.sleep(HOUR_MS));
    const result = await applyIt(fleet, id);
    expect(result).toMatchObject({ ok: false, outcome: "windowClosed", exitCode: ExitCode.checkFailed });
    expect(targetsOf(result)).toMatchObject([{ domain: A, end: "completed" }]);
    expect(new Set(fleet.sesMutations.map((call) => call.domain))).toEqual(new Set([A]));
    expect(campaignJournal(fleet, id).find((entry) => entry.event === "campaign-paused")).toMatchObject({ wave: 2, why: "window" });

    // What it says to do names this plan; run so in the next window (Thursday 10:30), it goes on from wave 2.
    const again = printedCommand(renderApplyText(plainOutput(), result, 200), "To go on where it stopped");
    expect(again).toEqual(["apply", id]);
    await fleet.ctx.clock.sleep(18 * HOUR_MS);
    const resumed = await apply(fleet.ctx, { plan: again[1]!, yes: true }, applyCommandsOf());
    expect(resumed).toMatchObject({ ok: true, outcome: "completed" });
    expect(endOf(resumed, A)).toBe("doneEarlier");
    expect(
      targetsOf(resumed)
        .filter((t) => t.end === "completed")
        .map((t) => t.domain),
    ).toEqual(DOMAINS.slice(1));
  });

  it("resumes an identity returned in the region that moved: both regions end at the plan's selector", async () => {
    const { fleet, id } = await approvedCampaign({ domains: [A], regions: [TOKYO, OSAKA] });
    fleet.worldOf(A, OSAKA).fail(PUT, { times: 1 });
    const first = await applyIt(fleet, id);
    expect(first.outcome).toBe("failed");
    expect(targetsOf(first).find((t) => t.region === TOKYO)?.rolledBack).toMatchObject({ why: "otherRegion", outcome: "completed" });
    // Back on Easy DKIM, SES made new tokens; once it has verified them the identity is as the plan saw it, but for the tokens.
    expect(fleet.dkimOf(A, TOKYO).tokens).not.toEqual(readyTargets(first.plan).find((t) => t.region === TOKYO)?.current?.tokens);
    fleet.dkimOf(A, TOKYO).status = "SUCCESS";

    const second = await applyIt(fleet, id);
    // The campaign itself put Tokyo back; going on must move it again, not leave Osaka alone on the new key.
    expect([endOf(second, A, TOKYO), endOf(second, A, OSAKA)]).toEqual(["completed", "completed"]);
    expect(second).toMatchObject({ ok: true, outcome: "completed" });
    for (const region of [TOKYO, OSAKA]) expect(fleet.dkimOf(A, region)).toMatchObject({ origin: "EXTERNAL", tokens: [SELECTOR] });
  });

  it("never shows the private key: journals, events, records, the text and --json of a whole campaign", async () => {
    const { fleet, id } = await approvedCampaign();
    const result = await applyIt(fleet, id);
    expect(result.outcome).toBe("completed");
    expect(readyTargets(result.plan)).toHaveLength(4);
    // The check is real: the key went through the campaign to SES, once an identity.
    for (const domain of DOMAINS) expect(fleet.worldOf(domain, TOKYO).signedWith).toHaveLength(1);
    expectNoKey(fleet, result);
  });
});

describe("a fleet whose identities share the config's one state secret (as the sandbox's fleet has it)", () => {
  const OLD: Record<string, string> = { [A]: "gooid-21-pro-20251001-1", [B]: "gooid-21-pro-20251002-1" };

  // One secret would hold one byodkim_snapshot: B's rollback would find A's, and the other way round.
  it("is left out of the plan, each identity naming the secret and the others that would write it", async () => {
    const fleet = campaignFleet({
      domains: [A, B],
      regions: [TOKYO],
      key,
      dkim: (domain) => ({ origin: "EXTERNAL", tokens: [OLD[domain]!], status: "SUCCESS", signingEnabled: true, signingHostedZone: undefined }),
      sharedState: { current_phase: "7", byodkim_enabled: true },
      config: { waves: { canary: 0, size: 2, maxErrors: 0 }, bake: { minutes: 0, alarms: undefined } },
    });
    const planned = await plan(
      fleet.ctx,
      { command: "rotate", domains: [A, B], all: false, due: false, regions: undefined, outFile: undefined },
      planCommandsWith(),
    );
    if (!("stored" in planned)) throw new Error("not planned");
    expect(planned.ok).toBe(false);
    expect(readyTargets(planned.plan)).toEqual([]);
    const reasons = leftOutTargets(planned.plan).map((target) => [
      target.domain,
      target.reasons.find((reason) => reason.code === "campaign.target.sharedState")?.params,
    ]);
    expect(reasons).toEqual([
      [A, { secretId: fleet.ctx.config.state.secretId, others: B }],
      [B, { secretId: fleet.ctx.config.state.secretId, others: A }],
    ]);
  });
});

function expectNoKey(fleet: Fleet, result: ApplyResult) {
  const worlds = DOMAINS.flatMap((domain) =>
    [TOKYO, OSAKA].flatMap((region) => {
      try {
        return [fleet.worldOf(domain, region).everything()];
      } catch {
        return [];
      }
    }),
  );
  const text = [
    fleet.home.everything(),
    ...worlds,
    JSON.stringify(campaignJournal(fleet, result.id)),
    renderApplyText(plainOutput(), result, 120),
    renderApplyText(plainOutput("ja"), result, 120),
    JSON.stringify(applyJson(plainOutput("en", true), result)),
  ].join("\n");
  expect(text.length).toBeGreaterThan(1000);
  keyFree(text, key.canaries);
}
