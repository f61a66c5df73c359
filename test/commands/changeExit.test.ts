import { describe, expect, it } from "vitest";
import { CHANGE_EXIT } from "../../src/engine/change/changeSpec.js";
import { enable } from "../../src/commands/enable.js";
import { ExitCode, byodkimError } from "../../src/errors.js";
import { DOMAIN, fakeWorld as newWorld } from "../support/fakeWorld.js";
import { generateTestKey } from "../support/keys.js";

type World = ReturnType<typeof newWorld>;
const key = generateTestKey(2048);
const fakeWorld = () => newWorld({ key });
const enableIn = (world: World, yes = true) =>
  enable(world.ctx, { domain: DOMAIN, selector: undefined, yes, dryRun: false, waitSeconds: 60, forceUnlock: false });

/** Once SES has been switched, every read of it shows `status`. */
const afterTheSwitch = (world: World, status: "FAILED" | "PENDING") =>
  world.before("GetEmailIdentity", () => {
    if (world.mutations().length > 0) world.dkim.status = status;
  });

describe('exit codes keep their promise (README "Exit codes")', () => {
  it("keeps exit 1 for outcomes in which nothing changed", () => {
    const exit1 = Object.entries(CHANGE_EXIT).filter(([, code]) => code === ExitCode.checkFailed);
    expect(exit1.map(([outcome]) => outcome).sort()).toEqual(["gatesFailed", "lockHeld", "recheckFailed"]);
  });

  it("exits 5, not 1, when SES reports FAILED after the switch: SES is changed, the result unconfirmed", async () => {
    const world = fakeWorld();
    afterTheSwitch(world, "FAILED");
    const result = await enableIn(world);
    expect(result).toMatchObject({ outcome: "verificationFailed", exitCode: ExitCode.unconfirmed, rollbackCommand: `byodkim rollback ${DOMAIN}` });
    expect(ExitCode.unconfirmed).toBe(5);
    expect(world.mutations()).toEqual(["PutEmailIdentityDkimSigningAttributes"]);
  });

  it("exits 5, not 1, when the wait runs out with SES still PENDING", async () => {
    const world = fakeWorld();
    afterTheSwitch(world, "PENDING");
    const result = await enableIn(world);
    expect(result).toMatchObject({ outcome: "timedOut", exitCode: ExitCode.unconfirmed, rollbackCommand: `byodkim rollback ${DOMAIN}` });
  });

  it("reads a closed stdin at the confirmation as declined (exit 3), journaled to its end", async () => {
    const world = fakeWorld();
    world.before("prompt", () => {
      throw byodkimError("declined", "confirm.noAnswer");
    });
    const result = await enableIn(world, false);
    expect(result).toMatchObject({ outcome: "declined", exitCode: ExitCode.declined, sesChange: null });
    expect(result.error?.what.key).toBe("confirm.noAnswer");
    expect(world.journalEvents(result.journalPath).at(-1)).toBe("ended");
    expect(world.mutations()).toEqual([]);
  });
});
