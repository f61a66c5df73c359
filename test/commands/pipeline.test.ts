import { describe, expect, it } from "vitest";
import type { ChangeResult } from "../../src/engine/change/changeTypes.js";
import { enable } from "../../src/commands/enable.js";
import { rollback } from "../../src/commands/rollback.js";
import { ExitCode } from "../../src/errors.js";
import { DOMAIN, fakeWorld as newWorld, SELECTOR } from "../support/fakeWorld.js";
import { JOURNAL_OF_A_COMPLETED_ENABLE } from "../support/journalEvents.js";
import { generateTestKey } from "../support/keys.js";

type World = ReturnType<typeof newWorld>;
// One key for every world: generating one per test costs more than the tests.
const key = generateTestKey(2048);
const fakeWorld = (options: Parameters<typeof newWorld>[0] = {}) => newWorld({ key, ...options });
const enableIn = (world: World, overrides: { yes?: boolean; dryRun?: boolean; forceUnlock?: boolean } = {}) =>
  enable(world.ctx, {
    domain: DOMAIN,
    selector: undefined,
    yes: overrides.yes ?? true,
    dryRun: overrides.dryRun ?? false,
    waitSeconds: 60,
    forceUnlock: overrides.forceUnlock ?? false,
  });
const rollbackIn = (world: World, to?: "disable" | "previous", yes = true, forceUnlock = false) =>
  rollback(world.ctx, { domain: DOMAIN, to, yes, dryRun: false, reason: "test", forceUnlock });

/** Whatever the branch, the private key is in no event, journal entry or state version. */
function noKeyIn(world: World) {
  const everything = world.everything();
  expect(world.key.canaries.filter((canary) => everything.includes(canary))).toEqual([]);
}

const otherRunsLock = () => ({
  runId: "other",
  owner: "arn:aws:sts::123456789012:assumed-role/MailOps/colleague",
  host: "laptop",
  pid: 1,
  command: "enable",
  startedAt: "2026-11-25T09:59:00Z",
  expiresAt: "2026-11-25T11:00:00Z",
});

describe("enable through the pipeline (in process, fakes)", () => {
  it("makes only the call that changes something, records Phase-7 and keeps the snapshot", async () => {
    const world = fakeWorld();
    const result = await enableIn(world);
    expect(result).toMatchObject({ outcome: "completed", exitCode: ExitCode.ok, sesChange: null, rollbackCommand: null });
    expect(result.calls.map((call) => `${call.name}:${call.outcome}`)).toEqual([
      "PutEmailIdentityDkimSigningAttributes:ok",
      "PutEmailIdentityDkimAttributes:skipped",
    ]);
    expect(world.mutations()).toEqual(["PutEmailIdentityDkimSigningAttributes"]);
    expect(world.state()).toMatchObject({
      current_phase: "7",
      selector: SELECTOR,
      byodkim_enabled: true,
      byodkim_snapshot: { origin: "AWS_SES", runId: "run1" },
    });
    expect(world.lock()).toBeNull();
    expect(world.journalEvents(result.journalPath)).toEqual(JOURNAL_OF_A_COMPLETED_ENABLE);
    expect(world.events.map((event) => event.type)).toContain("plan");
    noKeyIn(world);
  });

  it("keeps the state secret's other fields byte for byte through enable and rollback (lock, snapshot, record)", async () => {
    const world = fakeWorld();
    world.setStateText('{\n  "current_phase" : "6",\n  "ticket": 12345678901234567890,\n  "ratio": 1.50\n}');
    expect((await enableIn(world)).outcome).toBe("completed");
    expect((await rollbackIn(world, "disable")).outcome).toBe("completed");
    expect(world.stateText()).toMatch(/^\{\n {2}"current_phase" : "6",\n {2}"ticket": 12345678901234567890,\n {2}"ratio": 1\.50,\n {2}"/);
    expect(world.state()).toMatchObject({ rollback_target: "disable", byodkim_snapshot: { origin: "AWS_SES" } });
    expect(world.state()["byodkim_lock"]).toBeUndefined();
  });

  it("refuses when a gate fails: nothing asked, nothing changed", async () => {
    const world = fakeWorld();
    world.publish(generateTestKey(1024));
    const result = await enableIn(world);
    expect(result).toMatchObject({ outcome: "gatesFailed", exitCode: ExitCode.checkFailed, journalPath: null });
    expect(world.mutations()).toEqual([]);
  });

  it("stops after the plan on a dry run, journaled as one (the plan reviewed before the window)", async () => {
    const world = fakeWorld();
    const result = await enableIn(world, { dryRun: true });
    expect(result).toMatchObject({ outcome: "dryRun", exitCode: ExitCode.ok });
    expect(world.journalEvents(result.journalPath)).toEqual(["run-started", "gates", "plan", "ended"]);
    expect(result.plan?.calls.map((call) => call.needed)).toEqual([true, false]);
    expect(world.mutations()).toEqual([]);
  });

  it("is declined when the operator types something else", async () => {
    const world = fakeWorld();
    world.answer("goo.ne.j");
    const result = await enableIn(world, { yes: false });
    expect(result).toMatchObject({ outcome: "declined", exitCode: ExitCode.declined });
    expect(world.mutations()).toEqual([]);
  });

  it.each([
    ["the TXT record changed", (world: World) => world.publish(generateTestKey(1024))],
    ["someone else changed SES", (world: World) => Object.assign(world.dkim, { signingEnabled: false })],
  ])("refuses at the re-check when %s while the operator sat at the prompt", async (_what, change) => {
    const world = fakeWorld();
    world.answer(DOMAIN);
    world.before("prompt", () => change(world));
    const result = await enableIn(world, { yes: false });
    expect(result).toMatchObject({ outcome: "recheckFailed", exitCode: ExitCode.checkFailed });
    expect(world.mutations()).toEqual([]);
  });

  it("pins the selector the operator confirmed: a newer key uploaded at the prompt is not switched to", async () => {
    const world = fakeWorld();
    world.answer(DOMAIN);
    world.before("prompt", () => world.uploadKey("gooid-21-pro-20991231-1"));
    const result = await enableIn(world, { yes: false });
    expect(result).toMatchObject({ outcome: "completed", selector: SELECTOR });
    expect(world.state()).toMatchObject({ current_phase: "7", selector: SELECTOR });
  });

  it("says nothing changed, and gives no rollback advice, when the first call fails", async () => {
    const world = fakeWorld();
    world.fail("PutEmailIdentityDkimSigningAttributes");
    const result = await enableIn(world);
    expect(result).toMatchObject({
      outcome: "failedDuringChange",
      exitCode: ExitCode.awsFailureDuringChange,
      sesChange: "none",
      rollbackCommand: null,
      finishCommand: null,
    });
    expect(result.summary.key).toBe("change.summary.failedDuringChange.nothingChanged");
    expect(world.dkim.origin).toBe("AWS_SES");
    expect(world.lock()).toBeNull();
  });

  it("says SES is partly changed, with the rollback command, when the second call fails; a second run finishes it", async () => {
    const world = fakeWorld({ dkim: { signingEnabled: false } });
    world.fail("PutEmailIdentityDkimAttributes");
    const first = await enableIn(world);
    expect(first).toMatchObject({
      outcome: "failedDuringChange",
      exitCode: ExitCode.awsFailureDuringChange,
      sesChange: "partial",
      rollbackCommand: `byodkim rollback ${DOMAIN}`,
    });
    expect(world.state()["current_phase"]).toBe("6");

    const second = await enableIn(world);
    expect(second).toMatchObject({ outcome: "completed", exitCode: ExitCode.ok });
    expect(second.calls.map((call) => `${call.name}:${call.outcome}`)).toEqual([
      "PutEmailIdentityDkimSigningAttributes:skipped",
      "PutEmailIdentityDkimAttributes:ok",
    ]);
    expect(world.state()).toMatchObject({ current_phase: "7", selector: SELECTOR });
    // The snapshot still describes the settings before the first run: what rollback must restore.
    expect(world.state()["byodkim_snapshot"]).toMatchObject({ origin: "AWS_SES", signingEnabled: false, runId: "run1" });
  });

  it("goes on when a call failed but SES took it all the same (a lost response), and says so", async () => {
    const world = fakeWorld();
    world.fail("PutEmailIdentityDkimSigningAttributes", { times: 1, apply: true });
    const result = await enableIn(world);
    expect(result).toMatchObject({ outcome: "completed", exitCode: ExitCode.ok, rollbackCommand: null });
    expect(result.warnings.map((warning) => warning.key)).toEqual(["change.failedButReached"]);
    expect(world.state()["current_phase"]).toBe("7");
  });

  it("exits 4 when the record cannot be written, and the next run records only, naming the earlier journal", async () => {
    const world = fakeWorld();
    world.before("PutEmailIdentityDkimSigningAttributes", () => world.fail("PutSecretValue"));
    const first = await enableIn(world);
    expect(first).toMatchObject({ outcome: "recordFailed", exitCode: ExitCode.awsFailureDuringChange, sesChange: "target" });
    expect(world.dkim.origin).toBe("EXTERNAL");
    world.before("PutEmailIdentityDkimSigningAttributes", () => {});

    const second = await enableIn(world);
    expect(second).toMatchObject({ outcome: "completed", exitCode: ExitCode.ok });
    expect(second.plan).toMatchObject({ recordOnly: true, earlierJournal: first.journalPath });
    expect(second.summary.key).toBe("change.summary.recordedEarlier");
    expect(world.mutations()).toEqual(["PutEmailIdentityDkimSigningAttributes"]);
    expect(world.state()).toMatchObject({ current_phase: "7", byodkim_snapshot: { origin: "AWS_SES" }, byodkim_last_run: { completes: first.journalPath } });
  });

  it("records only when SES is already switched but the state still says Phase-6", async () => {
    const world = fakeWorld({ dkim: { origin: "EXTERNAL", tokens: [SELECTOR] } });
    const result = await enableIn(world);
    expect(result).toMatchObject({ outcome: "completed", plan: { recordOnly: true, earlierJournal: null } });
    expect(world.mutations()).toEqual([]);
    expect(world.state()["current_phase"]).toBe("7");
    expect(world.state()["byodkim_snapshot"]).toBeUndefined();
  });

  it("has nothing to do when SES and the record both say it is done, and asks nothing", async () => {
    const world = fakeWorld({ dkim: { origin: "EXTERNAL", tokens: [SELECTOR] }, state: { current_phase: "7", selector: SELECTOR, byodkim_enabled: true } });
    const result = await enableIn(world, { yes: false });
    expect(result).toMatchObject({ outcome: "upToDate", exitCode: ExitCode.ok, journalPath: null });
    expect(world.calls.filter((name) => name.startsWith("Put"))).toEqual([]);
  });

  it("stops between calls on Ctrl-C, says what changed and exits 130", async () => {
    const world = fakeWorld({ dkim: { signingEnabled: false } });
    world.before("PutEmailIdentityDkimSigningAttributes", () => world.interrupt());
    const result = await enableIn(world);
    expect(result).toMatchObject({
      outcome: "interrupted",
      exitCode: ExitCode.interrupted,
      sesChange: "partial",
      rollbackCommand: `byodkim rollback ${DOMAIN}`,
    });
    expect(world.mutations()).toEqual(["PutEmailIdentityDkimSigningAttributes"]);
    expect(world.journalEvents(result.journalPath)).toContain("stopped");
  });
});

describe("rollback through the same pipeline", () => {
  it("restores the snapshot enable took and records Phase-6", async () => {
    const world = fakeWorld();
    await enableIn(world);
    const result = await rollbackIn(world);
    expect(result).toMatchObject({ outcome: "completed", exitCode: ExitCode.ok, plan: { target: { origin: "AWS_SES" } } });
    expect(world.dkim).toMatchObject({ origin: "AWS_SES", signingEnabled: true });
    expect(world.state()).toMatchObject({ current_phase: "6", rollback_target: "previous", byodkim_snapshot: { origin: "AWS_SES" } });
    noKeyIn(world);
  });

  it("has nothing to do the second time", async () => {
    const world = fakeWorld();
    await enableIn(world);
    expect((await rollbackIn(world, "disable")).outcome).toBe("completed");
    const again = await rollbackIn(world, "disable");
    expect(again).toMatchObject({ outcome: "upToDate", exitCode: ExitCode.ok });
    expect(world.mutations()).toEqual(["PutEmailIdentityDkimSigningAttributes", "PutEmailIdentityDkimAttributes"]);
  });

  it("goes ahead without the lock when S3 fails, and without the record when Secrets Manager fails, and says both", async () => {
    // SES signs with BYODKIM: with no record readable, that is what makes --to disable the incident's rollback.
    const world = fakeWorld({ dkim: { origin: "EXTERNAL", tokens: [SELECTOR] } });
    world.fail("GetSecretValue", { times: 100 });
    world.fail("GetObject", { times: 100 });
    const result = await rollbackIn(world, "disable");
    expect(result).toMatchObject({ outcome: "completed", exitCode: ExitCode.ok });
    expect(result.warnings.map((warning) => warning.key)).toEqual(expect.arrayContaining(["change.noLock", "change.stateNotRecorded"]));
    expect(world.dkim.signingEnabled).toBe(false);
  });

  it("says nothing changed when its only call fails", async () => {
    const world = fakeWorld();
    await enableIn(world);
    world.fail("PutEmailIdentityDkimAttributes");
    const result = await rollbackIn(world, "disable");
    expect(result).toMatchObject({ outcome: "failedDuringChange", sesChange: "none", rollbackCommand: null });
  });
});

describe("refusals read the same in every mutating command", () => {
  const commands: [string, (world: World, yes?: boolean) => Promise<ChangeResult>][] = [
    ["enable", (world, yes) => enableIn(world, { yes })],
    ["rollback", (world, yes) => rollbackIn(world, "disable", yes)],
  ];

  it.each(commands)("%s: a lock held by another run is outcome lockHeld, exit 1, before anything is asked", async (_name, run) => {
    const world = fakeWorld();
    world.setLock(JSON.stringify(otherRunsLock()));
    world.before("prompt", () => {
      throw new Error("asked to confirm a change the lock refuses");
    });
    const result = await run(world, false);
    expect(result).toMatchObject({ outcome: "lockHeld", exitCode: ExitCode.checkFailed, sesChange: null, rollbackCommand: null, journalPath: null });
    expect(result.error?.what).toMatchObject({ key: "lock.held", params: { host: "laptop", pid: "1", command: "enable" } });
    expect(world.mutations()).toEqual([]);
  });

  it.each(commands)("%s: a lock taken by another run while the operator sat at the prompt is lockHeld too", async (_name, run) => {
    const world = fakeWorld();
    world.answer(DOMAIN);
    world.before("prompt", () => world.setLock(JSON.stringify(otherRunsLock())));
    const result = await run(world, false);
    expect(result).toMatchObject({ outcome: "lockHeld", exitCode: ExitCode.checkFailed });
    expect(world.mutations()).toEqual([]);
  });

  it.each(commands)("%s: credentials that cannot be checked are a failed gate, exit 1", async (_name, run) => {
    const world = fakeWorld();
    world.fail("GetCallerIdentity", { times: 10 });
    const result = await run(world);
    expect(result).toMatchObject({ outcome: "gatesFailed", exitCode: ExitCode.checkFailed });
    expect(result.gates[0]).toMatchObject({ id: "identity", status: "fail" });
    expect(world.mutations()).toEqual([]);
  });

  it.each(commands)("%s: anything but the domain at the prompt is outcome declined, exit 3, nothing changed", async (_name, run) => {
    const world = fakeWorld();
    world.answer("yes");
    const result = await run(world, false);
    expect(result).toMatchObject({ outcome: "declined", exitCode: ExitCode.declined, sesChange: null });
    expect(world.mutations()).toEqual([]);
  });
});

describe("enable starts the key's history", () => {
  it("records its selector as the active key, with its size and fingerprint, as rotate would", async () => {
    const world = fakeWorld();
    const result = await enableIn(world);
    expect(result.outcome).toBe("completed");
    expect(world.state()["byodkim_keys"]).toEqual({
      [SELECTOR]: { status: "active", active_since: expect.any(String), bits: 2048, fingerprint: expect.stringMatching(/^SHA256:/) },
    });
  });
});

describe("the throttle journal line belongs to its run only", () => {
  it("stops listening for throttled retries when a run throws at the prompt", async () => {
    const { createThrottleFeed } = await import("../../src/aws/throttleObserver.js");
    const world = fakeWorld();
    const feed = createThrottleFeed();
    const listening: string[] = [];
    const throttling = {
      listen: (listener: Parameters<typeof feed.listen>[0]) => {
        listening.push("on");
        const stop = feed.listen(listener);
        return () => {
          listening.push("off");
          stop();
        };
      },
    };
    // A prompt that breaks (not a declined answer): the run throws.
    world.before("prompt", () => {
      throw new Error("the terminal went away");
    });
    const ctx = { ...world.ctx, aws: { ...world.ctx.aws, throttling } };
    await expect(enable(ctx, { domain: DOMAIN, selector: undefined, yes: false, dryRun: false, waitSeconds: 60, forceUnlock: false })).rejects.toThrow();
    expect(listening).toEqual(["on", "off"]);
  });
});
