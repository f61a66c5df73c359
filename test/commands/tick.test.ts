import { describe, expect, it } from "vitest";
import { tickCommandsFrom } from "../../src/cli/tickCommand.js";
import { apply } from "../../src/commands/apply.js";
import { approve } from "../../src/commands/approve.js";
import { enable } from "../../src/commands/enable.js";
import { keygen } from "../../src/commands/keygen.js";
import { plan } from "../../src/commands/plan.js";
import { retire } from "../../src/commands/retire.js";
import { rollback } from "../../src/commands/rollback.js";
import { publishKey } from "../../src/commands/publishKey.js";
import { rotate } from "../../src/commands/rotate.js";
import { type TickCommands, type TickResult, tick, worstExitCode } from "../../src/commands/tick.js";
import type { ByodkimConfig } from "../../src/config/config.js";
import { parseBindTxtLine } from "../../src/dkim/handoff.js";
import { ExitCode } from "../../src/errors.js";
import type { CommandContext } from "../../src/engine/context.js";
import type { NoticeFacts } from "../../src/notify/notice.js";
import { KEY_HISTORY_FIELD } from "../../src/state/keyHistory.js";
import { DOMAIN, fakeWorld as newWorld, SELECTOR } from "../support/fakeWorld.js";
import { generateTestKey } from "../support/keys.js";
import { fakePublisher } from "../support/fakePublisher.js";
import { byodkimError } from "../../src/errors.js";

type World = ReturnType<typeof newWorld>;
const key = generateTestKey(2048);
const DAY_MS = 86_400_000;
const PHASE_7 = { current_phase: "7", selector: SELECTOR, byodkim_enabled: true, phase_7_completed_at: "2026-10-25T00:00:00.000Z" };
/** SELECTOR is dated 2025-09-17: on the fake clock's first day (2026-11-25) it is long overdue. */
const overdueWorld = () =>
  newWorld({ key, dkim: { origin: "EXTERNAL", tokens: [SELECTOR], status: "SUCCESS", signingEnabled: true, signingHostedZone: undefined }, state: PHASE_7 });
const commands: TickCommands = tickCommandsFrom({ keygen, rotate, retire, enable, rollback, plan, apply, publishKey });

function tickIn(
  world: World,
  rotation: Partial<ByodkimConfig["rotation"]> = { auto: true },
  more: Partial<ByodkimConfig> = {},
  using = commands,
  context: Partial<CommandContext> = {},
) {
  const config = { ...world.ctx.config, ...more, rotation: { ...world.ctx.config.rotation, ...rotation } };
  return tick({ ...world.ctx, ...context, config }, { domains: [DOMAIN], all: false, outDir: undefined }, using);
}

const only = (result: TickResult) => {
  expect(result.identities).toHaveLength(1);
  return result.identities[0]!;
};
const history = (world: World) => (world.state()[KEY_HISTORY_FIELD] ?? {}) as Record<string, { status: string }>;
const newSelector = (world: World) => Object.entries(history(world)).find(([, entry]) => entry.status === "created")?.[0];

/** The DNS team publishes the record keygen's step handed over. */
function publishHandoff(world: World, result: TickResult) {
  const line = only(result).step?.dnsRecordsNeeded[0];
  expect(line).toBeDefined();
  world.publishAt(parseBindTxtLine(line!)!);
}

/** While SES settles the rotation, the fake reports the new key verified. */
function sesFollowsRotation(world: World) {
  world.before("PutEmailIdentityDkimSigningAttributes", () => {
    world.dkim.status = "SUCCESS";
  });
}

describe("tick", () => {
  it("walks the cycle: keygen, waits for DNS, rotates once the record answers, retires after the grace period; each tick does one step", async () => {
    const world = overdueWorld();
    sesFollowsRotation(world);

    const made = await tickIn(world);
    expect(only(made)).toMatchObject({ decision: "keygen", reason: { code: "keyDue" }, exitCode: ExitCode.ok, step: { outcome: "completed" } });
    expect(made).toMatchObject({ outcome: "progressed", exitCode: ExitCode.ok });
    const selector = newSelector(world)!;
    expect(selector).toMatch(/^gooid-21-pro-20261125-/);
    expect(world.mutations()).toEqual([]);

    const waiting = await tickIn(world);
    expect(only(waiting)).toMatchObject({ decision: "nothing", reason: { code: "waitingForDns" }, step: null });
    expect(waiting).toMatchObject({ outcome: "nothingToDo", exitCode: ExitCode.ok });
    expect(world.keyObjects()).toHaveLength(1);

    publishHandoff(world, made);
    const rotated = await tickIn(world);
    expect(only(rotated)).toMatchObject({ decision: "rotate", reason: { code: "recordAnswers" }, exitCode: ExitCode.ok, step: { outcome: "completed" } });
    expect(world.dkim.tokens).toEqual([selector]);
    expect(history(world)[SELECTOR]?.status).toBe("retiring");

    // The old record stays: nothing happens to it within the grace period.
    const graceBefore = world.mutations().length;
    expect(only(await tickIn(world))).toMatchObject({ decision: "nothing", reason: { code: "notDue" } });
    await world.ctx.clock.sleep(7 * DAY_MS + 60_000);
    const retired = await tickIn(world);
    expect(only(retired)).toMatchObject({ decision: "retire", reason: { code: "graceOver", params: { selector: SELECTOR } }, exitCode: ExitCode.ok });
    expect(history(world)[SELECTOR]?.status).toBe("retired");
    expect(world.mutations().length).toBe(graceBefore);

    expect(only(await tickIn(world))).toMatchObject({ decision: "nothing", reason: { code: "notDue" } });
  });

  it("is idempotent: a second tick in a row does nothing, changes nothing, and reads SES once", async () => {
    const world = overdueWorld();
    await tickIn(world);
    const before = world.calls.length;
    const again = await tickIn(world);
    expect(again).toMatchObject({ outcome: "nothingToDo", exitCode: ExitCode.ok });
    const made = world.calls.slice(before);
    expect(made.filter((name) => name === "GetEmailIdentity")).toHaveLength(1);
    // Reads only: SES once, the state secret once.
    expect(made.sort()).toEqual(["GetEmailIdentity", "GetSecretValue"]);
  });

  it("with a young key reads SES once per identity and nothing else of AWS", async () => {
    const world = overdueWorld();
    const fresh = "gooid-21-pro-20261120-1";
    world.dkim.tokens = [fresh];
    world.setState({ ...PHASE_7, selector: fresh, [KEY_HISTORY_FIELD]: { [fresh]: { status: "active", created_at: "2026-11-20T00:00:00.000Z" } } });
    const before = world.calls.length;
    const result = await tickIn(world);
    expect(only(result)).toMatchObject({ decision: "nothing", reason: { code: "notDue", params: { ageDays: 5 } } });
    expect(world.calls.slice(before).sort()).toEqual(["GetEmailIdentity", "GetSecretValue"]);
  });

  it("needs a person (exit 1, the command to type) when the record does not answer dnsTimeoutDays after keygen", async () => {
    const world = overdueWorld();
    await tickIn(world);
    await world.ctx.clock.sleep(3 * DAY_MS);
    const late = await tickIn(world);
    const selector = newSelector(world)!;
    expect(late).toMatchObject({ outcome: "needsPerson", exitCode: ExitCode.checkFailed });
    expect(only(late)).toMatchObject({ decision: "needsPerson", reason: { code: "dnsTimeout" }, command: `byodkim verify ${DOMAIN} --selector ${selector}` });
  });

  it("without rotation.auto changes nothing and names the command a person types", async () => {
    const world = overdueWorld();
    const result = await tickIn(world, { auto: false });
    expect(result).toMatchObject({ outcome: "needsPerson", exitCode: ExitCode.checkFailed });
    expect(only(result)).toMatchObject({ reason: { code: "autoOff" }, command: `byodkim keygen ${DOMAIN}` });
    expect(world.keyObjects()).toEqual([]);
  });

  it("with a publisher and no publish step wired, a record that does not answer needs a person", async () => {
    const world = overdueWorld();
    await tickIn(world);
    const { publish: _wired, ...unwired } = commands;
    const result = await tickIn(world, { auto: true }, { dns: { servers: [], publish: { provider: "route53" } } }, unwired);
    expect(only(result)).toMatchObject({ decision: "needsPerson", reason: { code: "publishUnavailable" }, exitCode: ExitCode.checkFailed });
  });

  it("with rotation.auto off, publishes the record of the key a person made (keygen's own confirmation), and no more", async () => {
    const world = overdueWorld();
    const route53 = fakePublisher(world);
    route53.failNext(byodkimError("aws", "dnsPublish.route53.busy", { resource: "ZTEST" }));
    const made = await keygen(route53.ctx, { domain: DOMAIN, selector: undefined, bits: 2048, yes: true, dryRun: false, outDir: undefined });
    expect(made.summary).toMatchObject({ key: "dnsPublish.failed.keygen" });
    const selector = newSelector(world)!;
    const manual = { ...route53.ctx, config: { ...route53.ctx.config, rotation: { ...route53.ctx.config.rotation, auto: false } } };
    const published = await tick(manual, { domains: [DOMAIN], all: false, outDir: undefined }, commands);
    expect(only(published)).toMatchObject({ decision: "publish", step: { outcome: "completed" }, exitCode: ExitCode.ok });
    expect(route53.changes.map((change) => change.records[0]!.name)).toEqual([`${selector}._domainkey.${DOMAIN}`]);
    // The rotation that follows is a person's: tick names it and changes nothing.
    const next = await tick(manual, { domains: [DOMAIN], all: false, outDir: undefined }, commands);
    expect(only(next)).toMatchObject({ decision: "needsPerson", reason: { code: "autoOff" } });
    expect(world.dkim.tokens).toEqual([SELECTOR]);
  });

  it("publishes a made key's record again when its first publish failed, through the pipeline, and rotates on a later tick", async () => {
    const world = overdueWorld();
    sesFollowsRotation(world);
    const route53 = fakePublisher(world);
    const tickWith = () =>
      tick(
        { ...route53.ctx, config: { ...route53.ctx.config, rotation: { ...route53.ctx.config.rotation, auto: true } } },
        { domains: [DOMAIN], all: false, outDir: undefined },
        commands,
      );
    route53.failNext(byodkimError("aws", "dnsPublish.route53.busy", { resource: "ZTEST" }));
    const made = await tickWith();
    expect(only(made)).toMatchObject({ decision: "keygen" });
    // A key nobody signs with and a record the provider refused: a person looks at the provider, nothing to roll back.
    expect(made).toMatchObject({ exitCode: ExitCode.checkFailed, outcome: "needsPerson" });
    expect(only(made)).toMatchObject({ command: `byodkim tick ${DOMAIN}`, step: { summary: { key: "dnsPublish.failed.keygen" } } });
    const selector = newSelector(world)!;
    expect(selector).toBeDefined();
    expect(route53.changes).toEqual([]);

    const again = await tickWith();
    expect(only(again)).toMatchObject({ decision: "publish", reason: { code: "recordMissing" }, step: { outcome: "completed" }, exitCode: ExitCode.ok });
    expect(route53.changes.map((change) => change.records.map((record) => record.name))).toEqual([[`${selector}._domainkey.${DOMAIN}`]]);
    const published = route53.changes[0]!.records[0]!;
    expect(published.type === "TXT" && published.strings.join("")).toMatch(/^v=DKIM1; k=rsa; p=MII/);
    // The journal of the publish step is its own run's, under the same lock as any change.
    expect(world.everything()).toContain('"event":"dns-publish"');

    const rotated = await tickWith();
    expect(only(rotated)).toMatchObject({ decision: "rotate", step: { outcome: "completed" } });
    expect(world.dkim.tokens).toEqual([selector]);
  });

  it("a rotation the AWS side fails part-way ends 4, worse than another identity's 1", async () => {
    const world = overdueWorld();
    const made = await tickIn(world);
    publishHandoff(world, made);
    world.fail("PutEmailIdentityDkimSigningAttributes", { times: 5 });
    const config = {
      ...world.ctx.config,
      rotation: { ...world.ctx.config.rotation, auto: true },
      identities: [{ domain: "not-in-ses.example", regions: undefined, selectorPrefix: "gooid-21-pro", keys: world.ctx.config.keys }],
    };
    const result = await tick({ ...world.ctx, config }, { domains: [], all: true, outDir: undefined }, commands);
    expect(result.identities.map((identity) => [identity.domain, identity.exitCode])).toEqual([
      [DOMAIN, ExitCode.awsFailureDuringChange],
      ["not-in-ses.example", ExitCode.checkFailed],
    ]);
    expect(result).toMatchObject({ outcome: "failed", exitCode: ExitCode.awsFailureDuringChange });
  });

  it("one identity's failure does not stop the next", async () => {
    const world = overdueWorld();
    const config = {
      ...world.ctx.config,
      rotation: { ...world.ctx.config.rotation, auto: true },
      identities: [{ domain: "not-in-ses.example", regions: undefined, selectorPrefix: "gooid-21-pro", keys: world.ctx.config.keys }],
    };
    const result = await tick({ ...world.ctx, config }, { domains: [], all: true, outDir: undefined }, commands);
    expect(result.identities.map((identity) => [identity.domain, identity.decision, identity.reason.code])).toEqual([
      [DOMAIN, "keygen", "keyDue"],
      ["not-in-ses.example", "needsPerson", "notInSes"],
    ]);
    expect(result.exitCode).toBe(ExitCode.checkFailed);
  });

  it("with approvals required writes the plan and waits; once approved, the next tick applies it", async () => {
    const world = overdueWorld();
    sesFollowsRotation(world);
    const approvals = { approvals: { required: 1, allowSelf: true } };
    const made = await tickIn(world, { auto: true }, approvals);
    const selector = newSelector(world);
    publishHandoff(world, made);

    const heard: NoticeFacts[] = [];
    const notices = [{ target: "approvers", send: async (facts: NoticeFacts) => void heard.push(facts) }];
    const planned = await tickIn(world, { auto: true }, approvals, commands, { notices });
    const planId = only(planned).reason.params["planId"];
    expect(heard).toMatchObject([
      { event: "approval-requested", command: "tick", domain: DOMAIN, selector, plan: expect.stringContaining(`byodkim approve ${planId}`) },
    ]);
    expect(only(planned)).toMatchObject({ decision: "plan", reason: { code: "approvalPending" }, command: `byodkim approve ${planId}`, exitCode: 1 });
    expect(world.mutations()).toEqual([]);

    // Asked again before anyone approved: the same plan, still pending, no second plan.
    const pending = await tickIn(world, { auto: true }, approvals);
    expect(only(pending)).toMatchObject({ decision: "needsPerson", reason: { code: "approvalPending", params: { planId } } });

    const config = { ...world.ctx.config, ...approvals };
    expect((await approve({ ...world.ctx, config }, { plan: String(planId), comment: undefined, yes: true })).outcome).toBe("approved");
    const applied = await tickIn(world, { auto: true }, approvals);
    expect(only(applied)).toMatchObject({ decision: "apply", reason: { code: "planApproved" }, step: { outcome: "completed" }, exitCode: ExitCode.ok });
    expect(world.dkim.tokens).toEqual([selector]);
    expect(history(world)[selector!]?.status).toBe("active");
  });

  it("orders exit codes worst first: a signal, 4, 5, 1, 0", () => {
    expect(worstExitCode([0, 1, 5])).toBe(5);
    expect(worstExitCode([5, 4, 1])).toBe(4);
    expect(worstExitCode([4, 130])).toBe(130);
    expect(worstExitCode([])).toBe(0);
  });

  it("refuses no target and both domains and --all", async () => {
    const world = overdueWorld();
    await expect(tick(world.ctx, { domains: [], all: false, outDir: undefined }, commands)).rejects.toMatchObject({ what: { key: "tick.noTargets" } });
    await expect(tick(world.ctx, { domains: [DOMAIN], all: true, outDir: undefined }, commands)).rejects.toMatchObject({ exitCode: ExitCode.usage });
  });
});
