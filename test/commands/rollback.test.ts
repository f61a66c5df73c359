import { describe, expect, it } from "vitest";
import { enable } from "../../src/commands/enable.js";
import { rollback } from "../../src/commands/rollback.js";
import { chooseRollback, otherTargets, type RollbackTarget, type SwitchHistory, switchHistory } from "../../src/engine/change/rollbackChoice.js";
import { ByodkimError, ExitCode } from "../../src/errors.js";
import { parseBindTxtLine } from "../../src/dkim/handoff.js";
import { dkimSnapshot } from "../support/dkimSnapshot.js";
import { DOMAIN, fakeWorld as newWorld, SELECTOR } from "../support/fakeWorld.js";
import { generateTestKey } from "../support/keys.js";

type World = ReturnType<typeof newWorld>;
const key = generateTestKey(2048);
const fakeWorld = (options: Parameters<typeof newWorld>[0] = {}) => newWorld({ key, ...options });
const rollbackIn = (world: World, to?: RollbackTarget, yes = true) =>
  rollback(world.ctx, { domain: DOMAIN, to, yes, dryRun: false, reason: "test", forceUnlock: false });
const enableIn = (world: World) => enable(world.ctx, { domain: DOMAIN, selector: undefined, yes: true, dryRun: false, waitSeconds: 60, forceUnlock: false });

const snapshot = dkimSnapshot({ takenAt: "2026-11-25T10:00:00Z" });

describe("what byodkim's records say about the identity", () => {
  it.each([
    ["a snapshot", snapshot, { current_phase: "6" }, "switched"],
    ["Phase-7 in the record", null, { current_phase: "7" }, "switched"],
    ["Phase-7 as a number", null, { current_phase: 7 }, "switched"],
    ["byodkim_enabled", null, { current_phase: "6", byodkim_enabled: true }, "switched"],
    ["an earlier rollback's record", null, { current_phase: "6", rollback_target: "disable" }, "switched"],
    ["a snapshot field, even malformed", null, { current_phase: "6", byodkim_snapshot: "?" }, "switched"],
    ["a Phase-6 record and no snapshot", null, { current_phase: "6", projectName: "aws-ses-migration" }, "neverSwitched"],
    ["an unreadable secret", null, undefined, "unknown"],
    ["no secret at all", null, null, "unknown"],
  ] as const)("%s → %s", (_what, found, state, expected) => {
    expect(switchHistory(found, state)).toBe(expected);
  });
});

describe("choosing the rollback", () => {
  it.each([
    ["never switched, no --to: nothing", undefined, null, "neverSwitched", "AWS_SES", { kind: "nothing", why: "neverSwitched" }],
    ["never switched, --to previous: nothing", "previous", null, "neverSwitched", "AWS_SES", { kind: "nothing", why: "neverSwitched" }],
    [
      "never switched, --to disable: typed confirmation",
      "disable",
      null,
      "neverSwitched",
      "AWS_SES",
      { kind: "disable", typedConfirmation: true, why: "neverSwitched" },
    ],
    ["a snapshot, no --to: previous", undefined, snapshot, "switched", "EXTERNAL", { kind: "previous", snapshot }],
    ["a snapshot, SES on Easy DKIM already, no --to: previous", undefined, snapshot, "unknown", "AWS_SES", { kind: "previous", snapshot }],
    ["a snapshot, --to disable", "disable", snapshot, "switched", "EXTERNAL", { kind: "disable", typedConfirmation: false }],
    ["switched without a snapshot, SES on BYODKIM, no --to: disable", undefined, null, "switched", "EXTERNAL", { kind: "disable", typedConfirmation: false }],
    ["switched without a snapshot, SES on Easy DKIM, no --to: nothing", undefined, null, "switched", "AWS_SES", { kind: "nothing", why: "notByodkim" }],
    [
      "switched without a snapshot, SES on Easy DKIM, --to disable: as asked",
      "disable",
      null,
      "switched",
      "AWS_SES",
      { kind: "disable", typedConfirmation: false },
    ],
    [
      "unknown (Secrets Manager failing), SES on BYODKIM, no --to: disable",
      undefined,
      null,
      "unknown",
      "EXTERNAL",
      { kind: "disable", typedConfirmation: false },
    ],
    ["unknown, SES on Easy DKIM, no --to: nothing", undefined, null, "unknown", "AWS_SES", { kind: "nothing", why: "notByodkim" }],
    ["unknown, SES without DKIM, no --to: nothing", undefined, null, "unknown", null, { kind: "nothing", why: "notByodkim" }],
    [
      "unknown, SES on Easy DKIM, --to disable: typed confirmation",
      "disable",
      null,
      "unknown",
      "AWS_SES",
      { kind: "disable", typedConfirmation: true, why: "notByodkim" },
    ],
    ["unknown, SES unreadable, no --to: disable (the gates refuse)", undefined, null, "unknown", undefined, { kind: "disable", typedConfirmation: false }],
  ] as const)("%s", (_what, to, found, history, origin, expected) => {
    expect(chooseRollback(to, found, history as SwitchHistory, DOMAIN, origin)).toEqual(expected);
  });

  it.each([
    ["switched, SES on BYODKIM", null, "switched", "EXTERNAL", { kind: "easy-dkim" }],
    ["a snapshot of another BYODKIM key", snapshot, "switched", "EXTERNAL", { kind: "easy-dkim" }],
    ["never switched", null, "neverSwitched", "AWS_SES", { kind: "nothing", why: "neverSwitched" }],
    ["unknown, SES on Easy DKIM already", null, "unknown", "AWS_SES", { kind: "nothing", why: "notByodkim" }],
  ] as const)("--to easy-dkim, %s", (_what, found, history, origin, expected) => {
    expect(chooseRollback("easy-dkim", found, history as SwitchHistory, DOMAIN, origin)).toEqual(expected);
  });

  it.each([
    ["BYODKIM, signing on: both", { origin: "EXTERNAL", signingEnabled: true }, "rollback.otherTargets.both"],
    ["BYODKIM, signing off: Easy DKIM", { origin: "EXTERNAL", signingEnabled: false }, "rollback.otherTargets.easyDkim"],
    ["Easy DKIM, signing on: disable", { origin: "AWS_SES", signingEnabled: true }, "rollback.otherTargets.disable"],
    ["Easy DKIM, signing off: none", { origin: "AWS_SES", signingEnabled: false }, null],
  ] as const)("a refused old key names the rollbacks that need none and would change something: %s", (_what, dkim, key) => {
    expect(otherTargets(DOMAIN, dkim)?.key ?? null).toBe(key);
  });

  it("refuses --to previous without a snapshot when byodkim did switch the identity", () => {
    expect(() => chooseRollback("previous", null, "switched", DOMAIN)).toThrow(ByodkimError);
  });
});

describe("rollback never harms an identity byodkim never switched", () => {
  it("rollback --yes on a healthy Easy DKIM identity says there is nothing to roll back and changes nothing", async () => {
    const world = fakeWorld();
    world.before("prompt", () => {
      throw new Error("asked to confirm when there is nothing to roll back");
    });
    const result = await rollbackIn(world);
    expect(result).toMatchObject({ outcome: "upToDate", exitCode: ExitCode.ok, journalPath: null, calls: [] });
    expect(result.summary).toMatchObject({ key: "rollback.summary.neverSwitched", params: { domain: DOMAIN, phase: "6" } });
    expect(result.plan?.details).toMatchObject({ target: "none", history: "neverSwitched" });
    expect(world.mutations()).toEqual([]);
    expect(world.dkim.signingEnabled).toBe(true);
    expect(world.state()).toEqual({ current_phase: "6", projectName: "aws-ses-migration" });
  });

  it("--to previous on it has nothing to restore either, and changes nothing", async () => {
    const world = fakeWorld();
    const result = await rollbackIn(world, "previous");
    expect(result).toMatchObject({ outcome: "upToDate", exitCode: ExitCode.ok, summary: { key: "rollback.summary.neverSwitched" } });
    expect(world.mutations()).toEqual([]);
  });

  it("--to disable needs the typed domain even with --yes, and the plan says it turns signing off on a healthy domain", async () => {
    const world = fakeWorld();
    let asked = 0;
    world.before("prompt", () => void asked++);
    const result = await rollbackIn(world, "disable", true);
    expect(asked).toBe(1);
    expect(result).toMatchObject({ outcome: "declined", exitCode: ExitCode.declined });
    expect(result.plan?.rows.map((row) => row.value.key)).toContain("rollback.plan.untouchedHealthy");
    expect(result.warnings.map((warning) => warning.key)).toContain("rollback.plan.untouchedHealthy");
    expect(world.mutations()).toEqual([]);
    expect(world.dkim.signingEnabled).toBe(true);
  });

  it("--to disable with the domain typed turns signing off and records it; a second run has nothing to do", async () => {
    const world = fakeWorld();
    world.answer(DOMAIN);
    const result = await rollbackIn(world, "disable", true);
    expect(result).toMatchObject({ outcome: "completed", exitCode: ExitCode.ok });
    expect(world.dkim.signingEnabled).toBe(false);
    expect(world.state()).toMatchObject({ rollback_target: "disable", signing_enabled: false, current_phase: "6" });
    const again = await rollbackIn(world, "disable", true);
    expect(again).toMatchObject({ outcome: "upToDate", exitCode: ExitCode.ok });
    expect(world.mutations()).toEqual(["PutEmailIdentityDkimAttributes"]);
  });

  it("--to disable when signing is already off says there is nothing to roll back, asks nothing and records nothing", async () => {
    const world = fakeWorld({ dkim: { signingEnabled: false } });
    world.before("prompt", () => {
      throw new Error("asked to confirm when there is nothing to roll back");
    });
    const result = await rollbackIn(world, "disable", false);
    expect(result).toMatchObject({ outcome: "upToDate", exitCode: ExitCode.ok, summary: { key: "rollback.summary.alreadyOff" } });
    expect(world.mutations()).toEqual([]);
    expect(world.state()["rollback_target"]).toBeUndefined();
  });
});

describe("rollback still acts at once when byodkim did switch, or cannot tell", () => {
  it("rollback --yes after an enable restores the snapshot without asking", async () => {
    const world = fakeWorld();
    await enableIn(world);
    world.before("prompt", () => {
      throw new Error("asked although --yes and byodkim switched it");
    });
    const result = await rollbackIn(world);
    expect(result).toMatchObject({ outcome: "completed", plan: { details: { target: "previous", history: "switched" } } });
  });

  it("rollback --yes with the state record at Phase-7 but no snapshot turns signing off without asking", async () => {
    const world = fakeWorld({ dkim: { origin: "EXTERNAL", tokens: ["gooid-21-pro-20250917-3"] } });
    world.setState({ current_phase: "7", byodkim_enabled: true });
    const result = await rollbackIn(world);
    expect(result).toMatchObject({ outcome: "completed", plan: { details: { target: "disable", history: "switched" } } });
    expect(world.dkim.signingEnabled).toBe(false);
  });

  it("rollback --yes while Secrets Manager fails defaults to turning signing off when SES signs with BYODKIM, as the incident needs", async () => {
    const world = fakeWorld({ dkim: { origin: "EXTERNAL", tokens: ["gooid-21-pro-20250917-3"] } });
    world.fail("GetSecretValue", { times: 100 });
    const result = await rollbackIn(world);
    expect(result).toMatchObject({ outcome: "completed", plan: { details: { target: "disable", history: "unknown" } } });
    expect(world.dkim.signingEnabled).toBe(false);
  });

  it("rollback --yes while Secrets Manager fails leaves Easy DKIM signing: nothing to undo, said as such", async () => {
    const world = fakeWorld();
    world.fail("GetSecretValue", { times: 100 });
    world.before("prompt", () => {
      throw new Error("asked to confirm when there is nothing to roll back");
    });
    const result = await rollbackIn(world);
    expect(result).toMatchObject({ outcome: "upToDate", exitCode: ExitCode.ok, plan: { details: { target: "none", history: "unknown" } } });
    expect(result.summary).toMatchObject({ key: "rollback.summary.notByodkim", params: { domain: DOMAIN, origin: "AWS_SES" } });
    expect(world.mutations()).toEqual([]);
    expect(world.dkim.signingEnabled).toBe(true);
  });
});

describe("rollback to a previous BYODKIM selector whose record is gone", () => {
  it("asks the DNS team for it as a BIND line of 255-byte strings that joins back to the key's record", async () => {
    const world = fakeWorld();
    expect((await enableIn(world)).outcome).toBe("completed");
    const newer = "gooid-21-pro-20991231-1";
    world.uploadKey(newer);
    expect((await enable(world.ctx, { domain: DOMAIN, selector: newer, yes: true, dryRun: false, waitSeconds: 60, forceUnlock: false })).outcome).toBe(
      "completed",
    );
    world.publish(generateTestKey(1024));

    const result = await rollbackIn(world, "previous");
    expect(result.plan?.details).toMatchObject({ target: "previous", previousSelector: SELECTOR });
    const [record = ""] = result.dnsRecordsNeeded;
    const parsed = parseBindTxtLine(record);
    expect(parsed?.name).toBe(`${SELECTOR}._domainkey.${DOMAIN}`);
    for (const text of parsed?.strings ?? []) expect(Buffer.byteLength(text)).toBeLessThanOrEqual(255);
    expect(parsed?.strings.join("")).toBe(`v=DKIM1; k=rsa; p=${key.publicKeyBase64}`);
  });
});

describe("rollback's SES reads, one second apiece against SES's limit", () => {
  const sesCallsOf = (world: World, from: number) =>
    world.calls.slice(from).filter((name) => name.startsWith("GetEmailIdentity") || name.startsWith("PutEmailIdentity"));

  it("with --yes: its fresh check is the re-check, one read before the change and one after it", async () => {
    const world = fakeWorld();
    await enableIn(world);
    const from = world.calls.length;
    const result = await rollbackIn(world, "disable", true);
    expect(result.outcome).toBe("completed");
    expect(sesCallsOf(world, from)).toEqual(["GetEmailIdentity", "PutEmailIdentityDkimAttributes", "GetEmailIdentity"]);
    expect(world.journalEvents(result.journalPath)).toContain("recheck-skipped");
    expect(world.journalEvents(result.journalPath)).not.toContain("rechecked");
  });

  it("with a typed answer: the world is read again after the prompt, whatever the clock says", async () => {
    const world = fakeWorld();
    await enableIn(world);
    const from = world.calls.length;
    world.answer(DOMAIN);
    const result = await rollbackIn(world, "disable", false);
    expect(result.outcome).toBe("completed");
    expect(sesCallsOf(world, from)).toEqual(["GetEmailIdentity", "GetEmailIdentity", "PutEmailIdentityDkimAttributes", "GetEmailIdentity"]);
    expect(world.journalEvents(result.journalPath)).toContain("rechecked");
  });

  it("still refuses to record when SES no longer shows what it set, from that one read after the change", async () => {
    const world = fakeWorld();
    await enableIn(world);
    // Someone turns signing back on between byodkim's change and its read.
    const enabled = world.mutations().length;
    world.before("GetEmailIdentity", () => {
      if (world.mutations().length > enabled) world.dkim.signingEnabled = true;
    });
    const result = await rollbackIn(world, "disable", true);
    expect(result.outcome).toBe("changedByAnotherRun");
    expect(world.state()["rollback_target"]).toBeUndefined();
  });
});
