import { describe, expect, it } from "vitest";
import { enable } from "../../src/commands/enable.js";
import { precheck } from "../../src/commands/precheck.js";
import { rollback } from "../../src/commands/rollback.js";
import { verify } from "../../src/commands/verify.js";
import { DOMAIN, fakeWorld as newWorld } from "../support/fakeWorld.js";
import { generateTestKey } from "../support/keys.js";

const key = generateTestKey(2048);
const fakeWorld = () => newWorld({ key });
type World = ReturnType<typeof fakeWorld>;
const enableIn = (world: World) => enable(world.ctx, { domain: DOMAIN, selector: undefined, yes: true, dryRun: false, waitSeconds: 60, forceUnlock: false });
const permissionsGate = (gates: readonly { id: string }[]) =>
  gates.find((gate) => gate.id === "permissions") as { status: string; detail: { key: string; params?: Record<string, unknown> } } | undefined;

describe("the permissions gate before a change", () => {
  it("refuses enable before any mutating call when the role lacks one action, naming it", async () => {
    const world = fakeWorld();
    world.deny("ses:PutEmailIdentityDkimAttributes");
    const result = await enableIn(world);
    expect(result.outcome).toBe("gatesFailed");
    expect(world.mutations()).toEqual([]);
    expect(permissionsGate(result.gates)).toMatchObject({ status: "fail", detail: { params: { actions: "ses:PutEmailIdentityDkimAttributes" } } });
  });

  it("simulates the role from GetRole, with its path, not the session", async () => {
    const world = fakeWorld();
    const result = await precheck(world.ctx, { domain: DOMAIN, selector: undefined });
    expect(permissionsGate(result.gates)).toMatchObject({ status: "pass", detail: { params: { principal: "arn:aws:iam::123456789012:role/MailOps" } } });
  });

  it("warns and lets precheck pass when the simulation itself is refused", async () => {
    const world = fakeWorld();
    world.fail("SimulatePrincipalPolicy");
    const result = await precheck(world.ctx, { domain: DOMAIN, selector: undefined });
    expect(result.ok).toBe(true);
    expect(permissionsGate(result.gates)).toMatchObject({ status: "warn", detail: { key: "gate.permissions.notChecked" } });
  });

  it("lets rollback go ahead with a warning: the incident path is not blocked by a simulation", async () => {
    const world = fakeWorld();
    await enableIn(world);
    world.deny("secretsmanager:PutSecretValue");
    const result = await rollback(world.ctx, { domain: DOMAIN, to: "disable", yes: true, dryRun: false, reason: "test", forceUnlock: false });
    expect(result.outcome).toBe("completed");
    expect(permissionsGate(result.gates)).toMatchObject({ status: "warn", detail: { key: "gate.permissions.deniedWarning" } });
  });

  it("does not hold rollback for an IAM slower than its reads: the plan says the check came too late", async () => {
    const world = fakeWorld();
    await enableIn(world);
    // IAM answers only once the rollback is over: later than any grace, whatever the machine's load.
    let answerIam = () => {};
    world.before("SimulatePrincipalPolicy", () => new Promise<void>((resolve) => (answerIam = resolve)));
    const result = await rollback(world.ctx, { domain: DOMAIN, to: "disable", yes: true, dryRun: false, reason: "test", forceUnlock: false }).finally(() =>
      answerIam(),
    );
    expect(world.calls).toContain("SimulatePrincipalPolicy");
    expect(result.outcome).toBe("completed");
    expect(permissionsGate(result.gates)).toMatchObject({ status: "warn", detail: { key: "gate.permissions.notChecked" } });
    expect(JSON.stringify(permissionsGate(result.gates))).toContain("gate.permissions.late");
  });

  it("does not send verify's test message when the role may not send it", async () => {
    const world = fakeWorld();
    await enableIn(world);
    world.deny("ses:SendEmail");
    const result = await verify(world.ctx, { domain: DOMAIN, selector: undefined, waitSeconds: 0, sendTest: "postmaster@example.org", eml: undefined });
    expect(world.calls).not.toContain("SendEmail");
    expect(result.gates.find((gate) => gate.id === "sendTest")).toMatchObject({ status: "fail", detail: { key: "gate.permissions.notSent" } });
  });
});
