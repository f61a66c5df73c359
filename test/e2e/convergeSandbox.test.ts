import { describe, expect, it } from "vitest";
import { rehearsal } from "../support/rehearsal.js";

const STEP_22 = "PutEmailIdentityDkimSigningAttributes";
const STEP_23 = "PutEmailIdentityDkimAttributes";

describe("enable converges and tells the truth after a partial failure (spawned, against the sandbox)", () => {
  it("says SES is partly changed, naming the denied call and the undo, when Step 23 is denied (a second run finishes it: in process)", async () => {
    const r = await rehearsal({ scenario: "signing-off", faults: [[STEP_23, { kind: "access-denied", remaining: 1 }]] });
    const first = await r.byodkim(["enable", "--yes"]);
    expect(first.code, first.stdout + first.stderr).toBe(4);
    expect(first.stdout).toContain("The change failed part-way: SES is partly changed.");
    expect(first.stdout).toContain("To undo: byodkim rollback goo.ne.jp");
    // What the operator reads names the denied call as IAM does, and where SES stands.
    expect(first.stdout).toContain("ses:PutEmailIdentityDkimAttributes");
    expect(first.stdout).toMatch(/SES now: origin EXTERNAL/);
    expect(r.identity().dkim).toMatchObject({ origin: "EXTERNAL", signingEnabled: false });
    expect(r.state()["current_phase"]).toBe("6");
    expect(r.state()["byodkim_snapshot"]).toMatchObject({ origin: "AWS_SES" });
    expect(r.lock()).toBeNull();
    const events = r.journalEntries();
    expect(events.filter((entry) => entry.event === "call-done").map((entry) => entry.call)).toEqual([STEP_22]);
    expect(events.filter((entry) => entry.event === "call-failed").map((entry) => entry.call)).toEqual([STEP_23]);

    expect(r.sesMutations()).toEqual([`${STEP_22}:200`, `${STEP_23}:403`]);
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
  // The lost response, the record-only second run and the up-to-date runs are tested in process (test/commands/enableConvergence.test.ts).
});
