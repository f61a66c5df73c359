import { describe, expect, it } from "vitest";
import { heldCall } from "../support/heldCall.js";
import { rehearsal } from "../support/rehearsal.js";

const CALL = "PutEmailIdentityDkimSigningAttributes";

describe("AWS calls have a time limit (spawned, against the sandbox)", () => {
  it("retries a read that hangs instead of waiting on it: precheck finishes", async () => {
    // The first read is never answered: a precheck that waited on it would be killed by spawnCli, not exit 0.
    const r = await rehearsal({ faults: [["GetEmailIdentity", { ...heldCall().fault, remaining: 1 }]] });
    const result = await r.byodkim(["precheck", "--json"]);
    expect(result.signal).toBeNull();
    expect(result.code).toBe(0);
    expect(r.box.world.log.filter((entry) => entry.operation === "GetEmailIdentity").length).toBeGreaterThanOrEqual(1);
  });

  it("gives a mutating call longer than a read, then retries it when it hangs: enable completes", async () => {
    const r = await rehearsal({ faults: [[CALL, { ...heldCall().fault, remaining: 1 }]] });
    const result = await r.byodkim(["enable", "--yes", "--json"]);
    expect(result.signal).toBeNull();
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({ outcome: "completed" });
    expect(r.state()["byodkim_lock"]).toBeUndefined();
  });
});
