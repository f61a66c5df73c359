import { describe, expect, it } from "vitest";
import { rehearsal } from "../support/rehearsal.js";

const CALL = "PutEmailIdentityDkimSigningAttributes";

describe("AWS calls have a time limit (spawned, against the sandbox)", () => {
  it("retries a read that hangs instead of waiting on it: precheck finishes", async () => {
    const r = await rehearsal({ faults: [["GetEmailIdentity", { kind: "latency", ms: 120_000, remaining: 1 }]] });
    const started = Date.now();
    const result = await r.byodkim(["precheck", "--json"]);
    expect(result.code).toBe(0);
    expect(Date.now() - started).toBeLessThan(30_000);
  });

  it("gives a mutating call longer than a read, then retries it when it hangs: enable completes", async () => {
    const r = await rehearsal({ faults: [[CALL, { kind: "latency", ms: 120_000, remaining: 1 }]] });
    const result = await r.byodkim(["enable", "--yes", "--json"]);
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({ outcome: "completed" });
    expect(r.state()["byodkim_lock"]).toBeUndefined();
  });
});
