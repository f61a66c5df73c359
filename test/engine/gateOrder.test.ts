import { describe, expect, it, vi } from "vitest";
import { runGates } from "../../src/engine/gateRunner.js";
import { DOMAIN, fakeWorld } from "../support/fakeWorld.js";

/** A precheck whose STS answer is held until `release`, recording what happened while it was held. */
function heldIdentity() {
  const world = fakeWorld();
  const prepared: number[] = [];
  let release!: () => void;
  const answered = new Promise<void>((resolve) => (release = resolve));
  let callsWhileHeld: string[] = [];
  world.before("GetCallerIdentity", async () => {
    await answered;
    callsWhileHeld = world.calls.filter((name) => name !== "GetCallerIdentity");
  });
  const ctx = { ...world.ctx, aws: { ...world.ctx.aws, prepare: () => void prepared.push(world.calls.length) } };
  return { world, ctx, prepared, release, callsWhileHeld: () => callsWhileHeld };
}

describe("precheck's identity gate and the reads behind it", () => {
  it("builds the other clients while STS answers, and asks nothing else until it has", async () => {
    const held = heldIdentity();
    const run = runGates(held.ctx, { domain: DOMAIN, selector: undefined });
    // STS is in flight, the clients are being built, and no other request has gone out.
    await vi.waitFor(() => expect(held.prepared).toEqual([1]), { timeout: 20_000 });
    expect(held.world.calls).toEqual(["GetCallerIdentity"]);
    held.release();
    const result = await run;
    expect(held.callsWhileHeld()).toEqual([]);
    expect(result.ok).toBe(true);
    // Once the gate passed, every read went out, none of them waiting for another it does not need.
    expect(new Set(held.world.calls)).toEqual(
      new Set([
        "GetCallerIdentity",
        "GetRole",
        "SimulatePrincipalPolicy",
        "GetEmailIdentity",
        "DescribeAlarms",
        "GetSecretValue",
        "ListObjectsV2",
        "GetObject",
      ]),
    );
  });

  it("asks nothing else when the identity gate fails, though the clients were built", async () => {
    const held = heldIdentity();
    held.world.fail("GetCallerIdentity");
    const run = runGates(held.ctx, { domain: DOMAIN, selector: undefined });
    held.release();
    const result = await run;
    expect(result.gates[0]).toMatchObject({ id: "identity", status: "fail" });
    expect(held.prepared).toHaveLength(1);
    expect(held.world.calls).toEqual(["GetCallerIdentity"]);
  });
});
