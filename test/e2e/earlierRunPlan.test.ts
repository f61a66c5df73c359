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

  it("after a rollback whose calls went through and whose record failed, the next rollback says only that record is left, not calls left undone", async () => {
    const r = await rehearsal();
    expect((await r.byodkim(["enable", "--yes"])).code).toBe(0);
    await r.injectFault("PutSecretValue", "access-denied,times=4");
    const unrecorded = await r.byodkim(["rollback", "--yes", "--json"]);
    // A rollback's record is optional: it ends 0 with a warning, its journal saying the record was not written.
    expect(unrecorded.code, unrecorded.stdout + unrecorded.stderr).toBe(0);
    expect(r.journalEntries().map((entry) => entry.event)).toContain("state-not-recorded");
    expect(r.identity().dkim.origin).toMatch(/^AWS_SES/);
    // Its new CNAMEs were not published in time: the next rollback puts Easy DKIM again, a call to make.
    Object.assign(r.identity().dkim, { status: "FAILED" });

    const next = await r.byodkim(["rollback", "--dry-run"]);
    expect(next.code, next.stdout + next.stderr).toBe(0);
    expect(next.stdout).not.toContain("left undone");
    expect(next.stdout).toContain("made its calls but did not write its record");
    const json = await r.byodkim(["rollback", "--dry-run", "--json"]);
    expect(JSON.parse(json.stdout).plan).toMatchObject({ recordOnly: false, earlierJournal: expect.any(String) });
  });
});
