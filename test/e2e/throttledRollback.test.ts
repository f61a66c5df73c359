import { describe, expect, it } from "vitest";
import { rehearsal } from "../support/rehearsal.js";

describe("rollback when SES throttles (spawned, against the sandbox at SES's 1 request/s)", () => {
  it("retries a throttled Put, says so on stderr and in the journal, and still turns signing off", async () => {
    const r = await rehearsal({ sesRateLimitPerSecond: 1 });
    const enabled = await r.byodkim(["enable", "--yes"]);
    expect(enabled.code, enabled.stdout + enabled.stderr).toBe(0);
    // Set after the enable, so that it is the rollback's first Put that SES refuses.
    await r.injectFault("PutEmailIdentityDkimAttributes", "throttle,times=1");
    const before = r.box.world.log.length;
    const result = await r.byodkim(["rollback", "--to", "disable", "--yes", "--json"]);
    expect(result.code, result.stdout + result.stderr).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({ outcome: "completed" });
    expect(r.identity().dkim.signingEnabled).toBe(false);
    const puts = r.box.world.log.slice(before).filter((entry) => entry.operation === "PutEmailIdentityDkimAttributes");
    expect(puts[0]).toMatchObject({ status: 429, error: "TooManyRequestsException" });
    expect(puts.at(-1)).toMatchObject({ status: 200 });
    expect(result.stderr).toMatch(/SES is throttling, retrying PutEmailIdentityDkimAttributes \(attempt 2 of \d+\)/);
    const retries = r.journalEntries().filter((entry) => entry.event === "throttled-retry");
    expect(retries).toContainEqual(
      expect.objectContaining({ service: "SES", operation: "PutEmailIdentityDkimAttributes", attempt: 2, error: "TooManyRequestsException" }),
    );
    expect(r.state()).toMatchObject({ rollback_target: "disable", signing_enabled: false });
  });
});
