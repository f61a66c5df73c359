import { appendFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { SANDBOX_DEFAULTS } from "../../src/sandbox/scenarios.js";
import { rehearsal } from "../support/rehearsal.js";
import { printedCommand } from "../support/printedCommand.js";

/** A campaign over the sandbox's one identity: plan as the operator, approve as a second person, apply. */
async function campaignWorld(config: string) {
  const r = await rehearsal();
  appendFileSync(r.box.configPath, config);
  const planned = await r.byodkim(["plan", "enable", "--json"]);
  expect(planned.code, planned.stdout + planned.stderr).toBe(0);
  const plan = JSON.parse(planned.stdout) as { id: string; next: string; ready: number };
  expect(plan.ready).toBe(1);
  return { r, plan };
}

const putCalls = (r: Awaited<ReturnType<typeof rehearsal>>) => r.sesMutations().length;

describe("a campaign in the sandbox", () => {
  it("needs a second person: the planner's own approval is refused and apply refuses with no SES change until another principal approves", async () => {
    const { r, plan } = await campaignWorld("approvals:\n  required: 1\nbake:\n  minutes: 0\n");
    expect(plan.next).toContain(`byodkim approve ${plan.id}`);

    const early = await r.byodkim(["apply", plan.id, "--yes", "--json"]);
    expect(early.code).toBe(1);
    expect(JSON.parse(early.stdout)).toMatchObject({
      outcome: "refused",
      gates: expect.arrayContaining([expect.objectContaining({ id: "approval", status: "fail" })]),
    });

    const self = await r.byodkim(["approve", plan.id, "--yes", "--json"]);
    expect(self.code).toBe(1);
    expect(JSON.parse(self.stdout)).toMatchObject({ outcome: "refused", approval: null });
    expect(putCalls(r)).toBe(0);

    // Approved as plan printed it, by the other person, with the id's first 8 characters typed at the prompt.
    const approveCommand = printedCommand(plan.next, "a second person approves it");
    expect(approveCommand).toEqual(["approve", plan.id]);
    const approved = await r.byodkim([...approveCommand, "--comment", "CHG-1234 checked"], { as: "approver", stdin: `${plan.id.slice(0, 8)}\n` });
    expect(approved.code, approved.stdout + approved.stderr).toBe(0);
    expect(approved.stdout).toContain("Approved plan");
    const twice = await r.byodkim(["approve", plan.id, "--yes", "--json"], { as: "approver" });
    expect(twice.code).toBe(1);

    // Applied as approve printed it, the prefix typed again.
    const applyCommand = printedCommand(approved.stdout, "Approved enough");
    expect(applyCommand).toEqual(["apply", plan.id]);
    const applied = await r.byodkim([...applyCommand, "--json"], { stdin: `${plan.id.slice(0, 8)}\n` });
    expect(applied.code, applied.stdout + applied.stderr).toBe(0);
    const document = JSON.parse(applied.stdout);
    expect(document).toMatchObject({
      outcome: "completed",
      waves: [{ number: 1, kind: "canary", targets: [{ domain: SANDBOX_DEFAULTS.domain, end: "completed" }] }],
    });
    expect(r.identity().dkim).toMatchObject({ origin: "EXTERNAL", signingEnabled: true });
    // The campaign journal names who approved, with the note.
    expect(r.journalEntries().find((entry) => entry.event === "campaign-started")).toMatchObject({
      approvals: [{ by: "arn:aws:sts::123456789012:assumed-role/MailOps/approver", comment: "CHG-1234 checked" }],
    });
  });

  it("rolls the wave back when a watched alarm is in ALARM during the bake, exits 5, and refuses the halted plan again", async () => {
    const { r, plan } = await campaignWorld("bake:\n  minutes: 0.05\n  alarms: [campaign-canary-errors]\n");
    // An alarm only the bake watches: enable's own alarm gate does not read it.
    r.box.world.alarms.set("campaign-canary-errors", {
      name: "campaign-canary-errors",
      state: "ALARM",
      reason: "Threshold Crossed (rehearsal)",
      updated: new Date(),
    });
    const applied = await r.byodkim(["apply", plan.id, "--yes", "--json"]);
    expect(applied.code, applied.stdout + applied.stderr).toBe(5);
    const document = JSON.parse(applied.stdout);
    expect(document.outcome).toBe("rolledBack");
    expect(document.waves[0].bake.broke).toMatchObject({ kind: "alarm", name: "campaign-canary-errors", state: "ALARM" });
    expect(document.waves[0].targets[0]).toMatchObject({ end: "completed", rolledBack: { why: "bake", outcome: "completed" } });
    expect(r.identity().dkim?.origin).not.toBe("EXTERNAL");
    expect(applied.stderr).toContain("The bake of wave 1 broke");

    const again = await r.byodkim(["apply", plan.id, "--yes", "--json"]);
    expect(again.code).toBe(1);
    expect(JSON.parse(again.stdout).summary).toContain("halted at wave 1");
    // What it says to do next works as printed.
    const next = await r.byodkim(printedCommand(JSON.parse(again.stdout).next, "make a new plan"));
    expect(next.stderr).not.toContain("error:");
    expect(next.stdout).toContain("Plan id:");
  });

  it("goes on where it stopped after kill -9: the second apply of the same plan finishes the target the first left under way", async () => {
    const { r, plan } = await campaignWorld("bake:\n  minutes: 0\n");
    // Applied as plan printed it (no approval required), the id's first 8 characters typed.
    const applyCommand = printedCommand(plan.next, "no approval is required");
    expect(applyCommand).toEqual(["apply", plan.id]);
    const killed = await r.byodkim(applyCommand, {
      stdin: `${plan.id.slice(0, 8)}\n`,
      onSpawn: (child) => {
        const watch = setInterval(() => {
          if (r.box.world.log.some((entry) => entry.operation === "PutEmailIdentityDkimSigningAttributes")) {
            clearInterval(watch);
            child.kill("SIGKILL");
          }
        }, 5);
        child.on("close", () => clearInterval(watch));
      },
    });
    expect(killed.signal).toBe("SIGKILL");
    expect(r.journalEntries().some((entry) => entry.event === "campaign-ended")).toBe(false);

    const resumed = await r.byodkim(["apply", plan.id, "--yes", "--json"]);
    expect(resumed.code, resumed.stdout + resumed.stderr).toBe(0);
    const document = JSON.parse(resumed.stdout);
    expect(document.outcome).toBe("completed");
    expect(["completed", "upToDate"]).toContain(document.waves[0].targets[0].end);
    expect(r.identity().dkim).toMatchObject({ origin: "EXTERNAL", signingEnabled: true, status: "SUCCESS" });
    expect(r.lock()).toBeNull();
  });

  it("refuses outside the change window with no SES change, naming when it opens", async () => {
    // A window that is never open now: a freeze over the whole of this test run and well beyond.
    const { r, plan } = await campaignWorld("freezes:\n  - from: 2000-01-01\n    to: 2999-12-31\n    reason: rehearsal freeze\n");
    const applied = await r.byodkim(["apply", plan.id, "--yes", "--json"]);
    expect(applied.code).toBe(1);
    const document = JSON.parse(applied.stdout);
    expect(document.outcome).toBe("windowClosed");
    expect(document.gates).toContainEqual(expect.objectContaining({ id: "window", status: "fail" }));
    expect(putCalls(r)).toBe(0);
  });
});
