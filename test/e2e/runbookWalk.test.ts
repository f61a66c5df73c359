import { describe, expect, it } from "vitest";
import { findRunbook } from "../../src/runbook/runbook.js";
import { rehearsal } from "../support/rehearsal.js";
import { spawnCli } from "../support/spawnCli.js";

const MUTATING = ["PutEmailIdentityDkimSigningAttributes", "PutEmailIdentityDkimAttributes"];
// Signing is already on in the good scenario: enable changes the key only.
const ENABLE_CALLS = ["PutEmailIdentityDkimSigningAttributes"];
// Answers in the order phase-7 asks: 7 confirms, the typed domain for enable, 2 post-check confirms.
const BEFORE_ENABLE = "y\ny\ny\ny\ny\ny\ny\n";
const ENABLE = "goo.ne.jp\n";
const AFTER_ENABLE = "y\ny\n";

describe("byodkim run phase-7 against the sandbox", () => {
  it("completes a scripted walk, and shows it in runbook show", async () => {
    const r = await rehearsal();
    const walk = await r.byodkim(["run", "phase-7", "--wait", "60"], { stdin: BEFORE_ENABLE + ENABLE + AFTER_ENABLE });
    expect(walk.stdout).toContain("[16/16]");
    expect(walk.stdout).toContain("Runbook phase-7 is complete for goo.ne.jp.");
    expect(walk.code).toBe(0);
    expect(r.box.world.log.filter((entry) => MUTATING.includes(entry.operation)).map((entry) => entry.operation)).toEqual(ENABLE_CALLS);
    const show = await r.byodkim(["runbook", "show", "phase-7", "goo.ne.jp"]);
    expect(show.stdout.match(/✔/g)).toHaveLength(16);
  });

  it("resumes an interrupted walk at the right step without a second SES mutation", async () => {
    const r = await rehearsal();
    // Input ends after enable: the walk stops at the first post-check confirm.
    const first = await r.byodkim(["run", "phase-7", "--wait", "60"], { stdin: BEFORE_ENABLE + ENABLE });
    expect(first.code).toBe(3);
    const show = await r.byodkim(["runbook", "show", "phase-7", "goo.ne.jp", "--json"]);
    const statuses = JSON.parse(show.stdout).steps.map((step: { id: string; status: string }) => `${step.id}:${step.status}`);
    expect(statuses).toContain("enable:done");
    // Stopped there for want of an answer: the step is marked as where the walk stopped.
    expect(statuses).toContain("cloudwatch-logs:failed");

    const resumed = await r.byodkim(["run", "phase-7", "--resume", "--wait", "60"], { stdin: AFTER_ENABLE });
    expect(resumed.code).toBe(0);
    expect(resumed.stdout).not.toContain("[11/16]");
    expect(resumed.stdout).toContain("[14/16]");
    expect(r.box.world.log.filter((entry) => MUTATING.includes(entry.operation)).map((entry) => entry.operation)).toEqual(ENABLE_CALLS);
  });

  it("stops at a failing gate with exit 1 and no mutation", async () => {
    const r = await rehearsal({ scenario: "wrong-txt" });
    const walk = await r.byodkim(["run", "phase-7"], { stdin: "y\n" });
    expect(walk.code).toBe(1);
    expect(walk.stdout).toContain("stopped at step dns-txt-answers");
    expect(r.box.world.log.filter((entry) => MUTATING.includes(entry.operation))).toEqual([]);
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

describe("byodkim runbook show and run --resume read the walk journal as it is", () => {
  const phase7 = findRunbook("phase-7");
  const walkJournal = (domain: string, steps: readonly string[], tail = "") =>
    [{ event: "walk-started", runbook: "phase-7", domain }, ...steps.map((step) => ({ event: "step-done", step }))]
      .map((entry, i) => `${JSON.stringify({ at: `2026-11-25T10:00:0${i % 10}.000Z`, ...entry })}\n`)
      .join("") + tail;
  const statusesOf = (stdout: string) => JSON.parse(stdout).steps.map((step: { status: string }) => step.status) as string[];

  it("skip a torn last line with a warning, keeping the steps before it", async () => {
    const r = await rehearsal();
    const path = r.plantJournal(
      "2026-11-25T10-00-00-000Z-goo.ne.jp-run-phase-7-walk0001.jsonl",
      walkJournal("goo.ne.jp", [phase7.steps[0]!.id, phase7.steps[1]!.id], '{"at":"2026-11-25T10:00:09.000Z","event":"step-do'),
    );
    const show = await r.byodkim(["runbook", "show", "phase-7", "goo.ne.jp", "--json"]);
    expect(show.code, show.stderr).toBe(0);
    expect(statusesOf(show.stdout).slice(0, 3)).toEqual(["done", "done", "pending"]);
    expect(JSON.parse(show.stdout).warnings.map((warning: { code: string }) => warning.code)).toEqual(["journal.tornLine"]);

    const resumed = await r.byodkim(["run", "phase-7", "--resume"], { stdin: "n\n" });
    expect(resumed.code, resumed.stderr).toBe(3);
    expect(resumed.stdout).not.toContain("[2/16]");
    expect(resumed.stdout).toContain("[3/16]");
    expect(resumed.stdout).toContain(`journal ${path}: its last line is incomplete`);
  });

  it("never take my-goo.ne.jp's finished walk for goo.ne.jp's", async () => {
    const r = await rehearsal();
    r.plantJournal(
      "2026-11-25T10-00-00-000Z-my-goo.ne.jp-run-phase-7-walk0002.jsonl",
      walkJournal(
        "my-goo.ne.jp",
        phase7.steps.map((step) => step.id),
      ),
    );
    const show = await r.byodkim(["runbook", "show", "phase-7", "goo.ne.jp", "--json"]);
    expect(statusesOf(show.stdout).every((status) => status === "pending")).toBe(true);

    const resumed = await r.byodkim(["run", "phase-7", "--resume"], { stdin: "n\n" });
    expect(resumed.code).toBe(3);
    expect(resumed.stdout).toContain("[1/16]");
    expect(resumed.stdout).not.toContain("is complete");
    expect(r.sesMutations()).toEqual([]);
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
