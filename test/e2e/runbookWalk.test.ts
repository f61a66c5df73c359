import { describe, expect, it } from "vitest";
import { printedCommand } from "../support/printedCommand.js";
import { receivedTestMail } from "../support/receivedMail.js";
import { rehearsal } from "../support/rehearsal.js";
import { spawnCli } from "../support/spawnCli.js";

const MUTATING = ["PutEmailIdentityDkimSigningAttributes", "PutEmailIdentityDkimAttributes"];
// Signing is already on in the good scenario: enable changes the key only.
const ENABLE_CALLS = ["PutEmailIdentityDkimSigningAttributes"];
// Answers in the order phase-7 asks: 7 confirms, the typed domain for enable, 1 post-check confirm, the test mail's address and received file.
const BEFORE_ENABLE = "y\ny\ny\ny\ny\ny\ny\n";
const ENABLE = "goo.ne.jp\n";
const afterEnable = (received: string) => `y\nops@example.org\n${received}\n`;

// Resume, a failing gate and the walk journal read as it is are checked in process in test/commands/runWalk.test.ts.
describe("byodkim run phase-7 against the sandbox", () => {
  it("completes a scripted walk, and shows it in runbook show", async () => {
    const r = await rehearsal();
    const walk = await r.byodkim(["run", "phase-7", "--wait", "60"], { stdin: BEFORE_ENABLE + ENABLE + afterEnable(await receivedTestMail(r)) });
    expect(walk.stdout).toContain("[16/16]");
    expect(walk.stdout).toContain("Runbook phase-7 is complete for goo.ne.jp.");
    expect(walk.code, walk.stdout + walk.stderr).toBe(0);
    expect(walk.stdout).not.toContain("Next: byodkim verify");
    expect(walk.stdout).toContain("Dashboard: no dashboardUrl in the config");
    expect(r.box.world.log.filter((entry) => entry.operation === "SendEmail")).toHaveLength(1);
    expect(r.box.world.log.filter((entry) => MUTATING.includes(entry.operation)).map((entry) => entry.operation)).toEqual(ENABLE_CALLS);
    const show = await r.byodkim(["runbook", "show", "phase-7", "goo.ne.jp"]);
    expect(show.stdout.match(/✔/g)).toHaveLength(16);

    // The walk is a journaled run: listed with its human check-offs, and its ticks carried into the ticket's checklist.
    const list = await r.byodkim(["report", "--list"]);
    expect(list.stdout).toMatch(/run phase-7 {2}goo\.ne\.jp {2}\S+ {2}complete/);
    expect(list.stdout).toMatch(/✔ dns-team-notified: checked off \d{4}-\d\d-\d\d \d\d:\d\d UTC by arn:aws:sts::\d+:assumed-role\/\S+ on \S+/);
    const exported = await r.byodkim(["runbook", "export", "phase-7", "--run", "latest"]);
    expect(exported.code, exported.stderr).toBe(0);
    expect(exported.stdout.split("\n").filter((line) => line.startsWith("- [x] "))).toHaveLength(16);
  });

  it("answered n at a human check: not done, no tick; the resume command as printed lists what was done, when and by whom", async () => {
    const r = await rehearsal();
    const paused = await r.byodkim(["run", "phase-7"], { stdin: "y\nn\n" });
    expect(paused.code).toBe(3);
    expect(paused.stdout).toContain("– not done: the walk stops here");
    expect(paused.stdout).toContain("Runbook phase-7 paused at step dashboard-access for goo.ne.jp: it is not done yet.");
    const resume = printedCommand(paused.stdout, "To continue:");
    const resumed = await r.byodkim(resume, { stdin: "n\n" });
    expect(resumed.stdout).toMatch(/Resuming phase-7 for goo\.ne\.jp: 4 steps already done, skipped:/);
    expect(resumed.stdout).toMatch(/✔ {2}1\. The DNS team has confirmed the TXT record is set \(checked off \d{4}-\d\d-\d\d \d\d:\d\d UTC by arn:aws:sts::/);
    expect(resumed.stdout).toContain("[5/16]");
  });

  it("speaks Japanese to Japanese operators", async () => {
    const r = await rehearsal();
    const walk = await r.byodkim(["run", "phase-7", "--lang", "ja"], { stdin: "n\n" });
    expect(walk.stdout).toContain("DNSチームから設定完了通知受領");
    expect(walk.code).toBe(3);
    const exported = await spawnCli(["runbook", "export", "phase-7"], { env: { LANG: "ja_JP.UTF-8" } });
    expect(exported.stdout).toContain("## 事前確認");
  });
});

describe("byodkim runbook export", () => {
  it("prints a Markdown checklist with one unchecked item per step", async () => {
    const result = await spawnCli(["runbook", "export", "phase-7", "--format", "md"]);
    expect(result.code).toBe(0);
    const lines = result.stdout.trim().split("\n");
    expect(lines[0]).toMatch(/^# /);
    const items = lines.filter((line) => line.startsWith("- "));
    expect(items).toHaveLength(16);
    expect(items.every((line) => /^- \[ \] \S/.test(line))).toBe(true);
    expect(lines.filter((line) => line.startsWith("## "))).toEqual(["## Pre-checks", "## Preparation", "## Execution", "## Post-checks"]);
  });

  it("refuses an unknown runbook and format with exit 2", async () => {
    expect((await spawnCli(["runbook", "export", "phase-9"])).code).toBe(2);
    expect((await spawnCli(["runbook", "export", "phase-7", "--format", "pdf"])).code).toBe(2);
  });
});
