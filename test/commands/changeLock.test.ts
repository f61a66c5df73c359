import { describe, expect, it } from "vitest";
import { enable } from "../../src/commands/enable.js";
import { rollback } from "../../src/commands/rollback.js";
import type { ChangeResult } from "../../src/engine/change/changeTypes.js";
import { ExitCode } from "../../src/errors.js";
import { createTranslator } from "../../src/messages/catalogue.js";
import { changeJson, renderChangeText } from "../../src/ui/renderChange.js";
import { plainOutput } from "../support/plainOutput.js";
import { DOMAIN, fakeWorld as newWorld } from "../support/fakeWorld.js";
import { generateTestKey } from "../support/keys.js";

type World = ReturnType<typeof newWorld>;
const key = generateTestKey(2048);
const fakeWorld = () => newWorld({ key });
const enableIn = (world: World, forceUnlock = false) =>
  enable(world.ctx, { domain: DOMAIN, selector: undefined, yes: true, dryRun: false, waitSeconds: 60, forceUnlock });
const rollbackIn = (world: World, forceUnlock: boolean) =>
  rollback(world.ctx, { domain: DOMAIN, to: "disable", yes: true, dryRun: false, reason: "incident", forceUnlock });

function noKeyIn(world: World) {
  const everything = world.everything();
  expect(world.key.canaries.filter((canary) => everything.includes(canary))).toEqual([]);
}

/** Runs `during` once, at enable's first SES read after its Step 22: while it waits for SUCCESS. */
function duringTheWait(world: World, during: () => Promise<unknown>) {
  let done = false;
  world.before("GetEmailIdentity", async () => {
    if (done || world.mutations().length === 0) return;
    done = true;
    await during();
  });
}

const liveLock = {
  runId: "other",
  owner: "arn:aws:sts::123456789012:assumed-role/MailOps/colleague",
  host: "laptop",
  pid: 4711,
  command: "enable",
  startedAt: "2026-11-25T09:59:00Z",
  expiresAt: "2026-11-25T11:00:00Z",
};

describe("a run that another run overtook records nothing (in process, fakes)", () => {
  it("enable says another run changed the identity, records nothing and exits 5 after `rollback --to disable --force-unlock` during its wait", async () => {
    const world = fakeWorld();
    let rolledBack: Awaited<ReturnType<typeof rollbackIn>> | undefined;
    duringTheWait(world, async () => {
      rolledBack = await rollbackIn(world, true);
    });
    const result = await enableIn(world);

    expect(rolledBack).toMatchObject({ outcome: "completed", exitCode: ExitCode.ok });
    expect(result).toMatchObject({ outcome: "changedByAnotherRun", exitCode: ExitCode.unconfirmed, ok: false, rollbackCommand: null, finishCommand: null });
    // The rollback took the lock over and released it: enable's lock is gone.
    expect(result.error?.what.key).toBe("lock.gone");
    expect(result.sesNow).toMatchObject({ origin: "EXTERNAL", signingEnabled: false });
    expect(world.state()).toMatchObject({ current_phase: "6", signing_enabled: false, rollback_target: "disable" });
    expect(world.state()["phase_7_completed_at"]).toBeUndefined();
    const events = world.journalEvents(result.journalPath);
    expect(events).toContain("changed-by-another-run");
    expect(events).not.toContain("state-recorded");
    expect(events.at(-1)).toBe("lock-not-ours");
    expect(createTranslator("en")(result.summary)).toBe("enable stopped: another run changed goo.ne.jp while this one was running. Nothing was recorded.");
    // What the operator reads: no undo or finish advice that would undo the rollback.
    const text = renderChangeText(plainOutput(), result);
    expect(text).toContain("this run recorded nothing: read SES and the state record");
    expect(text).not.toContain("BYODKIM is enabled");
    expect(text).not.toContain("To undo");
    expect(world.lock()).toBeNull();
    noKeyIn(world);
  });

  it("enable is caught by the SES check when a rollback went ahead without the lock (S3 and Secrets Manager failing)", async () => {
    const world = fakeWorld();
    const failing = ["GetObject", "PutObject", "GetSecretValue", "PutSecretValue"];
    let rolledBack: Awaited<ReturnType<typeof rollbackIn>> | undefined;
    duringTheWait(world, async () => {
      for (const operation of failing) world.fail(operation, { times: 100 });
      rolledBack = await rollbackIn(world, false);
      for (const operation of failing) world.fail(operation, { times: 0 });
    });
    const result = await enableIn(world);

    expect(rolledBack?.warnings.map((warning) => warning.key)).toEqual(expect.arrayContaining(["change.noLock", "change.stateNotRecorded"]));
    expect(result).toMatchObject({ outcome: "changedByAnotherRun", exitCode: ExitCode.unconfirmed, rollbackCommand: null });
    expect(result.error?.what).toMatchObject({ key: "change.anotherRun.ses", params: { origin: "EXTERNAL", signing: true } });
    expect(world.dkim.signingEnabled).toBe(false);
    expect(world.state()["current_phase"]).toBe("6");
    // Its own lock was still its own, and is released.
    expect(world.journalEvents(result.journalPath).at(-1)).toBe("lock-released");
    expect(world.lock()).toBeNull();
  });

  it("enable records nothing and exits 4 when it cannot read its lock back before recording", async () => {
    const world = fakeWorld();
    duringTheWait(world, async () => world.fail("GetObject", { times: 100 }));
    const result = await enableIn(world);
    expect(result).toMatchObject({ outcome: "recordFailed", exitCode: ExitCode.awsFailureDuringChange });
    expect(world.state()["current_phase"]).toBe("6");
  });
});

describe("a lock byodkim cannot read is held, and says why (in process, fakes)", () => {
  it.each([
    ["not JSON", "{ runId: other", "lock.unreadable.notJson"],
    ["JSON but not an object", '["other"]', "lock.unreadable.notObject"],
    ["an expiry that is not a date", JSON.stringify({ ...liveLock, expiresAt: "tomorrow" }), "lock.unreadable.badExpiry"],
    ["an expiry Date.parse would read as 2001", JSON.stringify({ ...liveLock, expiresAt: "1" }), "lock.unreadable.badExpiry"],
    ["an expiry that is a number", JSON.stringify({ ...liveLock, expiresAt: 1 }), "lock.unreadable.badExpiry"],
  ])("refuses a lock object that is %s: lockHeld, exit 1, nothing changed, the lock left alone", async (_what, text, reason) => {
    const world = fakeWorld();
    world.setLock(text);
    const result = await enableIn(world);
    expect(result).toMatchObject({ outcome: "lockHeld", exitCode: ExitCode.checkFailed });
    expect(result.error?.what.key).toBe(reason);
    expect(result.error?.hint?.key).toBe("lock.held.hint");
    expect(world.mutations()).toEqual([]);
    expect(world.calls).not.toContain("PutObject");
  });

  it("names the holder's host and pid when the expiry is unreadable, in English and Japanese", async () => {
    const world = fakeWorld();
    world.setLock(JSON.stringify({ ...liveLock, expiresAt: "tomorrow" }));
    const { error } = await enableIn(world);
    expect(createTranslator("en")(error!.what)).toContain("enable on laptop, pid 4711");
    expect(createTranslator("ja")(error!.what)).toContain("laptop、pid 4711");
  });

  it("names the holder's host and pid when another run holds the lock, in English and Japanese", async () => {
    const world = fakeWorld();
    world.setLock(JSON.stringify(liveLock));
    const { error } = await enableIn(world);
    expect(createTranslator("en")(error!.what)).toContain("on laptop (pid 4711)");
    expect(createTranslator("ja")(error!.what)).toContain("laptop（pid 4711）");
  });

  it("takes an unreadable lock over with --force-unlock, and completes", async () => {
    const world = fakeWorld();
    world.setLock("garbage");
    const result = await enableIn(world, true);
    expect(result).toMatchObject({ outcome: "completed", exitCode: ExitCode.ok });
    expect(world.state()["current_phase"]).toBe("7");
    expect(world.lock()).toBeNull();
  });

  it("takes over a lock whose run is past its expiry without --force-unlock", async () => {
    const world = fakeWorld();
    world.setLock(JSON.stringify({ ...liveLock, expiresAt: "2026-11-25T09:30:00Z" }));
    const result = await enableIn(world);
    expect(result).toMatchObject({ outcome: "completed", exitCode: ExitCode.ok });
  });
});

describe("what an overtaken or refused change says (in process, fakes, through the renderers)", () => {
  const out = plainOutput();
  const document = (result: ChangeResult) =>
    changeJson(out, result) as {
      outcome: string;
      rollbackCommand: string | null;
      finishCommand: string | null;
      sesNow: { origin: string } | null;
      error: { code: string; message: string; hint: string | null } | null;
    };

  it("an enable waiting when a rollback without the lock (S3 failing) moves SES back to Easy DKIM stops at once: changedByAnotherRun, exit 5", async () => {
    const world = fakeWorld();
    let rollbackPut = -1;
    duringTheWait(world, async () => {
      // S3 fails from here on, for the rollback and the enable alike.
      world.fail("GetObject", { times: 1_000 });
      const rolledBack = await rollback(world.ctx, { domain: DOMAIN, to: "previous", yes: true, dryRun: false, reason: "incident", forceUnlock: false });
      expect(rolledBack.exitCode).toBe(ExitCode.ok);
      rollbackPut = world.calls.lastIndexOf("PutEmailIdentityDkimSigningAttributes");
    });
    const result = await enableIn(world);
    expect(result.exitCode).toBe(ExitCode.unconfirmed);
    expect(document(result)).toMatchObject({
      outcome: "changedByAnotherRun",
      rollbackCommand: null,
      finishCommand: null,
      error: { code: "change.anotherRun.ses" },
      sesNow: { origin: "AWS_SES" },
    });
    // Polls after the rollback's last change: its own proof, and at most one of the enable's, which stopped there.
    expect(rollbackPut).toBeGreaterThan(0);
    expect(world.calls.slice(rollbackPut + 1).filter((call) => call === "GetEmailIdentity").length).toBeLessThanOrEqual(2);
    expect(world.dkim).toMatchObject({ origin: "AWS_SES" });
    expect(world.state()).toMatchObject({ current_phase: "6", rollback_target: "previous" });
  });

  it("refuses a lock object it cannot read, saying why, and takes it over with --force-unlock", async () => {
    const world = fakeWorld();
    world.setLock(JSON.stringify({ runId: "x", host: "ops-laptop", pid: 31337, command: "enable", expiresAt: "next week" }));
    const refused = await enableIn(world);
    expect(refused.exitCode).toBe(ExitCode.checkFailed);
    const said = document(refused);
    expect(said).toMatchObject({ outcome: "lockHeld", error: { code: "lock.unreadable.badExpiry" } });
    expect(said.error?.message).toContain("(enable on ops-laptop, pid 31337) has an expiry that is not a date (next week)");
    expect(said.error?.hint).toContain("--force-unlock");
    expect(world.mutations()).toEqual([]);

    const forced = await enableIn(world, true);
    expect(forced.exitCode).toBe(ExitCode.ok);
    expect(world.state()["current_phase"]).toBe("7");
    expect(world.lock()).toBeNull();
  });
});
