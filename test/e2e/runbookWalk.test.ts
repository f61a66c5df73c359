import { describe, expect, it } from "vitest";
import { rehearsal } from "../support/rehearsal.js";
import { spawnCli } from "../support/spawnCli.js";

const MUTATING = ["PutEmailIdentityDkimSigningAttributes", "PutEmailIdentityDkimAttributes"];
// Signing is already on in the good scenario: enable changes the key only.
const ENABLE_CALLS = ["PutEmailIdentityDkimSigningAttributes"];
// Answers in the order phase-7 asks: 7 confirms, the typed domain for enable, 2 post-check confirms.
const BEFORE_ENABLE = "y\ny\ny\ny\ny\ny\ny\n";
const ENABLE = "goo.ne.jp\n";
const AFTER_ENABLE = "y\ny\n";

// Resume, a failing gate and the walk journal read as it is are checked in process in test/commands/runWalk.test.ts.
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
