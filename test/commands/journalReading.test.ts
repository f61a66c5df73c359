import { appendFileSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { findUnfinishedRun } from "../../src/engine/change/changePlan.js";
import { enable } from "../../src/commands/enable.js";
import { keygen } from "../../src/commands/keygen.js";
import { retire } from "../../src/commands/retire.js";
import { rollback } from "../../src/commands/rollback.js";
import { rotate } from "../../src/commands/rotate.js";
import { verify } from "../../src/commands/verify.js";
import { runWalk, stepStatuses } from "../../src/commands/run.js";
import { ExitCode } from "../../src/errors.js";
import { findRunbook } from "../../src/runbook/runbook.js";
import { createJournalStore, type JournalStore } from "../../src/state/journal.js";
import { DOMAIN, fakeWorld } from "../support/fakeWorld.js";
import { generateTestKey } from "../support/keys.js";

// What a process killed in the middle of appendFileSync leaves behind: a line without its end.
const TORN = '{"at":"2026-11-25T10:00:09.000Z","event":"call-st';
const OTHER_DOMAIN = `my-${DOMAIN}`;
const key = generateTestKey(2048);
const phase7 = findRunbook("phase-7");

/** The real journal store on disk, with its own clock: what only files can hold (a torn line) is tested on files. */
function diskJournal(): JournalStore {
  let t = Date.parse("2026-11-25T09:00:00Z");
  return createJournalStore(mkdtempSync(join(tmpdir(), "byodkim-journal-reading-")), () => {
    t += 1000;
    return new Date(t);
  });
}

const worldOnDisk = () => {
  const journal = diskJournal();
  return { journal, world: fakeWorld({ key, journal }) };
};
const enableIn = (world: ReturnType<typeof fakeWorld>) =>
  enable(world.ctx, { domain: DOMAIN, selector: undefined, yes: true, dryRun: false, waitSeconds: 60, forceUnlock: false });
const rollbackIn = (world: ReturnType<typeof fakeWorld>, to: "disable" | "previous", dryRun = false) =>
  rollback(world.ctx, { domain: DOMAIN, to, yes: true, dryRun, reason: "test", forceUnlock: false });

describe("a torn journal line never fails a rollback", () => {
  it.each([["disable"], ["previous"]] as const)("rollback --to %s reads the enable journal past its torn last line, and says so", async (to) => {
    const { world } = worldOnDisk();
    const enabled = await enableIn(world);
    expect(enabled.outcome).toBe("completed");
    appendFileSync(enabled.journalPath!, TORN);
    world.fail("GetSecretValue", { times: 100 });

    const result = await rollbackIn(world, to);
    expect(result).toMatchObject({ outcome: "completed", exitCode: ExitCode.ok, plan: { details: { snapshotSource: "journal" } } });
    expect(result.warnings).toContainEqual({ key: "journal.tornLine", params: { path: enabled.journalPath } });
    expect(world.dkim).toMatchObject(to === "disable" ? { signingEnabled: false } : { origin: "AWS_SES" });
  });

  it("finds the run killed mid-write as the unfinished one, instead of skipping its whole journal", () => {
    const journal = diskJournal();
    const killed = journal.open("enable", DOMAIN, "dead0001");
    killed.append("run-started", { command: "enable", domain: DOMAIN });
    killed.append("call-done", { call: "PutEmailIdentityDkimSigningAttributes" });
    appendFileSync(killed.path, TORN);
    expect(findUnfinishedRun(journal, "enable", DOMAIN)).toEqual({
      path: killed.path,
      callsDone: false,
      warnings: [{ key: "journal.tornLine", params: { path: killed.path } }],
    });
  });
});

describe("another domain's journals are not this domain's history", () => {
  it(`rollback falls back to ${DOMAIN}'s own enable journal, not the newer one of ${OTHER_DOMAIN}`, async () => {
    const { world, journal } = worldOnDisk();
    const enabled = await enableIn(world);
    const theirs = journal.open("enable", OTHER_DOMAIN, "other001");
    theirs.append("run-started", { command: "enable", domain: OTHER_DOMAIN });
    theirs.append("snapshot", { snapshot: { origin: "EXTERNAL", tokens: ["my-goo-selector"], signingEnabled: true }, restorable: true });
    world.fail("GetSecretValue", { times: 100 });

    const result = await rollbackIn(world, "previous", true);
    expect(result).toMatchObject({
      outcome: "dryRun",
      plan: { details: { snapshotSource: "journal", previousSelector: null, snapshot: { origin: "AWS_SES" } } },
    });
    expect(result.warnings).toContainEqual({ key: "rollback.fromJournal", params: { path: enabled.journalPath } });
  });

  it(`runbook show: ${OTHER_DOMAIN}'s finished walk leaves every step of ${DOMAIN} pending`, () => {
    const journal = diskJournal();
    const theirs = journal.open("run-phase-7", OTHER_DOMAIN, "walk0001");
    theirs.append("walk-started", { runbook: "phase-7", domain: OTHER_DOMAIN });
    for (const step of phase7.steps) theirs.append("step-done", { step: step.id });
    const { statuses } = stepStatuses(journal, phase7, DOMAIN);
    expect([...statuses.values()].every((status) => status === "pending")).toBe(true);
  });
});

describe("a walk journal with a torn last line", () => {
  const tornWalk = () => {
    const journal = diskJournal();
    const walk = journal.open("run-phase-7", DOMAIN, "walk0002");
    walk.append("walk-started", { runbook: "phase-7", domain: DOMAIN });
    for (const step of phase7.steps.slice(0, 2)) walk.append("step-done", { step: step.id });
    appendFileSync(walk.path, '{"at":"2026-11-25T10:00:09.000Z","event":"step-do');
    return { journal, path: walk.path };
  };

  it("runbook show keeps the steps before it, and says what it skipped", () => {
    const { journal, path } = tornWalk();
    const { statuses, warnings } = stepStatuses(journal, phase7, DOMAIN);
    expect([...statuses.values()].slice(0, 3)).toEqual(["done", "done", "pending"]);
    expect(warnings).toEqual([{ key: "journal.tornLine", params: { path } }]);
  });

  it("run --resume continues after the steps it could read, and says what it skipped", async () => {
    const { journal, path } = tornWalk();
    const world = fakeWorld({ key, journal });
    world.answer("n");
    const result = await runWalk(
      world.ctx,
      { runbookId: "phase-7", domain: DOMAIN, selector: undefined, resume: true, yes: true, waitSeconds: 60 },
      { verify, enable, rotate, keygen, retire, rollback },
    );
    expect(result.exitCode).toBe(ExitCode.declined);
    // The two steps the journal kept are not repeated; the walk goes on from the third.
    expect(result.steps.slice(0, 3).map((step) => step.resumed)).toEqual([true, true, false]);
    expect(result.warnings).toEqual([{ key: "journal.tornLine", params: { path } }]);
  });
});
