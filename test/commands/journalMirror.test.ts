import { mkdtempSync, readdirSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";
import { describe, expect, it } from "vitest";
import { enable } from "../../src/commands/enable.js";
import { rollback } from "../../src/commands/rollback.js";
import { ExitCode } from "../../src/errors.js";
import type { Msg } from "../../src/messages/msg.js";
import { createJournalStore } from "../../src/state/journal.js";
import { mirrorJournals } from "../../src/state/journalMirror.js";
import { changeJson } from "../../src/ui/renderChange.js";
import { fakeJournalBucket } from "../support/fakeJournalBucket.js";
import { DOMAIN, fakeWorld } from "../support/fakeWorld.js";
import { generateTestKey } from "../support/keys.js";
import { keyFree, plainOutput } from "../support/plainOutput.js";

const key = generateTestKey(2048);
const location = { bucket: "journal-bucket", prefix: "byodkim/journal/" };
const never = new Promise<void>(() => {});

/** A machine's journal folder, mirrored to the one bucket every machine shares. */
function machine(bucket: ReturnType<typeof fakeJournalBucket>) {
  const directory = mkdtempSync(join(tmpdir(), "byodkim-machine-"));
  let t = Date.parse("2026-12-01T09:00:00Z");
  const warnings: Msg[] = [];
  const journal = mirrorJournals(
    createJournalStore(directory, () => {
      t += 1000;
      return new Date(t);
    }),
    { port: bucket.port, location, directory, warn: (said) => void warnings.push(...said), recallBound: () => never },
  );
  return { directory, journal, warnings };
}

const events = (text: string) =>
  text
    .split("\n")
    .filter(Boolean)
    .map((line) => JSON.parse(line).event as string);
const enableOn = (ctx: ReturnType<typeof fakeWorld>["ctx"]) =>
  enable(ctx, { domain: DOMAIN, selector: undefined, yes: true, dryRun: false, waitSeconds: 60, forceUnlock: false });

describe("a change with its journal mirrored to S3 (in process, fakes)", () => {
  it("copies the journal while the calls are made and whole at the end, with no key material", async () => {
    const bucket = fakeJournalBucket();
    const first = machine(bucket);
    const world = fakeWorld({ key, journal: first.journal });
    const result = await enableOn(world.ctx);
    expect(result.outcome).toBe("completed");
    await first.journal.settle(never);
    const objectKey = `byodkim/journal/${DOMAIN}/${basename(result.journalPath!)}`;
    expect(bucket.objects.get(objectKey)).toBe(readFileSync(result.journalPath!, "utf8"));
    // Copies made at the call boundaries, before the run's end was journaled.
    const midRun = bucket.puts.filter((put) => !events(put.text).includes("ended"));
    expect(midRun.some((put) => events(put.text).includes("snapshot"))).toBe(true);
    expect(midRun.some((put) => events(put.text).includes("call-done"))).toBe(true);
    for (const put of bucket.puts) keyFree(put.text, key.canaries);
    expect(first.warnings).toEqual([]);
  });

  it("completes the change when the bucket refuses every copy: a warning and a journal line, nothing more", async () => {
    const bucket = fakeJournalBucket();
    bucket.faults.put = new Error("AccessDenied");
    const first = machine(bucket);
    const world = fakeWorld({ key, journal: first.journal });
    const result = await enableOn(world.ctx);
    await first.journal.settle(never);
    expect(result).toMatchObject({ outcome: "completed", exitCode: ExitCode.ok });
    expect(world.dkim).toMatchObject({ origin: "EXTERNAL", signingEnabled: true });
    expect(first.warnings.map((warning) => warning.key)).toEqual(["journal.mirror.putFailed"]);
    expect(events(readFileSync(result.journalPath!, "utf8"))).toContain("journal-mirror-failed");
  });

  it("lets rollback on a fresh machine find enable's snapshot through the bucket when Secrets Manager fails", async () => {
    const bucket = fakeJournalBucket();
    const first = machine(bucket);
    const world = fakeWorld({ key, journal: first.journal });
    const enabled = await enableOn(world.ctx);
    expect(enabled.outcome).toBe("completed");
    await first.journal.settle(never);

    const fresh = machine(bucket);
    expect(readdirSync(fresh.directory)).toEqual([]);
    for (const operation of ["GetSecretValue", "PutSecretValue"]) world.fail(operation, { times: 100 });
    const result = await rollback(
      { ...world.ctx, journal: fresh.journal },
      { domain: DOMAIN, to: "previous", yes: true, dryRun: false, reason: "test", forceUnlock: false },
    );
    expect(result.exitCode).toBe(ExitCode.ok);
    const document = changeJson(plainOutput("en", true), result) as { warnings: { code: string; message: string }[] };
    expect(result).toMatchObject({ plan: { details: { snapshotSource: "journal", snapshot: { origin: "AWS_SES" } } } });
    const recalled = join(fresh.directory, basename(enabled.journalPath!));
    expect(document.warnings.find((warning) => warning.code === "rollback.fromJournal")?.message).toContain(recalled);
    expect(world.dkim).toMatchObject({ origin: "AWS_SES" });
  });

  it("rolls back all the same when the bucket cannot be listed, saying which bucket", async () => {
    const bucket = fakeJournalBucket();
    const world = fakeWorld({ key });
    expect((await enableOn(world.ctx)).outcome).toBe("completed");
    bucket.faults.list = new Error("AccessDenied");
    for (const operation of ["GetSecretValue", "PutSecretValue"]) world.fail(operation, { times: 100 });
    const fresh = machine(bucket);
    const result = await rollback(
      { ...world.ctx, journal: fresh.journal },
      { domain: DOMAIN, to: "disable", yes: true, dryRun: false, reason: "test", forceUnlock: false },
    );
    expect(result.exitCode).toBe(ExitCode.ok);
    expect(world.dkim).toMatchObject({ signingEnabled: false });
    const document = changeJson(plainOutput("en", true), result) as { warnings: { code: string; message: string }[] };
    expect(document.warnings.find((warning) => warning.code === "journal.mirror.listFailed")?.message).toContain("s3://journal-bucket/byodkim/journal/");
  });
});
