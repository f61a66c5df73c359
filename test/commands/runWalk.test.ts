import { appendFileSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, dirname, join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
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
import { listRuns } from "../../src/commands/report/report.js";
import { listWalks } from "../../src/runbook/walkJournal.js";
import { renderChangeText } from "../../src/ui/renderChange.js";
import { renderRunListText } from "../../src/ui/renderReport.js";
import { renderRunbookMarkdown, renderWalkChecked, renderWalkResumed, renderWalkStep, renderWalkText, runbookShowJson } from "../../src/ui/renderRunbook.js";
import { plainOutput } from "../support/plainOutput.js";
import { DOMAIN, fakeWorld as newWorld, OPERATOR, SELECTOR } from "../support/fakeWorld.js";
import { generateTestKey } from "../support/keys.js";
import { dkimSigned } from "../support/receivedMail.js";

type World = ReturnType<typeof newWorld>;
const key = generateTestKey(2048);
const phase7 = findRunbook("phase-7");
const out = plainOutput();
// Answers in the order phase-7 asks: 7 confirms, the typed domain for enable, 1 post-check confirm, then the test mail's address and received file.
const BEFORE_ENABLE = ["y", "y", "y", "y", "y", "y", "y"];
const ENABLE = ["goo.ne.jp"];
const TEST_ADDRESS = "dkim-check@example.org";
const received = { good: "", tampered: "" };
const afterEnable = () => ["y", TEST_ADDRESS, received.good];

/** The test message as the operator saved it on arrival, signed with the fake world's key for the enabled selector. */
beforeAll(async () => {
  const message = `From: byodkim-verify@${DOMAIN}\r\nTo: ${TEST_ADDRESS}\r\nSubject: DKIM check\r\nDate: Wed, 25 Nov 2026 19:00:00 +0900\r\nMessage-ID: <walk@${DOMAIN}>\r\n\r\nSent by byodkim verify.\r\n`;
  const signed = await dkimSigned(message, DOMAIN, SELECTOR, key.pem);
  const dir = mkdtempSync(join(tmpdir(), "byodkim-walk-eml-"));
  received.good = join(dir, "good.eml");
  received.tampered = join(dir, "tampered.eml");
  writeFileSync(received.good, signed);
  writeFileSync(received.tampered, signed.replace("Sent by byodkim verify.", "Sent by someone else."));
});

const walk = (world: World, answers: readonly string[], resume = false, ctx = world.ctx, home?: string) => {
  for (const answer of answers) world.answer(answer);
  return runWalk(
    ctx,
    { runbookId: "phase-7", domain: DOMAIN, selector: undefined, resume, yes: false, waitSeconds: 60, home },
    { verify, enable, rotate, keygen, retire, rollback },
  );
};
/** Everything the walk printed: what a resume skips, each step's header and answer, each change's result, then the walk's own ending. */
function printed(world: World, result: WalkResult): string {
  const said = world.events.flatMap((event) => {
    switch (event.type) {
      case "walkResumed":
        return [renderWalkResumed(out, event.runbook, event.domain, event.done)];
      case "walkStep":
        return [renderWalkStep(out, event.runbook, event.step, event.index, event.dashboardUrl)];
      case "walkChecked":
        return [renderWalkChecked(out, event.done)];
      case "changeEnded":
        return [renderChangeText(out, event.result)];
      default:
        return [];
    }
  });
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
    // The fake prompter answers "" once its answers run out: not a yes, so the check is not done and the walk pauses there.
    expect(statuses).toContain("cloudwatch-logs:notDone");

    const resumed = await walk(world, afterEnable(), true);
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

  it("answered n at a human check after enable: not done, not a tick; the walk pauses there and says what changed", async () => {
    const world = newWorld({ key });
    const result = await walk(world, [...BEFORE_ENABLE, ...ENABLE, "n"]);
    expect(result.exitCode).toBe(ExitCode.declined);
    const text = printed(world, result);
    const atTheCheck = text.slice(text.indexOf("[14/16]"));
    expect(atTheCheck).toContain("– not done: the walk stops here, before any step after it");
    expect(atTheCheck.split("Runbook phase-7")[0]).not.toContain("✔");
    expect(text).not.toContain("[15/16]");
    expect(result.steps.find((step) => step.id === "cloudwatch-logs")?.status).toBe("notDone");
    expect(shown(world.ctx.journal).steps.find((step) => step.id === "cloudwatch-logs")?.status).toBe("notDone");
    expect(text).not.toContain("nothing changed");
    expect(text).not.toContain("nothing was changed");
    expect(text).toContain("Runbook phase-7 paused at step cloudwatch-logs for goo.ne.jp: it is not done yet.");
    expect(text).toContain("Why: you answered that cloudwatch-logs is not done; nothing after it ran");
    expect(text).toContain("13 of 16 steps done: 7 checked off by a person, 6 run by byodkim (0 of them by an earlier walk).");
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

describe("a walk says what each step did, and keeps the record (in process, fakes)", () => {
  it("on --resume lists the steps already done, when and by whom, before going on", async () => {
    const journal = diskJournal();
    const world = newWorld({ key, journal });
    printed(world, await walk(world, [...BEFORE_ENABLE, ...ENABLE, "n"]));
    const resumed = await walk(world, afterEnable(), true);
    const text = printed(world, resumed);
    const listing = text.slice(0, text.indexOf("[14/16]"));
    expect(listing).toContain("Resuming phase-7 for goo.ne.jp: 13 steps already done, skipped:");
    expect(listing).toMatch(
      new RegExp(
        `✔  1\\. The DNS team has confirmed the TXT record is set \\(checked off 2026-11-25 09:00 UTC by ${OPERATOR.replace(/[/.]/g, "\\$&")} on test-host\\)`,
      ),
    );
    expect(listing).toMatch(
      /✔ 11\. Enable BYODKIM \(Steps 22-23\) \(run 2026-11-25 09:0\d UTC by arn:aws:sts::\d+:assumed-role\/MailOps\/operator on test-host\)/,
    );
    expect(resumed.steps.find((step) => step.id === "enable")?.done).toMatchObject({ operator: OPERATOR, host: "test-host", byHand: false });
  });

  it("shows the configured dashboard at the steps that send the operator there, and says when none is configured", async () => {
    const world = newWorld({ key });
    const url = "https://dashboards.example.org/byodkim";
    const withUrl = printed(world, await walk(world, ["y", "n"], false, { ...world.ctx, config: { ...world.ctx.config, dashboardUrl: url } }));
    const atDashboard = withUrl.slice(withUrl.indexOf("[5/16]"));
    expect(atDashboard).toContain(`Dashboard: ${url}`);
    expect(withUrl.slice(0, withUrl.indexOf("[5/16]"))).not.toContain("Dashboard:");
    const without = printed(world, await walk(world, ["y", "n"]));
    expect(without).toContain("Dashboard: no dashboardUrl in the config");
  });

  it("runs the test mail itself: sends to the address given, checks the received message's signature, and shows both", async () => {
    const world = newWorld({ key });
    const result = await walk(world, [...BEFORE_ENABLE, ...ENABLE, ...afterEnable()]);
    const verdicts = world.events.flatMap((event) => (event.type === "checklist" ? event.gates.map((gate) => `${gate.id}:${gate.status}`) : []));
    expect(verdicts.slice(-2)).toEqual(["sendTest:pass", "eml:pass"]);
    const text = printed(world, result);
    expect(result.exitCode).toBe(ExitCode.ok);
    expect(world.calls.filter((name) => name === "SendEmail")).toHaveLength(1);
    expect(text).toContain("Runbook phase-7 is complete for goo.ne.jp.");
    expect(text).toContain("16 of 16 steps done: 8 checked off by a person, 8 run by byodkim (0 of them by an earlier walk).");
    expect(result.steps.find((step) => step.id === "test-mail")?.status).toBe("done");

    const tampered = newWorld({ key });
    const refused = await walk(tampered, [...BEFORE_ENABLE, ...ENABLE, "y", TEST_ADDRESS, received.tampered]);
    expect(refused.exitCode).toBe(ExitCode.checkFailed);
    expect(refused.stoppedAt).toBe("test-mail");
    const checklists = tampered.events.filter((event) => event.type === "checklist").at(-1);
    expect(checklists?.type === "checklist" && checklists.gates.map((gate) => `${gate.id}:${gate.status}`)).toEqual(["eml:fail"]);
  });

  it("asks again for a received file it cannot read, and takes it dropped in quotes or typed with ~/", async () => {
    const world = newWorld({ key });
    const home = dirname(received.good);
    const result = await walk(
      world,
      [...BEFORE_ENABLE, ...ENABLE, "y", TEST_ADDRESS, `${home}/not-saved-yet.eml`, `'~/${basename(received.good)}'`],
      false,
      world.ctx,
      home,
    );
    expect(result.exitCode).toBe(ExitCode.ok);
    const said = world.events.flatMap((event) => (event.type === "step" ? [event.message.key] : []));
    expect(said).toContain("verify.emlUnreadable");
    expect(result.steps.find((step) => step.id === "test-mail")?.status).toBe("done");
  });

  it("leaves the test mail not done, not failed, when no file it asks for can be read", async () => {
    const world = newWorld({ key });
    const missing = "/nonexistent/received.eml";
    const result = await walk(world, [...BEFORE_ENABLE, ...ENABLE, "y", TEST_ADDRESS, missing, missing, missing]);
    expect(result.exitCode).toBe(ExitCode.declined);
    expect(result.steps.find((step) => step.id === "test-mail")?.status).toBe("notDone");
  });

  it("inside a walk enable's own 'Next:' line is not printed: the walk says what comes next", async () => {
    const world = newWorld({ key });
    const text = printed(world, await walk(world, [...BEFORE_ENABLE, ...ENABLE, "n"]));
    expect(text).toContain("[11/16] Enable BYODKIM");
    expect(text).not.toContain("Next: byodkim verify");
    expect(text).toContain("[12/16] SES BYODKIM settings confirmed");
  });

  it("report --list shows the walk with each human check-off, and runbook export --run ticks its steps", async () => {
    const journal = diskJournal();
    const world = newWorld({ key, journal });
    const result = await walk(world, [...BEFORE_ENABLE, ...ENABLE, "n"]);
    const directory = result.journalPath.slice(0, result.journalPath.lastIndexOf("/"));
    const list = renderRunListText(out, listRuns(directory));
    expect(list).toContain("Runbook walks, with each human check-off:");
    expect(list).toMatch(/run phase-7 {2}goo\.ne\.jp {2}\S+ {2}paused at cloudwatch-logs \(not done\)/);
    expect(list).toContain(`✔ dns-team-notified: checked off 2026-11-25 09:00 UTC by ${OPERATOR} on test-host`);
    expect(list).not.toMatch(/✔ enable:/);

    const [walked] = listWalks(directory).walks;
    const markdown = renderRunbookMarkdown(out, phase7, walked);
    expect(markdown).toContain(`- [x] The DNS team has confirmed the TXT record is set — checked off 2026-11-25 09:00 UTC by ${OPERATOR} on test-host`);
    expect(markdown).toMatch(/- \[x\] Enable BYODKIM \(Steps 22-23\) \(byodkim enable\) — run /);
    expect(markdown).toContain("- [ ] CloudWatch logs checked — not done");
    expect(markdown).toContain("- [ ] Test mail sent and its DKIM signature checked (byodkim verify)");
  });
});
