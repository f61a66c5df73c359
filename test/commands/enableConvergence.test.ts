import { describe, expect, it } from "vitest";
import { enable } from "../../src/commands/enable.js";
import { rollback } from "../../src/commands/rollback.js";
import { verify } from "../../src/commands/verify.js";
import type { ChangeResult } from "../../src/engine/change/changeTypes.js";
import { ExitCode } from "../../src/errors.js";
import { changeJson, renderChangeText, renderPlan } from "../../src/ui/renderChange.js";
import { DOMAIN, fakeWorld as newWorld, SELECTOR } from "../support/fakeWorld.js";
import { generateTestKey } from "../support/keys.js";
import { keyFree, plainOutput } from "../support/plainOutput.js";

type World = ReturnType<typeof newWorld>;
const key = generateTestKey(2048);
const fakeWorld = (options: Parameters<typeof newWorld>[0] = {}) => newWorld({ key, ...options });
const enableIn = (world: World, yes = true) =>
  enable(world.ctx, { domain: DOMAIN, selector: undefined, yes, dryRun: false, waitSeconds: 60, forceUnlock: false });
const STEP_22 = "PutEmailIdentityDkimSigningAttributes";
const STEP_23 = "PutEmailIdentityDkimAttributes";
const out = plainOutput();
const json = (result: ChangeResult) => {
  const document = changeJson(plainOutput("en", true), result);
  keyFree(JSON.stringify(document), key.canaries);
  return document;
};
const text = (result: ChangeResult) => keyFree(renderChangeText(out, result), key.canaries);
const plan = (result: ChangeResult) => keyFree(renderPlan(out, result.plan!), key.canaries);

describe("enable converges and tells the truth after a partial failure (in process, fakes)", () => {
  it("finishes a half-done enable: after a Step-23 failure a second run records Phase-7, and verify passes", async () => {
    const world = fakeWorld({ dkim: { signingEnabled: false } });
    world.fail(STEP_23, { times: 1 });
    expect((await enableIn(world)).exitCode).toBe(ExitCode.awsFailureDuringChange);
    expect(world.state()["current_phase"]).toBe("6");

    const second = await enableIn(world);
    expect(second.exitCode).toBe(ExitCode.ok);
    const document = json(second);
    expect(document).toMatchObject({ outcome: "completed", plan: { recordOnly: false } });
    expect(document["calls"]).toEqual([
      { name: STEP_22, requestId: null, outcome: "skipped" },
      { name: STEP_23, requestId: expect.any(String), outcome: "ok" },
    ]);
    // Step 23 twice: denied, then made; Step 22 once.
    expect(world.mutations()).toEqual([STEP_22, STEP_23, STEP_23]);
    expect(world.state()).toMatchObject({ current_phase: "7", signing_enabled: true, byodkim_snapshot: { origin: "AWS_SES", signingEnabled: false } });
    const verified = await verify(world.ctx, { domain: DOMAIN, selector: undefined, waitSeconds: 0, sendTest: undefined, eml: undefined });
    expect(verified.ok).toBe(true);
  });

  it("reports success with a warning when SES applied a call whose response was lost", async () => {
    const world = fakeWorld({ dkim: { signingEnabled: false } });
    world.fail(STEP_23, { times: 1, apply: true });
    const result = await enableIn(world);
    expect(result.exitCode).toBe(ExitCode.ok);
    const document = json(result) as { warnings: { code: string }[] };
    expect(document).toMatchObject({
      outcome: "completed",
      rollbackCommand: null,
      calls: [
        { name: STEP_22, outcome: "ok" },
        { name: STEP_23, outcome: "failed" },
      ],
    });
    expect(document.warnings.map((warning) => warning.code)).toEqual(["change.failedButReached"]);
    expect(world.state()["current_phase"]).toBe("7");
  });

  it("records only, naming the earlier journal, when SES is switched but the record could not be written", async () => {
    const world = fakeWorld();
    // The snapshot is written before the call, the record after it: the record's write fails once.
    world.before(STEP_22, () => world.fail("PutSecretValue"));
    const first = await enableIn(world);
    expect(first.exitCode).toBe(ExitCode.awsFailureDuringChange);
    const firstText = text(first);
    expect(firstText).toContain(`the state record could not be written. To record it, run: byodkim enable ${DOMAIN}`);
    expect(firstText).not.toContain("To undo");
    expect(world.state()).toMatchObject({ current_phase: "6" });
    expect(world.lock()).toBeNull();
    world.before(STEP_22, () => {});

    const second = await enableIn(world);
    expect(second.exitCode).toBe(ExitCode.ok);
    expect(plan(second)).toMatch(/only the state record will be written, completing the earlier run in \S+-goo\.ne\.jp-enable-\S+\.jsonl/);
    expect(text(second)).toContain("SES already had the target settings: enable recorded them, completing the earlier run in");
    expect(world.mutations()).toEqual([STEP_22]);
    expect(world.state()).toMatchObject({ current_phase: "7", byodkim_snapshot: { origin: "AWS_SES" } });
    const verified = await verify(world.ctx, { domain: DOMAIN, selector: undefined, waitSeconds: 0, sendTest: undefined, eml: undefined });
    expect(verified.ok).toBe(true);
  });

  it("has nothing to do once SES and the record agree, and rollback converges the same way", async () => {
    const world = fakeWorld({
      dkim: { origin: "EXTERNAL", tokens: [SELECTOR], signingHostedZone: undefined },
      state: { current_phase: "7", selector: SELECTOR, byodkim_enabled: true },
    });
    const again = await enableIn(world, false);
    expect(json(again)).toMatchObject({ outcome: "upToDate", journal: null });
    const rollbackIn = () => rollback(world.ctx, { domain: DOMAIN, to: "disable", yes: true, dryRun: false, reason: "test", forceUnlock: false });
    expect((await rollbackIn()).exitCode).toBe(ExitCode.ok);
    const twice = await rollbackIn();
    expect(json(twice)).toMatchObject({ outcome: "upToDate", calls: [] });
    expect(world.mutations()).toEqual([STEP_23]);
  });
});
