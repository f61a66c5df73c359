import { describe, expect, it } from "vitest";
import { enable } from "../../src/commands/enable.js";
import { ExitCode } from "../../src/errors.js";
import { createTranslator } from "../../src/messages/catalogue.js";
import { DOMAIN, fakeWorld as newWorld } from "../support/fakeWorld.js";
import { generateTestKey } from "../support/keys.js";

type World = ReturnType<typeof newWorld>;
const key = generateTestKey(2048);
const fakeWorld = () => newWorld({ key });
const enableIn = (world: World, forceUnlock = false) =>
  enable(world.ctx, { domain: DOMAIN, selector: undefined, yes: true, dryRun: false, waitSeconds: 60, forceUnlock });
const liveLock = {
  runId: "other",
  owner: "arn:aws:sts::123456789012:assumed-role/MailOps/colleague",
  host: "laptop",
  pid: 4711,
  command: "enable",
  startedAt: "2026-11-25T09:59:00Z",
  expiresAt: "2026-11-25T11:00:00Z",
};

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
    expect(createTranslator("ja")(error!.what)).toContain("laptop、pid 4711");
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
