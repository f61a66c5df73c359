import { describe, expect, it } from "vitest";
import { rehearsal } from "../support/rehearsal.js";

describe("the next enable's plan after an earlier run, against the sandbox", () => {
  it("does not claim to finish an earlier run whose first call failed and changed nothing", async () => {
    const r = await rehearsal();
    await r.injectFault("PutEmailIdentityDkimSigningAttributes", "access-denied,times=1");
    const failed = await r.byodkim(["enable", "--yes", "--wait", "60", "--json"]);
    expect(failed.code, failed.stdout + failed.stderr).toBe(4);
    expect(JSON.parse(failed.stdout)).toMatchObject({ outcome: "failedDuringChange", sesChange: "none" });

    const next = await r.byodkim(["enable", "--dry-run"]);
    expect(next.code, next.stdout + next.stderr).toBe(0);
    expect(next.stdout).toContain("PutEmailIdentityDkimSigningAttributes");
    expect(next.stdout).not.toMatch(/earlier run left undone/);
    const json = await r.byodkim(["enable", "--dry-run", "--json"]);
    expect(JSON.parse(json.stdout).plan.earlierJournal).toBeNull();
  });

  it("still says so after an earlier run that made its first call and failed at the second", async () => {
    const r = await rehearsal({ scenario: "signing-off", faults: [["PutEmailIdentityDkimAttributes", { kind: "access-denied" }]] });
    const failed = await r.byodkim(["enable", "--yes", "--wait", "60", "--json"]);
    expect(failed.code, failed.stdout + failed.stderr).toBe(4);
    expect(JSON.parse(failed.stdout).sesChange).toBe("partial");
    const next = await r.byodkim(["enable", "--dry-run", "--json"]);
    expect(JSON.parse(next.stdout).plan.earlierJournal).toBe(r.journalFiles()[0]);
  });
});
