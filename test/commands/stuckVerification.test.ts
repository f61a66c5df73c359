import { describe, expect, it } from "vitest";
import { enable } from "../../src/commands/enable.js";
import { keygen } from "../../src/commands/keygen.js";
import { rollback } from "../../src/commands/rollback.js";
import { rotate } from "../../src/commands/rotate.js";
import type { ChangeResult } from "../../src/engine/change/changeTypes.js";
import { ExitCode } from "../../src/errors.js";
import { renderChangeText, renderPlan } from "../../src/ui/renderChange.js";
import { DOMAIN, fakeWorld as newWorld, SELECTOR } from "../support/fakeWorld.js";
import { generateTestKey } from "../support/keys.js";
import { keyFree, plainOutput } from "../support/plainOutput.js";
import { keyCanaries } from "../support/sandboxKey.js";
import { printedCommand } from "../support/printedCommand.js";

type World = ReturnType<typeof newWorld>;
const key = generateTestKey(2048);
const fakeWorld = (options: Parameters<typeof newWorld>[0] = {}) => newWorld({ key, ...options });
const STEP_22 = "PutEmailIdentityDkimSigningAttributes";
const TXT_NAME = `${SELECTOR}._domainkey.${DOMAIN}`;
const PHASE_7 = { current_phase: "7", selector: SELECTOR, byodkim_enabled: true, phase_7_completed_at: "2026-10-25T00:00:00.000Z" };
/** An identity byodkim switched to BYODKIM with SELECTOR at Phase-7 (the sandbox's already-enabled). */
const byodkimWorld = () => fakeWorld({ dkim: { origin: "EXTERNAL", tokens: [SELECTOR], signingHostedZone: undefined }, state: PHASE_7 });
const enableIn = (world: World, overrides: { selector?: string; yes?: boolean } = {}) =>
  enable(world.ctx, { domain: DOMAIN, selector: overrides.selector, yes: overrides.yes ?? true, dryRun: false, waitSeconds: 60, forceUnlock: false });
/** Runs of every private key a test made (the fake's, keygen's): none may be in what the operator reads. */
const canaries: string[] = [...key.canaries];
/** What the operator reads on stdout: the plan, then the result. */
const printed = (result: ChangeResult) =>
  keyFree(`${result.plan ? renderPlan(plainOutput(), result.plan) : ""}${renderChangeText(plainOutput(), result)}`, canaries);
const typedRollback = (world: World) => {
  world.answer(DOMAIN);
  return rollback(world.ctx, { domain: DOMAIN, to: undefined, yes: false, dryRun: false, reason: "test", forceUnlock: false });
};
const ago = (world: World, ms: number) => new Date(world.ctx.clock.now().getTime() - ms).toISOString();

/** The record leaves every nameserver once byodkim puts the key, and SES gives up on it; `republish` puts the record back. */
function withdrawnAtThePut(world: World) {
  let failing = false;
  world.before(STEP_22, () => {
    if (failing) return;
    failing = true;
    world.answerAt(TXT_NAME, [{ server: { label: "ns1", role: "configured" }, answer: { kind: "nxdomain" } }]);
  });
  world.before("GetEmailIdentity", () => {
    if (failing) world.dkim.status = "FAILED";
  });
  return {
    republish: () => {
      world.before(STEP_22, () => {});
      world.before("GetEmailIdentity", () => {});
      world.answerAt(TXT_NAME, null);
    },
  };
}

describe("a FAILED verification has a way forward (in process, fakes)", () => {
  it("enable's finish command pins its selector: a newer key uploaded and published since is not switched to", async () => {
    const world = fakeWorld();
    const dns = withdrawnAtThePut(world);
    const failed = await enableIn(world);
    expect(failed.exitCode).toBe(ExitCode.unconfirmed);
    const finish = printedCommand(printed(failed), "finish it:");
    expect(finish).toEqual(["enable", DOMAIN, "--selector", SELECTOR]);
    world.uploadKey("gooid-21-pro-20991231-1");
    dns.republish();
    world.answer(DOMAIN);
    const finished = await enableIn(world, { selector: finish[3], yes: false });
    expect(finished.exitCode).toBe(ExitCode.ok);
    expect(world.dkim).toMatchObject({ origin: "EXTERNAL", status: "SUCCESS", tokens: [SELECTOR] });
    expect(world.state()).toMatchObject({ current_phase: "7", selector: SELECTOR });
  });

  it("refuses to restart while the record is still missing: the DNS gate fails, no SES call", async () => {
    const world = fakeWorld();
    withdrawnAtThePut(world);
    const failed = await enableIn(world);
    expect(failed.exitCode).toBe(ExitCode.unconfirmed);
    const finish = printedCommand(printed(failed), "finish it:");
    const again = await enableIn(world, { selector: finish[3] });
    expect(again).toMatchObject({ outcome: "gatesFailed", exitCode: ExitCode.checkFailed });
    expect(again.gates.find((gate) => gate.id === "dns")).toMatchObject({ status: "fail" });
    expect(world.mutations()).toHaveLength(1);
  });

  it("converges on a recorded enable whose verification later FAILED: not up to date, the key is put again", async () => {
    const world = byodkimWorld();
    world.dkim.status = "FAILED";
    const result = await enableIn(world);
    expect(result).toMatchObject({ outcome: "completed", exitCode: ExitCode.ok, plan: { recordOnly: false } });
    expect(world.mutations()).toEqual([STEP_22]);
    expect(world.dkim.status).toBe("SUCCESS");
  });

  it("restarts a TEMPORARY_FAILURE that has lasted an hour, and waits on a fresh one (SES still retries it)", async () => {
    const world = byodkimWorld();
    Object.assign(world.dkim, { status: "TEMPORARY_FAILURE", lastKeyGenerationTimestamp: ago(world, 600_000) });
    const fresh = await enableIn(world);
    expect(fresh.exitCode).toBe(ExitCode.checkFailed);
    expect(fresh.gates.find((gate) => gate.id === "ses")).toMatchObject({ status: "fail", detail: { key: "gate.ses.dkimNotSuccess" } });
    expect(world.mutations()).toEqual([]);

    world.dkim.lastKeyGenerationTimestamp = ago(world, 7_200_000);
    const lasted = await enableIn(world);
    expect(lasted.exitCode).toBe(ExitCode.ok);
    expect(lasted.gates.find((gate) => gate.id === "ses")).toMatchObject({ status: "pass", detail: { key: "gate.ses.restartVerification" } });
    expect(world.mutations()).toEqual([STEP_22]);
    expect(world.dkim.status).toBe("SUCCESS");
  });

  it("a restarted enable keeps the snapshot of the run that switched: the rollback its plan names goes back to Easy DKIM", async () => {
    const world = fakeWorld();
    expect((await enableIn(world)).exitCode).toBe(ExitCode.ok);
    world.dkim.status = "FAILED";
    const restarted = await enableIn(world);
    expect(restarted.exitCode).toBe(ExitCode.ok);
    expect(world.mutations()).toEqual([STEP_22, STEP_22]);
    const text = printed(restarted);
    expect(text).toContain("Easy DKIM again, with three new tokens");
    expect(text).not.toContain(`the earlier selector ${SELECTOR}`);
    expect(printedCommand(text, "byodkim rollback")).toEqual(["rollback", DOMAIN]);

    const rolledBack = await typedRollback(world);
    expect(rolledBack.exitCode).toBe(ExitCode.ok);
    expect(printed(rolledBack)).not.toContain("SES already had the target settings");
    expect(world.dkim.origin).toMatch(/^AWS_SES/);
  });

  it("a restarted rotation keeps the earlier selector: its plan says where SES moved from, and the rollback it names goes back to it", async () => {
    const world = byodkimWorld();
    const made = await keygen(world.ctx, { domain: DOMAIN, selector: undefined, bits: 2048, yes: true, dryRun: false, outDir: undefined });
    world.publishAt(made.handoff!);
    const NEW = made.selector!;
    const pem = await world.ctx.aws.keys.fetchPrivateKeyPem(world.ctx.config.keys.bucket, world.keyObjects()[0]!);
    canaries.push(...keyCanaries(pem!.revealPem()).filter((canary) => canary.length >= 40));
    const rotateIn = (to: string | undefined) => rotate(world.ctx, { domain: DOMAIN, to, yes: true, dryRun: false, waitSeconds: 60, forceUnlock: false });
    expect((await rotateIn(undefined)).exitCode).toBe(ExitCode.ok);
    world.dkim.status = "FAILED";
    const restarted = await rotateIn(NEW);
    expect(restarted.exitCode).toBe(ExitCode.ok);
    const text = printed(restarted);
    expect(text).not.toContain("RSA 0-bit");
    expect(text).toContain(`selector ${SELECTOR}: an earlier run already moved SES from it to ${NEW}`);
    expect(text).toContain(`BYODKIM with the earlier selector ${SELECTOR} again`);
    expect(world.state()).toMatchObject({ selector: NEW, previous_selector: SELECTOR });
    expect(printedCommand(text, "byodkim rollback")).toEqual(["rollback", DOMAIN]);

    const rolledBack = await typedRollback(world);
    expect(rolledBack.exitCode).toBe(ExitCode.ok);
    expect(world.dkim).toMatchObject({ origin: "EXTERNAL", tokens: [SELECTOR] });
    expect(world.state()).toMatchObject({ selector: SELECTOR });
  });
});
