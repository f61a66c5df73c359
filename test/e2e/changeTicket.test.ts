import { describe, expect, it } from "vitest";
import { SANDBOX_DEFAULTS } from "../../src/sandbox/scenarios.js";
import { printedCommand } from "../support/printedCommand.js";
import { rehearsal } from "../support/rehearsal.js";

const { domain } = SANDBOX_DEFAULTS;
const TICKET = "CHG-1234";

describe("--change-id through a change window (spawned, against the sandbox)", () => {
  it("a dry run is journaled: the report it prints, run as printed, is the reviewed plan, marked as a dry run", async () => {
    const r = await rehearsal();
    const dry = await r.byodkim(["enable", "--dry-run", "--change-id", TICKET]);
    expect(dry.code, dry.stdout + dry.stderr).toBe(0);
    const report = printedCommand(dry.stdout, "For the change ticket");
    expect(report).toEqual(["report", expect.stringMatching(/^[0-9a-f]{8}$/)]);

    const reported = await r.byodkim(report);
    expect(reported.code, reported.stdout + reported.stderr).toBe(0);
    expect(reported.stdout).toContain("**Dry run: the gates and the plan as reviewed before the change. Nothing was changed.**");
    expect(reported.stdout).toContain(`| Change ticket | ${TICKET} |`);
    expect(reported.stdout).toMatch(/\| DKIM record in DNS \| pass \| `gate\.dns\.pass` \| 127\.0\.0\.1:\d+: key matches \(SHA256:[\w+/]{16}…\)/);
    expect(reported.stdout).toContain("PutEmailIdentityDkimSigningAttributes");
    expect(r.identity().dkim).toMatchObject({ origin: "AWS_SES" });
  });

  it("the undo of a half-done enable carries the ticket, runs as printed, and its journal and record name it", async () => {
    const r = await rehearsal({ scenario: "signing-off", faults: [["PutEmailIdentityDkimAttributes", { kind: "access-denied", remaining: 1 }]] });
    const failed = await r.byodkim(["enable", "--yes", "--change-id", TICKET]);
    expect(failed.code, failed.stdout + failed.stderr).toBe(4);
    const undo = printedCommand(failed.stdout, "To undo:");
    expect(undo).toEqual(["rollback", domain, "--change-id", TICKET]);
    // The next step a changing command prints for a command that changes nothing does not carry it (verify takes no ticket).
    expect(failed.stdout).not.toMatch(/byodkim (verify|precheck|status)[^\n]*--change-id/);

    // The run's report gives the same undo, on the same ticket.
    const reported = await r.byodkim(["report"]);
    expect(reported.code, reported.stderr).toBe(0);
    expect(printedCommand(reported.stdout, "To undo what the run changed:")).toEqual(undo);

    const undone = await r.byodkim(undo, { stdin: `${domain}\n` });
    expect(undone.code, undone.stdout + undone.stderr).toBe(0);
    expect(r.state()["byodkim_last_run"]).toMatchObject({ command: "rollback", changeId: TICKET });
    const report = await r.byodkim(["report", "--json"]);
    expect(report.code, report.stderr).toBe(0);
    expect(JSON.parse(report.stdout).report).toMatchObject({ command: "rollback", changeId: TICKET, dryRun: false });
  });

  it("refuses a ticket id with a space or a control character: exit 2, a sentence, no stack, nothing journaled", async () => {
    const r = await rehearsal();
    for (const bad of ["CHG 1234", "CHG\u001b[31m"]) {
      const refused = await r.byodkim(["enable", "--dry-run", "--change-id", bad]);
      expect(refused.code).toBe(2);
      expect(refused.stderr).toContain("is not a change ticket id");
      expect(refused.stderr).not.toMatch(/\n\s+at /);
      expect(refused.stderr).not.toContain("\u001b[31m");
    }
    expect(r.journalFiles()).toEqual([]);
  });
});
