import { describe, expect, it } from "vitest";
import type { CampaignStorePort } from "../../src/aws/types.js";
import { buildPlan } from "../../src/campaign/buildPlan.js";
import type { PlanCommand } from "../../src/campaign/planDocument.js";
import { sealPlan } from "../../src/campaign/planSeal.js";
import { enable } from "../../src/commands/enable.js";
import { keygen } from "../../src/commands/keygen.js";
import { retire } from "../../src/commands/retire.js";
import { rollback } from "../../src/commands/rollback.js";
import { rotate } from "../../src/commands/rotate.js";
import { approvalObjectKey, planObjectKey } from "../../src/engine/campaignStore.js";
import type { CommandContext } from "../../src/engine/context.js";
import type { ChangeResult } from "../../src/engine/change/changeTypes.js";
import { ExitCode } from "../../src/errors.js";
import { principalOf } from "../../src/permissions/principal.js";
import { rotationCandidate } from "../campaign/planFixture.js";
import { DOMAIN, fakeWorld as newWorld, OPERATOR, SELECTOR } from "../support/fakeWorld.js";
import { generateTestKey } from "../support/keys.js";
import { keygenIn } from "../support/keygenRun.js";

type World = ReturnType<typeof newWorld>;
const key = generateTestKey(2048);
const fakeWorld = (options: Parameters<typeof newWorld>[0] = {}) => newWorld({ key, ...options });
const PHASE_7 = { current_phase: "7", selector: SELECTOR, byodkim_enabled: true, phase_7_completed_at: "2026-10-25T00:00:00.000Z" };
const byodkimWorld = () =>
  fakeWorld({ dkim: { origin: "EXTERNAL", tokens: [SELECTOR], status: "SUCCESS", signingEnabled: true, signingHostedZone: undefined }, state: PHASE_7 });
const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;
/** The operator of the fake world is the planner; a colleague in the same SSO role, another session, approves. */
const COLLEAGUE = "arn:aws:sts::123456789012:assumed-role/MailOps/colleague";
const TOKYO = "ap-northeast-1";
const OSAKA = "ap-northeast-3";

/**
 * The keys bucket's plans and approvals, in memory: every request on the list, so a test can show
 * that approvals off read nothing. (A shared in-memory store for fakeWorld is on its way; this one is this file's.)
 */
function memoryCampaigns() {
  const objects = new Map<string, string>();
  const requests: string[] = [];
  const port: CampaignStorePort = {
    writeNew: async (_bucket, key, text) => {
      requests.push(`writeNew ${key}`);
      if (objects.has(key)) return null;
      objects.set(key, text);
      return { requestId: "req-campaign", etag: '"c"' };
    },
    read: async (_bucket, key) => {
      requests.push(`read ${key}`);
      const text = objects.get(key);
      return text === undefined ? null : { text, etag: '"c"' };
    },
    list: async (_bucket, prefix) => {
      requests.push(`list ${prefix}`);
      return [...objects.keys()].filter((key) => key.startsWith(prefix)).sort();
    },
  };
  return { port, objects, requests };
}
type Campaigns = ReturnType<typeof memoryCampaigns>;

interface PlanOptions {
  readonly command?: PlanCommand;
  readonly domain?: string;
  readonly region?: string;
  /** The selector the plan moves the identity to. */
  readonly selector?: string;
  /** Hours from the fake world's now until it expires. */
  readonly ttlHours?: number;
  readonly approvedBy?: readonly string[];
  readonly plannedBy?: string;
}

/** A plan stored as `plan` stores it (sealed, under its id), with its approvals beside it; its id. */
function storedPlan(world: World, campaigns: Campaigns, options: PlanOptions = {}): string {
  const built = buildPlan({
    command: options.command ?? "enable",
    candidates: [rotationCandidate("gooid", options.region ?? TOKYO, { domain: options.domain ?? DOMAIN, selector: options.selector ?? SELECTOR })],
    dnsRecords: [],
    waves: { canary: 1, size: 10, maxErrors: 0 },
    plannedBy: options.plannedBy ?? OPERATOR,
    now: world.ctx.clock.now(),
    ttlHours: options.ttlHours ?? 72,
  });
  if (!built.ok) throw new Error(built.problem.key);
  const { id, bytes } = sealPlan(built.plan);
  const keys = world.ctx.config.keys;
  campaigns.objects.set(planObjectKey(keys, id), bytes.toString("utf8"));
  for (const by of options.approvedBy ?? [COLLEAGUE]) {
    const principal = principalOf(by);
    if (!("key" in principal)) throw new Error(`not a principal: ${by}`);
    const approval = { version: 1, planHash: id, by, at: world.ctx.clock.now().toISOString(), comment: null };
    campaigns.objects.set(approvalObjectKey(keys, id, principal.key), JSON.stringify(approval));
  }
  return id;
}

/** The world's context with approvals required, its plans in `campaigns`, and the change run under `planId`. */
const underApprovals = (world: World, campaigns: Campaigns, planId?: string, required = 1): CommandContext => ({
  ...world.ctx,
  config: { ...world.ctx.config, approvals: { required, allowSelf: false } },
  aws: { ...world.ctx.aws, campaigns: campaigns.port },
  ...(planId === undefined ? {} : { planId }),
});

const enableUnder = (ctx: CommandContext, overrides: { yes?: boolean; dryRun?: boolean } = {}) =>
  enable(ctx, { domain: DOMAIN, selector: undefined, yes: overrides.yes ?? true, dryRun: overrides.dryRun ?? false, waitSeconds: 60, forceUnlock: false });

/** Every call that writes anything: SES's settings, an S3 object (key, tag, lock), the state secret. */
const MUTATING = /^(Put|Delete)/;
const mutatingCalls = (world: World) => world.calls.filter((name) => MUTATING.test(name));
const approvalGate = (result: ChangeResult) => result.gates.find((gate) => gate.id === "approval");

/** A refusal: exit 1 before the lock, nothing written anywhere (since the `before` calls of the set-up), the approval gate failing with `key`. */
function expectRefused(world: World, result: ChangeResult, key: string, before: readonly string[] = []) {
  expect(result).toMatchObject({ outcome: "gatesFailed", exitCode: ExitCode.checkFailed, ok: false, calls: [], rollbackCommand: null });
  expect(approvalGate(result)).toMatchObject({ status: "fail", detail: { key } });
  expect(mutatingCalls(world)).toEqual(before);
  expect(world.lock()).toBeNull();
  // On record, as an attempt: the journal names the refusing gate and how the run ended.
  expect(world.journalEvents(result.journalPath)).toEqual(["run-started", "gates", "plan", "ended"]);
}

describe("enable with approvals required: refused before the question, with no call made", () => {
  const refusals: { name: string; plan: (world: World, campaigns: Campaigns) => string | undefined; key: string }[] = [
    { name: "no --plan", plan: () => undefined, key: "gate.approval.needsPlan" },
    { name: "a plan id nobody stored", plan: () => "ab".repeat(32), key: "campaign.store.planMissing" },
    { name: "a prefix no plan starts with", plan: () => "deadbeef", key: "campaign.store.noSuchPlan" },
    { name: "a plan for another command", plan: (world, campaigns) => storedPlan(world, campaigns, { command: "rotate" }), key: "gate.approval.otherCommand" },
    {
      name: "a plan for another identity",
      plan: (world, campaigns) => storedPlan(world, campaigns, { domain: "m01.goo.ne.jp" }),
      key: "gate.approval.notCovered",
    },
    { name: "a plan for another region", plan: (world, campaigns) => storedPlan(world, campaigns, { region: OSAKA }), key: "gate.approval.notCovered" },
    {
      name: "a plan that moves the identity to another key",
      plan: (world, campaigns) => storedPlan(world, campaigns, { selector: "gooid-21-pro-20991231-1" }),
      key: "gate.approval.otherSelector",
    },
    { name: "a plan nobody approved", plan: (world, campaigns) => storedPlan(world, campaigns, { approvedBy: [] }), key: "gate.approval.planNotApproved" },
    {
      name: "a plan only its planner approved",
      plan: (world, campaigns) => storedPlan(world, campaigns, { approvedBy: [OPERATOR] }),
      key: "gate.approval.planNotApproved",
    },
    {
      name: "an expired plan",
      plan: (world, campaigns) => storedPlan(world, campaigns, { ttlHours: 1, approvedBy: [COLLEAGUE] }),
      key: "gate.approval.expired",
    },
    {
      name: "a stored plan whose bytes were changed",
      plan: (world, campaigns) => {
        const id = storedPlan(world, campaigns);
        const at = planObjectKey(world.ctx.config.keys, id);
        campaigns.objects.set(at, campaigns.objects.get(at)!.replace('"enable"', '"enable" '));
        return id;
      },
      key: "campaign.plan.tampered",
    },
  ];

  for (const { name, plan, key } of refusals) {
    it(`refuses ${name}`, async () => {
      const world = fakeWorld();
      const campaigns = memoryCampaigns();
      const planId = plan(world, campaigns);
      // The plan that expires at once is made an hour and a bit before the run.
      if (name === "an expired plan") await world.ctx.clock.sleep(HOUR_MS + 1);
      const result = await enableUnder(underApprovals(world, campaigns, planId), { yes: false });
      expectRefused(world, result, key);
      // Refused before the question: nobody typed the domain only to be turned away.
      expect(world.events.some((event) => event.type === "checklist")).toBe(false);
    });
  }

  it("says what to do: plan, approve, then --plan", async () => {
    const world = fakeWorld();
    const result = await enableUnder(underApprovals(world, memoryCampaigns()));
    expect(approvalGate(result)).toMatchObject({
      detail: { params: { required: 1, command: "enable", domain: DOMAIN, region: TOKYO } },
      lines: [{ key: "gate.approval.needsPlan.hint" }],
    });
    expect(result.summary.key).toBe("change.summary.gatesFailed");
  });

  it("runs under an approved plan that covers it, named by its id or its first 8 characters", async () => {
    for (const name of ["whole", "prefix"]) {
      const world = fakeWorld();
      const campaigns = memoryCampaigns();
      const id = storedPlan(world, campaigns);
      world.answer(DOMAIN);
      const result = await enableUnder(underApprovals(world, campaigns, name === "whole" ? id : id.slice(0, 8)), { yes: false });
      expect(result).toMatchObject({ outcome: "completed", exitCode: ExitCode.ok });
      expect(world.mutations()).toEqual(["PutEmailIdentityDkimSigningAttributes"]);
      expect(approvalGate(result)).toMatchObject({ status: "pass", detail: { key: "gate.approval.planCovers", params: { planId: id, count: 1 } } });
      // Shown passing before the question, and judged again after it, before the lock: both on record.
      const checklist = world.events.find((event) => event.type === "checklist");
      expect(checklist && "gates" in checklist && checklist.gates.some((gate) => gate.id === "approval" && gate.status === "pass")).toBe(true);
      expect(world.journalEvents(result.journalPath).slice(0, 7)).toEqual([
        "run-started",
        "gates",
        "plan",
        "confirmed",
        "rechecked",
        "approval",
        "lock-acquired",
      ]);
    }
  });

  it("refuses after the question when the plan expired while the operator sat at the prompt: no lock, no call", async () => {
    const world = fakeWorld();
    const campaigns = memoryCampaigns();
    const id = storedPlan(world, campaigns, { ttlHours: 1 });
    world.before("prompt", () => world.ctx.clock.sleep(HOUR_MS));
    world.answer(DOMAIN);
    const result = await enableUnder(underApprovals(world, campaigns, id), { yes: false });
    expect(result).toMatchObject({ outcome: "gatesFailed", exitCode: ExitCode.checkFailed, calls: [] });
    expect(approvalGate(result)).toMatchObject({ status: "fail", detail: { key: "gate.approval.expired" }, lines: [{ key: "gate.approval.expired.hint" }] });
    expect(mutatingCalls(world)).toEqual([]);
    expect(world.lock()).toBeNull();
    expect(world.journalEvents(result.journalPath).slice(-4)).toEqual(["confirmed", "rechecked", "approval", "ended"]);
  });

  it("judges nothing in a dry run: plan dry-runs each target through its own command", async () => {
    const world = fakeWorld();
    const campaigns = memoryCampaigns();
    const result = await enableUnder(underApprovals(world, campaigns), { dryRun: true });
    expect(result).toMatchObject({ outcome: "dryRun", exitCode: ExitCode.ok });
    expect(approvalGate(result)).toBeUndefined();
    expect(campaigns.requests).toEqual([]);
  });
});

describe("approvals off, rollback and keygen: never held", () => {
  it("with approvals.required 0 reads no plan, even one named with --plan, and runs as before", async () => {
    const world = fakeWorld();
    const campaigns = memoryCampaigns();
    const result = await enableUnder(underApprovals(world, campaigns, "ab".repeat(32), 0));
    expect(result).toMatchObject({ outcome: "completed", exitCode: ExitCode.ok });
    expect(approvalGate(result)).toBeUndefined();
    expect(campaigns.requests).toEqual([]);
    expect(world.journalEvents(result.journalPath)).not.toContain("approval");
  });

  it("rolls back with approvals required and no plan: the incident path waits for nobody, and the journal says so", async () => {
    const world = byodkimWorld();
    const campaigns = memoryCampaigns();
    const result = await rollback(underApprovals(world, campaigns), {
      domain: DOMAIN,
      to: "disable",
      yes: true,
      dryRun: false,
      reason: "test",
      forceUnlock: false,
    });
    expect(result).toMatchObject({ outcome: "completed", exitCode: ExitCode.ok });
    expect(world.mutations().length).toBeGreaterThan(0);
    expect(approvalGate(result)).toMatchObject({ status: "pass", detail: { key: "gate.approval.rollback" } });
    expect(campaigns.requests).toEqual([]);
    expect(world.journalEvents(result.journalPath)).toContain("approval");
  });

  it("makes a key with approvals required and no plan: keygen changes no signing", async () => {
    const world = byodkimWorld();
    const campaigns = memoryCampaigns();
    const result = await keygen(underApprovals(world, campaigns), {
      domain: DOMAIN,
      selector: undefined,
      bits: 2048,
      yes: true,
      dryRun: false,
      outDir: undefined,
    });
    expect(result).toMatchObject({ outcome: "completed", exitCode: ExitCode.ok });
    expect(approvalGate(result)).toBeUndefined();
    expect(campaigns.requests).toEqual([]);
  });
});

describe("rotate and retire with approvals required", () => {
  const rotateUnder = (ctx: CommandContext, to: string) => rotate(ctx, { domain: DOMAIN, to, yes: true, dryRun: false, waitSeconds: 60, forceUnlock: false });
  const retireUnder = (ctx: CommandContext, selector: string) => retire(ctx, { selector, domain: DOMAIN, deleteKey: false, yes: true, dryRun: false });

  /** keygen, the DNS team publishes it: ready to rotate to. */
  async function newKey(world: World): Promise<string> {
    const made = await keygenIn(world);
    world.publishAt(made.handoff!);
    return made.selector!;
  }

  it("refuses a rotation without a plan, or under one for another key; runs it under its own; the rotation's plan covers the retire that ends it", async () => {
    const world = byodkimWorld();
    const campaigns = memoryCampaigns();
    const first = await newKey(world);
    const keygenCalls = mutatingCalls(world);

    expectRefused(world, await rotateUnder(underApprovals(world, campaigns), first), "gate.approval.needsPlan", keygenCalls);
    const enablePlan = storedPlan(world, campaigns, { command: "enable", selector: first });
    expectRefused(world, await rotateUnder(underApprovals(world, campaigns, enablePlan), first), "gate.approval.otherCommand", keygenCalls);
    const toFirst = storedPlan(world, campaigns, { command: "rotate", selector: first });
    expect(await rotateUnder(underApprovals(world, campaigns, toFirst), first)).toMatchObject({ outcome: "completed", exitCode: ExitCode.ok });

    await world.ctx.clock.sleep(DAY_MS);
    const second = await newKey(world);
    const beforeSecond = mutatingCalls(world);
    // The approvers approved a move to `first`: the same plan does not take the identity to another key.
    const again = await rotateUnder(underApprovals(world, campaigns, toFirst), second);
    expectRefused(world, again, "gate.approval.otherSelector", beforeSecond);
    expect(approvalGate(again)?.lines).toEqual([{ key: "gate.approval.otherSelector.hint", params: { planned: first } }]);
    // A month's plan: long enough to cover the rotation and, after the grace period, its retire.
    const toSecond = storedPlan(world, campaigns, { command: "rotate", selector: second, ttlHours: 720 });
    expect(await rotateUnder(underApprovals(world, campaigns, toSecond), second)).toMatchObject({ outcome: "completed" });
    await world.ctx.clock.sleep(8 * DAY_MS);

    const rotated = mutatingCalls(world);
    expectRefused(world, await retireUnder(underApprovals(world, campaigns), first), "gate.approval.needsPlan", rotated);
    const retired = await retireUnder(underApprovals(world, campaigns, toSecond), first);
    expect(retired).toMatchObject({ outcome: "completed", exitCode: ExitCode.ok });
    expect(approvalGate(retired)).toMatchObject({ status: "pass", detail: { key: "gate.approval.planCovers", params: { command: "retire" } } });
  });
});
