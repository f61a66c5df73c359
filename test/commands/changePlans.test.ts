import { describe, expect, it } from "vitest";
import { enable } from "../../src/commands/enable.js";
import { rollback } from "../../src/commands/rollback.js";
import type { ChangeResult } from "../../src/engine/change/changeTypes.js";
import { ExitCode } from "../../src/errors.js";
import { changeJson, renderChangeText, renderPlan } from "../../src/ui/renderChange.js";
import { displayWidth } from "../../src/ui/displayWidth.js";
import { createOutput } from "../../src/ui/output.js";
import { plainOutput } from "../support/plainOutput.js";
import { DOMAIN, fakeWorld as newWorld } from "../support/fakeWorld.js";
import { generateTestKey } from "../support/keys.js";

type World = ReturnType<typeof newWorld>;
const key = generateTestKey(2048);
const out = plainOutput();

const enableIn = (world: World, dryRun = false) =>
  enable(world.ctx, { domain: DOMAIN, selector: undefined, yes: true, dryRun, waitSeconds: 60, forceUnlock: false });
const rollbackIn = (world: World, to: "previous" | "disable", dryRun = false) =>
  rollback(world.ctx, { domain: DOMAIN, to, yes: true, dryRun, reason: "test", forceUnlock: false });
/** What a dry run prints on stdout: the plan, then the result. */
const printed = (result: ChangeResult) => `${renderPlan(out, result.plan!)}\n${renderChangeText(out, result)}`;
/** The `--json` document's plan. */
const planJson = (result: ChangeResult) => changeJson(out, result)["plan"] as { earlierJournal: string | null; recordOnly: boolean };

/** The plan's lines under a label, up to the next label. */
const planRow = (stdout: string, label: string): string => {
  const lines = stdout.split("\n");
  const start = lines.findIndex((line) => line.startsWith(`  ${label} `));
  expect(start).toBeGreaterThanOrEqual(0);
  const rest = lines.slice(start + 1);
  const end = rest.findIndex((line) => /^ {2}\S/.test(line));
  return [lines[start], ...rest.slice(0, end)].join("\n");
};

describe("the next enable's plan after an earlier run (in process, fakes)", () => {
  it("does not claim to finish an earlier run whose first call failed and changed nothing", async () => {
    const world = newWorld({ key });
    world.fail("PutEmailIdentityDkimSigningAttributes");
    const failed = await enableIn(world);
    expect(failed).toMatchObject({ outcome: "failedDuringChange", sesChange: "none", exitCode: ExitCode.awsFailureDuringChange });

    const next = await enableIn(world, true);
    expect(next.exitCode).toBe(ExitCode.ok);
    expect(printed(next)).toContain("PutEmailIdentityDkimSigningAttributes");
    expect(printed(next)).not.toMatch(/earlier run left undone/);
    expect(planJson(next).earlierJournal).toBeNull();
  });

  it("still says so after an earlier run that made its first call and failed at the second", async () => {
    const world = newWorld({ key, dkim: { signingEnabled: false } });
    world.fail("PutEmailIdentityDkimAttributes", { times: 100 });
    const failed = await enableIn(world);
    expect(failed.exitCode).toBe(ExitCode.awsFailureDuringChange);
    expect(failed.sesChange).toBe("partial");
    const next = await enableIn(world, true);
    expect(planJson(next).earlierJournal).toBe(failed.journalPath);
  });

  it("after a rollback whose calls went through and whose record failed, the next rollback says only that record is left, not calls left undone", async () => {
    const world = newWorld({ key });
    expect((await enableIn(world)).outcome).toBe("completed");
    world.fail("PutSecretValue", { times: 4 });
    const unrecorded = await rollbackIn(world, "previous");
    // A rollback's record is optional: it ends 0 with a warning, its journal saying the record was not written.
    expect(unrecorded.exitCode).toBe(ExitCode.ok);
    expect(world.journalEvents(unrecorded.journalPath)).toContain("state-not-recorded");
    expect(world.dkim.origin).toMatch(/^AWS_SES/);
    // Its new CNAMEs were not published in time: the next rollback puts Easy DKIM again, a call to make.
    world.dkim.status = "FAILED";

    const next = await rollbackIn(world, "previous", true);
    expect(next.exitCode).toBe(ExitCode.ok);
    expect(printed(next)).not.toContain("left undone");
    expect(printed(next)).toContain("made its calls but did not write its record");
    expect(planJson(next)).toMatchObject({ recordOnly: false, earlierJournal: expect.any(String) });
  });
});

describe("what the plan says rollback will do is what rollback does (in process, fakes)", () => {
  it("enable's plan: --to previous brings Easy DKIM back with new tokens, PENDING until three new CNAMEs, mail meanwhile signed by amazonses.com only; --to disable turns signing off", async () => {
    const world = newWorld({ key });
    const oldTokens = [...world.dkim.tokens];
    const planned = await enableIn(world, true);
    expect(planned.exitCode).toBe(ExitCode.ok);
    const row = planRow(printed(planned), "rollback");
    // Not "restores … tokens <old>, status SUCCESS": SES hands out new tokens and starts over.
    expect(row).not.toContain(oldTokens[0]);
    expect(row).not.toContain("status SUCCESS");
    expect(row).toContain("byodkim rollback goo.ne.jp (--to previous, the default)");
    expect(row).toContain("three new tokens");
    expect(row).toContain("PENDING until the DNS team publishes their three CNAMEs");
    expect(row).toContain("carries only SES's amazonses.com signature");
    expect(row).toContain("DMARC");
    expect(row).toContain("byodkim rollback goo.ne.jp --to disable");

    // And so it goes: after enable, the rollback the plan named leaves new tokens, not yet verified.
    expect((await enableIn(world)).outcome).toBe("completed");
    const rolledBack = await rollbackIn(world, "previous");
    expect(rolledBack.exitCode).toBe(ExitCode.ok);
    expect(world.dkim.tokens).toHaveLength(3);
    expect(world.dkim.tokens.some((token) => oldTokens.includes(token))).toBe(false);
    expect(world.dkim.status).not.toBe("SUCCESS");
  });

  it("rollback's own plan says how the domain's mail goes meanwhile, before the question", async () => {
    const world = newWorld({ key });
    expect((await enableIn(world)).outcome).toBe("completed");
    const previous = await rollbackIn(world, "previous", true);
    expect(previous.exitCode).toBe(ExitCode.ok);
    expect(planRow(printed(previous), "meanwhile")).toContain("PENDING until the DNS team publishes their three CNAMEs");
    const disable = await rollbackIn(world, "disable", true);
    expect(planRow(printed(disable), "meanwhile")).toContain("signing off at once");
    expect(planRow(printed(disable), "meanwhile")).toContain("DMARC");
  });
});

describe("the plan on a narrow terminal", () => {
  const sink = { write: () => true };
  const terminal = (columns: number, lang: "en" | "ja") =>
    createOutput({ stdout: { write: () => true, isTTY: true, columns }, stderr: sink, env: {}, json: false, lang, colorFlag: false, verbose: false });

  it.each<["en" | "ja"]>([["en"], ["ja"]])("folds each row under itself within the width, and keeps each printed command whole (%s)", async (lang) => {
    const world = newWorld({ key });
    const planned = await enableIn(world, true);
    const text = renderPlan(terminal(100, lang), planned.plan!);
    const lines = text.split("\n");
    expect(lines.filter((line) => displayWidth(line) > 100)).toEqual([]);
    // The undo commands, each on one line as it runs.
    expect(lines.some((line) => line.includes(`byodkim rollback ${DOMAIN}`))).toBe(true);
    expect(lines.some((line) => line.includes(`byodkim rollback ${DOMAIN} --to disable`))).toBe(true);
    // A folded line hangs under its value, not at the left edge.
    expect(lines.slice(1).filter((line) => line !== "" && !line.startsWith("  "))).toEqual([]);
    // Off a terminal nothing is folded.
    expect(renderPlan(plainOutput(lang), planned.plan!).split("\n").length).toBeLessThan(lines.length);
  });

  it.each<["en" | "ja"]>([["en"], ["ja"]])("folds the change's result too, leaving only a printed command or the journal's path wider (%s)", async (lang) => {
    const world = newWorld({ key });
    const done = await enableIn(world);
    const lines = renderChangeText(terminal(60, lang), done).split("\n");
    const wide = lines.filter((line) => displayWidth(line) > 60);
    expect(wide.filter((line) => !/^ *byodkim /.test(line) && !line.includes(done.journalPath!))).toEqual([]);
    expect(lines.length).toBeGreaterThan(renderChangeText(plainOutput(lang), done).split("\n").length);
  });
});
