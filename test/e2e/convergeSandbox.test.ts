import { describe, expect, it } from "vitest";
import { rehearsal } from "../support/rehearsal.js";

const STEP_22 = "PutEmailIdentityDkimSigningAttributes";
const STEP_23 = "PutEmailIdentityDkimAttributes";

describe("enable converges and tells the truth after a partial failure (spawned, against the sandbox)", () => {
  it("finishes a half-done enable: after a Step-23 failure a second run records Phase-7, and verify passes", async () => {
    const r = await rehearsal({ scenario: "signing-off", faults: [[STEP_23, { kind: "access-denied", remaining: 1 }]] });
    const first = await r.byodkim(["enable", "--yes"]);
    expect(first.code, first.stdout + first.stderr).toBe(4);
    expect(first.stdout).toContain("The change failed part-way: SES is partly changed.");
    expect(first.stdout).toContain("To undo: byodkim rollback goo.ne.jp");
    expect(r.identity().dkim).toMatchObject({ origin: "EXTERNAL", signingEnabled: false });
    expect(r.state()["current_phase"]).toBe("6");

    const second = await r.byodkim(["enable", "--yes", "--json"]);
    expect(second.code, second.stdout + second.stderr).toBe(0);
    const document = JSON.parse(second.stdout);
    expect(document).toMatchObject({ outcome: "completed", plan: { recordOnly: false } });
    expect(document.calls).toEqual([
      { name: STEP_22, requestId: null, outcome: "skipped" },
      { name: STEP_23, requestId: expect.any(String), outcome: "ok" },
    ]);
    expect(r.sesMutations()).toEqual([`${STEP_22}:200`, `${STEP_23}:403`, `${STEP_23}:200`]);
    expect(r.state()).toMatchObject({ current_phase: "7", signing_enabled: true, byodkim_snapshot: { origin: "AWS_SES", signingEnabled: false } });

    const verified = await r.byodkim(["verify"]);
    expect(verified.code, verified.stdout).toBe(0);
  });

  it("says nothing changed, and gives no rollback advice, when the first call is throttled until the retries run out", async () => {
    // The SDK makes four attempts; the fault outlasts them, then clears.
    const r = await rehearsal({ faults: [[STEP_22, { kind: "throttle", remaining: 4 }]] });
    const before = r.identity().dkim.tokens;
    const result = await r.byodkim(["enable", "--yes"]);
    expect(result.code, result.stdout + result.stderr).toBe(4);
    expect(result.stdout).toContain("The change failed before SES changed: SES is exactly as before, nothing to undo.");
    expect(result.stdout).not.toContain("To undo");
    expect(r.identity().dkim).toMatchObject({ origin: "AWS_SES", signingEnabled: true, tokens: before });

    const json = await r.byodkim(["enable", "--yes", "--json"]);
    expect(JSON.parse(json.stdout)).toMatchObject({ outcome: "completed", rollbackCommand: null });
  });

  it("reports success with a warning when SES applied a call whose response was lost", async () => {
    const r = await rehearsal({ scenario: "signing-off", faults: [[STEP_23, { kind: "lost-response", remaining: 4 }]] });
    const result = await r.byodkim(["enable", "--yes", "--json"]);
    expect(result.code, result.stdout + result.stderr).toBe(0);
    const document = JSON.parse(result.stdout);
    expect(document).toMatchObject({
      outcome: "completed",
      rollbackCommand: null,
      calls: [
        { name: STEP_22, outcome: "ok" },
        { name: STEP_23, outcome: "failed" },
      ],
    });
    expect(document.warnings.map((warning: { code: string }) => warning.code)).toEqual(["change.failedButReached"]);
    expect(r.state()["current_phase"]).toBe("7");
  });

  it("records only, naming the earlier journal, when SES is switched but the record could not be written", async () => {
    const r = await rehearsal();
    const first = await r.byodkim(["enable", "--yes"], {
      onSpawn: (child) => {
        let injected = false;
        child.stderr!.on("data", (chunk: Buffer) => {
          if (injected || !chunk.toString().includes("waiting for SES")) return;
          injected = true;
          void r.injectFault("PutSecretValue", "access-denied,times=1");
        });
      },
    });
    expect(first.code, first.stdout + first.stderr).toBe(4);
    expect(first.stdout).toContain("the state record could not be written. To record it, run: byodkim enable goo.ne.jp");
    expect(first.stdout).not.toContain("To undo");
    expect(r.state()).toMatchObject({ current_phase: "6" });
    expect(r.lock()).toBeNull();

    const second = await r.byodkim(["enable", "--yes"]);
    expect(second.code, second.stdout + second.stderr).toBe(0);
    expect(second.stdout).toMatch(/only the state record will be written, completing the earlier run in \S+-goo\.ne\.jp-enable-\S+\.jsonl/);
    expect(second.stdout).toContain("SES already had the target settings: enable recorded them, completing the earlier run in");
    expect(r.sesMutations()).toEqual([`${STEP_22}:200`]);
    expect(r.state()).toMatchObject({ current_phase: "7", byodkim_snapshot: { origin: "AWS_SES" } });
    expect((await r.byodkim(["verify"])).code).toBe(0);
  });

  it("has nothing to do once SES and the record agree, and rollback converges the same way", async () => {
    const r = await rehearsal({ scenario: "already-enabled" });
    const again = await r.byodkim(["enable", "--json"]);
    expect(JSON.parse(again.stdout)).toMatchObject({ outcome: "upToDate", journal: null });
    const disabled = await r.byodkim(["rollback", "--to", "disable", "--yes"]);
    expect(disabled.code).toBe(0);
    const twice = await r.byodkim(["rollback", "--to", "disable", "--yes", "--json"]);
    expect(JSON.parse(twice.stdout)).toMatchObject({ outcome: "upToDate", calls: [] });
    expect(r.sesMutations()).toEqual([`${STEP_23}:200`]);
  });
});
