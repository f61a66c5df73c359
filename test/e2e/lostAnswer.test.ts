import { describe, expect, it } from "vitest";
import { rehearsal } from "../support/rehearsal.js";

describe("a change whose answer SES lost (spawned, against the sandbox)", () => {
  it("says each retry was a server error, not throttling, and that the change is complete, not failed", async () => {
    const r = await rehearsal();
    // SES applies every attempt and answers each with a 500: the call fails, yet SES is at the target.
    await r.injectFault("PutEmailIdentityDkimSigningAttributes", "lost-response");
    const result = await r.byodkim(["enable", "--yes"]);
    expect(result.code, result.stdout + result.stderr).toBe(0);
    const retries = [
      ...result.stderr.matchAll(/SES answered PutEmailIdentityDkimSigningAttributes with a server error \(InternalFailure\), retrying \(attempt (\d) of 4\)/g),
    ];
    // Every attempt is shown, numbered from the first retry.
    expect(retries.map((match) => Number(match[1]))).toEqual([2, 3, 4]);
    expect(result.stderr).not.toContain("throttling");
    expect(result.stdout).toContain("BYODKIM is enabled on goo.ne.jp");
    expect(result.stdout).toContain("PutEmailIdentityDkimSigningAttributes: answer lost, SES shows the target");
    expect(result.stdout).toContain("PutEmailIdentityDkimSigningAttributes: the call's answer was lost; SES shows the target; the change is complete");
    expect(result.stdout).not.toMatch(/: failed/);
    expect(r.journalEntries().filter((entry) => entry.event === "call-retried")).toHaveLength(3);
    expect(r.identity().dkim.origin).toBe("EXTERNAL");
    const report = await r.byodkim(["report"]);
    expect(report.stdout).toMatch(/\| PutEmailIdentityDkimSigningAttributes \| answer lost; SES showed the target \|/);
  });

  it("keeps the call's record in --json: failed, reached after a lost answer", async () => {
    const r = await rehearsal();
    await r.injectFault("PutEmailIdentityDkimSigningAttributes", "lost-response");
    const result = await r.byodkim(["enable", "--yes", "--json"]);
    expect(result.code, result.stderr).toBe(0);
    const document = JSON.parse(result.stdout);
    expect(document).toMatchObject({ outcome: "completed" });
    expect(document.calls[0]).toEqual({ name: "PutEmailIdentityDkimSigningAttributes", requestId: null, outcome: "failed", reachedAfter: "lostAnswer" });
    expect(document.warnings.map((warning: { code: string }) => warning.code)).toContain("change.answerLostButReached");
  });
});
