import { describe, expect, it } from "vitest";
import { parseBindTxtLine } from "../../src/dkim/handoff.js";
import { privateKeyObjectKey } from "../../src/config/config.js";
import { SANDBOX_DEFAULTS } from "../../src/sandbox/scenarios.js";
import { printedCommand } from "../support/printedCommand.js";
import { receivedTestMail } from "../support/receivedMail.js";
import { rehearsal } from "../support/rehearsal.js";

const MUTATING = ["PutEmailIdentityDkimSigningAttributes", "PutEmailIdentityDkimAttributes"];
// phase-7: seven confirms, the typed domain for enable.
const THROUGH_ENABLE = "y\ny\ny\ny\ny\ny\ny\ngoo.ne.jp\n";

interface RunDocument {
  command: string;
  runbook: string;
  domain: string;
  ok: boolean;
  outcome: string;
  steps: { id: string; status: string }[];
  journal: string;
  stoppedAt: string | null;
  reason: { code: string; message: string } | null;
  changed: string[];
  sesNow: { origin: string; tokens: string[] } | null;
  undoCommand: string | null;
  resumeCommand: string | null;
}

/** A command as byodkim printed it, as argv for the spawned CLI. */
const argvOf = (command: string) => command.split(" ").slice(1);

// The stop's words (declined after enable: what changed, SES now, undo and resume) are checked in process in test/commands/runWalk.test.ts.
describe("a walk stopped after a step changed SES says what it changed", () => {
  it("input ending at a human check after enable: the run document with the steps, SES now, and undo and resume commands that work as printed", async () => {
    const r = await rehearsal();
    const walk = await r.byodkim(["run", "phase-7", "--json", "--wait", "60"], { stdin: THROUGH_ENABLE });
    expect(walk.code, walk.stderr).toBe(3);
    const run = JSON.parse(walk.stdout) as RunDocument;
    expect(run).toMatchObject({ command: "run", runbook: "phase-7", domain: "goo.ne.jp", ok: false, stoppedAt: "cloudwatch-logs", changed: ["enable"] });
    expect(run.steps.find((step) => step.id === "enable")?.status).toBe("done");
    expect(run.steps.find((step) => step.id === "cloudwatch-logs")?.status).toBe("failed");
    expect(run.journal).toMatch(/run-phase-7/);
    expect(run.reason?.message).not.toContain("nothing was changed");
    expect(run.sesNow).toMatchObject({ origin: "EXTERNAL", tokens: [SANDBOX_DEFAULTS.selector] });
    expect(run.undoCommand).toBe("byodkim rollback goo.ne.jp");
    expect(run.resumeCommand).toBe("byodkim run phase-7 goo.ne.jp --resume");

    const text = await r.byodkim(["runbook", "show", "phase-7", "goo.ne.jp"]);
    expect(text.code).toBe(0);

    // The resume command as printed finishes the walk without a second SES change.
    const resumed = await r.byodkim(argvOf(run.resumeCommand!), { stdin: `y\nops@example.org\n${await receivedTestMail(r)}\n` });
    expect(resumed.code, resumed.stdout + resumed.stderr).toBe(0);
    expect(r.box.world.log.filter((entry) => MUTATING.includes(entry.operation))).toHaveLength(1);
    // And the undo command as printed undoes it.
    const undone = await r.byodkim(argvOf(run.undoCommand!), { stdin: "goo.ne.jp\n" });
    expect(undone.code, undone.stdout + undone.stderr).toBe(0);
    expect(r.identity().dkim.origin).toBe("AWS_SES");
  });
});

describe("run rotate --resume rotates to the key its own keygen step made", () => {
  it("refuses, naming both, when S3's newest key is another one; the resume it names, run as printed once the stray key is gone, rotates to the walk's own key", async () => {
    const { r, made, stray, day2, removeStray } = await strayKeyStop();
    const resume = printedCommand(day2.stdout, "if it is not meant to be used, then");
    expect(resume).toEqual(["run", "rotate", "goo.ne.jp", "--resume"]);
    removeStray();
    // Stakeholders (y), the typed domain, verify, then no test-mail address: not done, the walk pauses (exit 3) after the rotation.
    const day3 = await r.byodkim(resume, { stdin: "y\ngoo.ne.jp\n\n" });
    expect(day3.code, day3.stdout + day3.stderr).toBe(3);
    expect(r.identity().dkim.tokens).toEqual([made]);
    expect(made).not.toBe(stray);
  });

  it("the other command that refusal names, run as printed, rotates to the newest key on purpose", async () => {
    const { r, record, stray, day2 } = await strayKeyStop();
    const onPurpose = printedCommand(day2.stdout, "rotate to it on purpose:");
    expect(onPurpose).toEqual(["run", "rotate", "goo.ne.jp", "--resume", "--selector", stray]);
    for (const records of r.box.world.nameservers) records.push({ name: `${stray}._domainkey.goo.ne.jp`, type: "TXT", data: record.strings });
    const day3 = await r.byodkim(onPurpose, { stdin: "y\ngoo.ne.jp\n\n" });
    expect(day3.code, day3.stdout + day3.stderr).toBe(3);
    expect(r.identity().dkim.tokens).toEqual([stray]);
  });
});

/** A rotate walk whose keygen step made a key (its record published), stopped on day 2 because another key landed in S3 with a newer name. */
async function strayKeyStop() {
  const r = await rehearsal({ scenario: "already-enabled" });
  const day1 = await r.byodkim(["run", "rotate", "--wait", "60"], { stdin: "y\nn\n" });
  expect(day1.code, day1.stdout + day1.stderr).toBe(3);
  const record = parseBindTxtLine(
    day1.stdout
      .split("\n")
      .find((text) => text.includes("._domainkey.goo.ne.jp. 3600 IN TXT"))!
      .trim(),
  )!;
  const made = record.name.split(".")[0]!;
  const published = await fetch(`${r.box.endpoint}/_sandbox/dns`, {
    method: "POST",
    body: JSON.stringify({ name: record.name, type: "TXT", data: record.strings }),
  });
  expect(published.status).toBe(200);

  // Another operator's key lands in S3 with a newer name.
  const stray = made.replace(/-1$/, "-2");
  const { bucket, keyTemplate, domain } = SANDBOX_DEFAULTS;
  const keys = r.box.world.buckets.get(bucket)!;
  // Not the old key (a rotation to it would rotate nothing): the walk's own key, under the newer name.
  keys.set(privateKeyObjectKey(keyTemplate, domain, stray), keys.get(privateKeyObjectKey(keyTemplate, domain, made))!);

  const day2 = await r.byodkim(["run", "rotate", "--resume", "--wait", "60"], { stdin: "y\ny\ngoo.ne.jp\ny\ny\n" });
  expect(day2.code, day2.stdout + day2.stderr).toBe(1);
  expect(day2.stdout).toContain(made);
  expect(day2.stdout).toContain(stray);
  expect(day2.stdout).toContain("stopped at step new-record-answers");
  expect(r.box.world.log.filter((entry) => MUTATING.includes(entry.operation))).toEqual([]);
  return { r, made, record, stray, day2, removeStray: () => keys.delete(privateKeyObjectKey(keyTemplate, domain, stray)) };
}
