import { appendFileSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { enable } from "../../src/commands/enable.js";
import { rollback } from "../../src/commands/rollback.js";
import type { RollbackTarget } from "../../src/engine/change/rollbackChoice.js";
import { ByodkimError, ExitCode } from "../../src/errors.js";
import { msg } from "../../src/messages/msg.js";
import { createJournalStore } from "../../src/state/journal.js";
import { changeJson } from "../../src/ui/renderChange.js";
import { DOMAIN, fakeWorld as newWorld, SELECTOR } from "../support/fakeWorld.js";
import { generateTestKey } from "../support/keys.js";
import { keyFree, plainOutput } from "../support/plainOutput.js";

type World = ReturnType<typeof newWorld>;
const key = generateTestKey(2048);
const fakeWorld = (options: Parameters<typeof newWorld>[0] = {}) => newWorld({ key, ...options });
const enableIn = (world: World, selector?: string) =>
  enable(world.ctx, { domain: DOMAIN, selector, yes: true, dryRun: false, waitSeconds: 60, forceUnlock: false });
const rollbackIn = (world: World, to?: RollbackTarget, yes = true) =>
  rollback(world.ctx, { domain: DOMAIN, to, yes, dryRun: false, reason: "test", forceUnlock: false });
const jsonOf = (result: Awaited<ReturnType<typeof rollback>>) => {
  const document = changeJson(plainOutput("en", true), result);
  keyFree(JSON.stringify(document), key.canaries);
  return document as { warnings: { code: string; message: string }[]; summary: string } & Record<string, unknown>;
};

/** The fake world over the real journal store on disk: what only files can hold (a torn line, another domain's file) is tested on files. */
function worldOnDisk() {
  let t = Date.parse("2026-11-25T09:00:00Z");
  const journal = createJournalStore(mkdtempSync(join(tmpdir(), "byodkim-rollback-fallbacks-")), () => {
    t += 1000;
    return new Date(t);
  });
  return { journal, world: fakeWorld({ journal }) };
}
const secretsManagerFailing = (world: World) => {
  for (const operation of ["GetSecretValue", "PutSecretValue"]) world.fail(operation, { times: 100 });
};

describe("rollback to where the identity was (in process, fakes)", () => {
  it("--to previous restores an EXTERNAL predecessor with its own key from S3", async () => {
    const world = fakeWorld();
    expect((await enableIn(world)).outcome).toBe("completed");
    // A newer key, published and uploaded, is enabled on top: its snapshot is the first selector.
    const newer = "gooid-21-pro-20251001-1";
    world.uploadKey(newer);
    expect((await enableIn(world, newer)).exitCode).toBe(ExitCode.ok);
    expect(world.dkim.tokens).toEqual([newer]);

    const result = await rollbackIn(world);
    expect(result.exitCode).toBe(ExitCode.ok);
    expect(result).toMatchObject({ plan: { details: { target: "previous", previousSelector: SELECTOR } } });
    expect(world.dkim).toMatchObject({ origin: "EXTERNAL", tokens: [SELECTOR], signingEnabled: true });
    expect(world.state()).toMatchObject({ byodkim_enabled: true, rollback_target: "previous" });
  });

  it("works after a half-failed enable (only Step 22 done)", async () => {
    const world = fakeWorld({ dkim: { signingEnabled: false } });
    world.fail("PutEmailIdentityDkimAttributes", { times: 1 });
    expect((await enableIn(world)).exitCode).toBe(ExitCode.awsFailureDuringChange);
    expect(world.dkim).toMatchObject({ origin: "EXTERNAL", signingEnabled: false });
    const result = await rollbackIn(world, "previous");
    expect(result.exitCode).toBe(ExitCode.ok);
    expect(world.dkim).toMatchObject({ origin: "AWS_SES", signingEnabled: false });
  });

  it("exits 3 and changes nothing when the operator does not type the domain", async () => {
    const world = fakeWorld();
    expect((await enableIn(world)).exitCode).toBe(ExitCode.ok);
    const before = world.calls.length;
    world.answer("no");
    const result = await rollbackIn(world, undefined, false);
    expect(result).toMatchObject({ outcome: "declined", exitCode: ExitCode.declined });
    expect(world.calls.slice(before).filter((name) => name.startsWith("Put"))).toEqual([]);
  });
});

describe("rollback when Secrets Manager fails (in process, fakes)", () => {
  it("falls back to the local journal, and says so; never to another domain's journal", async () => {
    const { world, journal } = worldOnDisk();
    const enabled = await enableIn(world);
    expect(enabled.exitCode).toBe(ExitCode.ok);
    // A newer enable of my-goo.ne.jp on the same machine: its file name contains "-goo.ne.jp-" too.
    const theirs = journal.open("enable", `my-${DOMAIN}`, "other001");
    theirs.append("run-started", { command: "enable", domain: `my-${DOMAIN}` });
    theirs.append("snapshot", { snapshot: { origin: "EXTERNAL", tokens: ["my-goo-1"], signingEnabled: true }, restorable: true });
    expect(theirs.path.includes(`-${DOMAIN}-`)).toBe(true);
    secretsManagerFailing(world);

    const result = await rollbackIn(world, "previous");
    expect(result.exitCode).toBe(ExitCode.ok);
    const document = jsonOf(result);
    expect(document).toMatchObject({
      outcome: "completed",
      plan: { details: { snapshotSource: "journal", previousSelector: null, snapshot: { origin: "AWS_SES" } } },
    });
    const codes = document.warnings.map((warning) => warning.code);
    expect(codes).toEqual(expect.arrayContaining(["rollback.secretUnreadable", "rollback.fromJournal", "change.stateNotRecorded"]));
    expect(document.warnings.find((warning) => warning.code === "rollback.fromJournal")?.message).toContain(enabled.journalPath);
    // The lock is an S3 object: Secrets Manager failing does not cost the rollback its lock.
    expect(codes).not.toContain("change.noLock");
    expect(world.dkim).toMatchObject({ origin: "AWS_SES" });
  });

  it("--to disable goes ahead when the journal it falls back to has a torn last line, and says so", async () => {
    const { world } = worldOnDisk();
    const enabled = await enableIn(world);
    expect(enabled.exitCode).toBe(ExitCode.ok);
    // What a run killed in the middle of an append leaves behind.
    appendFileSync(enabled.journalPath!, '{"at":"2026-11-25T10:00:09.000Z","event":"lock-rel');
    secretsManagerFailing(world);
    const result = await rollbackIn(world, "disable");
    expect(result.exitCode).toBe(ExitCode.ok);
    expect(jsonOf(result).warnings).toContainEqual({
      code: "journal.tornLine",
      message: `journal ${enabled.journalPath}: its last line is incomplete (a run stopped while writing it) and was skipped`,
    });
    expect(world.dkim).toMatchObject({ signingEnabled: false });
  });

  const serverError = new ByodkimError(
    "aws",
    msg("aws.serverError", { service: "Secrets Manager", action: "GetSecretValue", name: "InternalServiceError", requestId: "-" }),
  );
  it.each([
    ["fails", { times: 100, error: serverError }],
    ["is denied", { times: 100 }],
  ] as const)(
    "with no history (the state secret %s, no local journal), rollback --yes leaves a healthy Easy DKIM identity signing, and says why",
    async (_what, fault) => {
      const world = fakeWorld();
      world.fail("GetSecretValue", fault);
      let asked = 0;
      world.before("prompt", () => void asked++);
      const result = await rollbackIn(world);
      expect(result.exitCode).toBe(ExitCode.ok);
      const document = jsonOf(result);
      expect(document).toMatchObject({ outcome: "upToDate", plan: { details: { target: "none", history: "unknown" } } });
      expect(document.summary).toContain(`SES does not sign ${DOMAIN} with BYODKIM (origin AWS_SES)`);
      expect(document.summary).toContain(`byodkim rollback ${DOMAIN} --to disable`);
      expect(asked).toBe(0);
      expect(world.mutations()).toEqual([]);
      expect(world.dkim).toMatchObject({ origin: "AWS_SES", signingEnabled: true, status: "SUCCESS" });

      // Turning signing off anyway is asked for by name, and --yes does not answer it.
      const refused = await rollbackIn(world, "disable");
      expect(refused.exitCode).toBe(ExitCode.declined);
      expect(asked).toBe(1);
      expect(world.mutations()).toEqual([]);
      world.answer(DOMAIN);
      const typed = await rollbackIn(world, "disable");
      expect(typed.exitCode).toBe(ExitCode.ok);
      expect(world.dkim).toMatchObject({ signingEnabled: false });
    },
  );
});
