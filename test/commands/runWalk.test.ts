import { appendFileSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { enable } from "../../src/commands/enable.js";
import { keygen } from "../../src/commands/keygen.js";
import { retire } from "../../src/commands/retire.js";
import { rollback } from "../../src/commands/rollback.js";
import { rotate } from "../../src/commands/rotate.js";
import { runWalk, stepStatuses } from "../../src/commands/run.js";
import { verify } from "../../src/commands/verify.js";
import type { WalkResult } from "../../src/engine/results.js";
import { ExitCode } from "../../src/errors.js";
import { findRunbook } from "../../src/runbook/runbook.js";
import { createJournalStore, type JournalStore } from "../../src/state/journal.js";
import { renderChangeText } from "../../src/ui/renderChange.js";
import { renderWalkStep, renderWalkText, runbookShowJson } from "../../src/ui/renderRunbook.js";
import { plainOutput } from "../support/plainOutput.js";
import { DOMAIN, fakeWorld as newWorld, SELECTOR } from "../support/fakeWorld.js";
import { generateTestKey } from "../support/keys.js";

type World = ReturnType<typeof newWorld>;
const key = generateTestKey(2048);
const phase7 = findRunbook("phase-7");
const out = plainOutput();
// Answers in the order phase-7 asks: 7 confirms, the typed domain for enable, 2 post-check confirms.
const BEFORE_ENABLE = ["y", "y", "y", "y", "y", "y", "y"];
const ENABLE = ["goo.ne.jp"];
const AFTER_ENABLE = ["y", "y"];

const walk = (world: World, answers: readonly string[], resume = false) => {
  for (const answer of answers) world.answer(answer);
  return runWalk(
    world.ctx,
    { runbookId: "phase-7", domain: DOMAIN, selector: undefined, resume, yes: false, waitSeconds: 60 },
    { verify, enable, rotate, keygen, retire, rollback },
  );
};
/** Everything the walk printed: each step's header, each change's result, then the walk's own ending. */
function printed(world: World, result: WalkResult): string {
  const said = world.events.flatMap((event) =>
    event.type === "walkStep"
      ? [renderWalkStep(out, event.runbook, event.step, event.index)]
      : event.type === "changeEnded"
        ? [renderChangeText(out, event.result)]
        : [],
  );
  world.events.length = 0;
  return [...said, renderWalkText(out, result)].join("");
}

/** `runbook show phase-7 goo.ne.jp --json`, as the CLI builds it from the journal. */
function shown(journal: JournalStore): { steps: { id: string; status: string }[]; warnings: { code: string }[] } {
  const { statuses, warnings } = stepStatuses(journal, phase7, DOMAIN);
  return runbookShowJson(out, phase7, statuses, DOMAIN, warnings) as ReturnType<typeof shown>;
}

/** The real journal store on disk, as a walk journal a killed process left is only on disk. */
function diskJournal(): JournalStore {
  let t = Date.parse("2026-11-25T09:00:00Z");
  return createJournalStore(mkdtempSync(join(tmpdir(), "byodkim-walk-")), () => {
    t += 1000;
    return new Date(t);
  });
}

describe("run phase-7 (in process, fakes)", () => {
  it("resumes an interrupted walk at the right step without a second SES mutation", async () => {
    const world = newWorld({ key });
    // Answers end after enable: the walk stops at the first post-check confirm.
    const first = await walk(world, [...BEFORE_ENABLE, ...ENABLE]);
    printed(world, first);
    expect(first.exitCode).toBe(ExitCode.declined);
    const statuses = shown(world.ctx.journal).steps.map((step) => `${step.id}:${step.status}`);
    expect(statuses).toContain("enable:done");
    // Stopped there for want of an answer: the step is marked as where the walk stopped.
    expect(statuses).toContain("cloudwatch-logs:failed");

    const resumed = await walk(world, AFTER_ENABLE, true);
    const text = printed(world, resumed);
    expect(resumed.exitCode).toBe(ExitCode.ok);
    expect(text).not.toContain("[11/16]");
    expect(text).toContain("[14/16]");
    expect(world.mutations()).toEqual(["PutEmailIdentityDkimSigningAttributes"]);
  });

  it("stops at a failing gate with exit 1 and no mutation", async () => {
    const world = newWorld({ key });
    world.publish(generateTestKey(2048));
    const result = await walk(world, ["y"]);
    expect(result.exitCode).toBe(ExitCode.checkFailed);
    expect(printed(world, result)).toContain("stopped at step dns-txt-answers");
    expect(world.mutations()).toEqual([]);
  });

  it("declined at a human check after enable: says so in words, with what changed", async () => {
    const world = newWorld({ key });
    const result = await walk(world, [...BEFORE_ENABLE, ...ENABLE, "n"]);
    expect(result.exitCode).toBe(ExitCode.declined);
    const text = printed(world, result);
    expect(text).not.toContain("nothing changed");
    expect(text).not.toContain("nothing was changed");
    expect(text).toContain("stopped at step cloudwatch-logs");
    expect(text).toMatch(/Changed by this walk: enable/);
    expect(text).toMatch(/SES now: origin EXTERNAL/);
    expect(result.sesNow).toMatchObject({ origin: "EXTERNAL", tokens: [SELECTOR] });
    expect(text).toContain("To undo: byodkim rollback goo.ne.jp");
    expect(text).toContain("To continue: byodkim run phase-7 goo.ne.jp --resume");
  });
});

describe("run --resume reads the walk journal as it is (in process, journal on disk)", () => {
  const walkJournal = (journal: JournalStore, domain: string, steps: readonly string[]) => {
    const opened = journal.open("run-phase-7", domain, "walk0001");
    opened.append("walk-started", { runbook: "phase-7", domain });
    for (const step of steps) opened.append("step-done", { step });
    return opened.path;
  };

  it("skips a torn last line with a warning, keeping the steps before it", async () => {
    const journal = diskJournal();
    const path = walkJournal(journal, DOMAIN, [phase7.steps[0]!.id, phase7.steps[1]!.id]);
    appendFileSync(path, '{"at":"2026-11-25T10:00:09.000Z","event":"step-do');
    const show = shown(journal);
    expect(show.steps.slice(0, 3).map((step) => step.status)).toEqual(["done", "done", "pending"]);
    expect(show.warnings.map((warning) => warning.code)).toEqual(["journal.tornLine"]);
    const world = newWorld({ key, journal });
    const resumed = await walk(world, ["n"], true);
    const text = printed(world, resumed);
    expect(resumed.exitCode).toBe(ExitCode.declined);
    expect(text).not.toContain("[2/16]");
    expect(text).toContain("[3/16]");
    expect(text).toContain(`journal ${path}: its last line is incomplete`);
  });

  it("never takes my-goo.ne.jp's finished walk for goo.ne.jp's", async () => {
    const journal = diskJournal();
    walkJournal(
      journal,
      `my-${DOMAIN}`,
      phase7.steps.map((step) => step.id),
    );
    expect(shown(journal).steps.every((step) => step.status === "pending")).toBe(true);
    const world = newWorld({ key, journal });
    const resumed = await walk(world, ["n"], true);
    const text = printed(world, resumed);
    expect(resumed.exitCode).toBe(ExitCode.declined);
    expect(text).toContain("[1/16]");
    expect(text).not.toContain("is complete");
    expect(world.mutations()).toEqual([]);
  });
});
