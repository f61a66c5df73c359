import { describe, expect, it } from "vitest";
import { SANDBOX_DEFAULTS } from "../../src/sandbox/scenarios.js";
import { rehearsal } from "../support/rehearsal.js";

describe("the change lock (spawned, against the sandbox)", () => {
  it("refuses a lock object it cannot read, saying why, and takes it over with --force-unlock", async () => {
    const r = await rehearsal();
    const lockKey = "dkim/locks/goo.ne.jp.json";
    const objects = r.box.world.buckets.get(SANDBOX_DEFAULTS.bucket)!;
    objects.set(lockKey, Buffer.from(JSON.stringify({ runId: "x", host: "ops-laptop", pid: 31337, command: "enable", expiresAt: "next week" })));
    const refused = await r.byodkim(["enable", "--yes", "--json"]);
    expect(refused.code).toBe(1);
    const document = JSON.parse(refused.stdout);
    expect(document).toMatchObject({ outcome: "lockHeld", error: { code: "lock.unreadable.badExpiry" } });
    expect(document.error.message).toContain("(enable on ops-laptop, pid 31337) has an expiry that is not a date (next week)");
    expect(document.error.hint).toContain("--force-unlock");
    expect(r.sesMutations()).toEqual([]);

    const forced = await r.byodkim(["enable", "--yes", "--force-unlock"]);
    expect(forced.code, forced.stdout + forced.stderr).toBe(0);
    expect(r.state()["current_phase"]).toBe("7");
    expect(objects.has(lockKey)).toBe(false);
  });
});
