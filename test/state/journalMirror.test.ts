import { lstatSync, mkdtempSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ByodkimError } from "../../src/errors.js";
import type { Msg } from "../../src/messages/msg.js";
import { msg } from "../../src/messages/msg.js";
import { createJournalStore } from "../../src/state/journal.js";
import { mirrorJournals } from "../../src/state/journalMirror.js";
import { fakeJournalBucket } from "../support/fakeJournalBucket.js";

const location = { bucket: "journal-bucket", prefix: "byodkim/journal/" };
const never = new Promise<void>(() => {});

function mirrored(bucket = fakeJournalBucket(), directory = mkdtempSync(join(tmpdir(), "byodkim-mirror-"))) {
  let t = Date.parse("2026-12-01T00:00:00Z");
  const warnings: Msg[] = [];
  let bound = () => never;
  const store = mirrorJournals(
    createJournalStore(directory, () => {
      t += 1000;
      return new Date(t);
    }),
    { port: bucket.port, location, directory, warn: (said) => void warnings.push(...said), recallBound: () => bound() },
  );
  return { store, bucket, directory, warnings, boundRecallAt: (promise: Promise<void>) => (bound = () => promise) };
}

const runJournal = (text: string) =>
  text
    .split("\n")
    .filter(Boolean)
    .map((line) => JSON.parse(line).event as string);

describe("the journal's mirror in S3 (fake bucket)", () => {
  it("copies the journal at a call boundary, under <prefix><domain>/<file name>, and as it stands at the end", async () => {
    const { store, bucket } = mirrored();
    const journal = store.open("rotate", "goo.ne.jp", "run1");
    journal.append("run-started", { domain: "goo.ne.jp" });
    journal.append("call-done", { call: "PutEmailIdentityDkimSigningAttributes" });
    journal.boundary?.();
    // The fake bucket answers within the same turn: once the queue has drained, the copy is there.
    await new Promise(setImmediate);
    expect(bucket.puts.map((put) => runJournal(put.text))).toEqual([["run-started", "call-done"]]);
    journal.append("ended", { outcome: "completed" });
    await store.settle(never);
    const key = `byodkim/journal/goo.ne.jp/${journal.path.split("/").pop()}`;
    expect(bucket.puts.map((put) => put.key)).toEqual([key, key]);
    expect(bucket.objects.get(key)).toBe(readFileSync(journal.path, "utf8"));
  });

  it("sends a burst of boundaries as one upload running and one waiting, never one each", async () => {
    const { store, bucket } = mirrored();
    bucket.faults.holdPuts = true;
    const journal = store.open("enable", "goo.ne.jp", "run1");
    journal.append("run-started", { domain: "goo.ne.jp" });
    for (let call = 0; call < 5; call++) {
      journal.append("call-done", { call });
      journal.boundary?.();
    }
    bucket.releaseHeld();
    await store.settle(never);
    expect(bucket.puts.length).toBeLessThanOrEqual(3);
    expect(runJournal(bucket.puts.at(-1)!.text)).toHaveLength(6);
  });

  it("says once that a copy failed, journals it, and keeps the run's own journal whole", async () => {
    const { store, bucket, warnings } = mirrored();
    bucket.faults.put = new ByodkimError("aws", msg("aws.accessDenied", { service: "S3", action: "s3:PutObject", resource: "x" } as never));
    const journal = store.open("enable", "goo.ne.jp", "run1");
    journal.append("run-started", { domain: "goo.ne.jp" });
    journal.boundary?.();
    journal.append("call-done", {});
    journal.boundary?.();
    await store.settle(never);
    expect(warnings.map((warning) => warning.key)).toEqual(["journal.mirror.putFailed", "aws.accessDenied"]);
    expect(warnings[0]!.params).toMatchObject({ bucket: "journal-bucket" });
    const events = runJournal(readFileSync(journal.path, "utf8"));
    expect(events).toEqual(["run-started", "call-done", "journal-mirror-failed"]);
  });

  it("waits for the last copy no longer than the run's bound, and says the copy was unfinished", async () => {
    const { store, bucket, warnings } = mirrored();
    bucket.faults.holdPuts = true;
    store.open("enable", "goo.ne.jp", "run1").append("run-started", { domain: "goo.ne.jp" });
    await store.settle(Promise.resolve());
    expect(warnings.map((warning) => warning.key)).toEqual(["journal.mirror.unfinished"]);
    bucket.releaseHeld();
  });
});

describe("reading the mirrored journals back", () => {
  const journalText = (domain: string, command = "enable") =>
    `${JSON.stringify({ at: "2026-12-01T00:00:01.000Z", event: "run-started", command, runId: "abc12345", domain })}\n`;

  it("copies a domain's journals into an empty folder, where list and read find them", async () => {
    const { store, bucket, directory } = mirrored();
    const name = "2026-12-01T00-00-01-000Z-goo.ne.jp-enable-abc12345.jsonl";
    bucket.objects.set(`byodkim/journal/goo.ne.jp/${name}`, journalText("goo.ne.jp"));
    bucket.objects.set("byodkim/journal/other.example/2026-12-01T00-00-01-000Z-other.example-enable-abc12346.jsonl", journalText("other.example"));
    expect(await store.recall?.("goo.ne.jp")).toEqual([]);
    expect(readdirSync(directory)).toEqual([name]);
    expect(store.list("goo.ne.jp").paths).toEqual([join(directory, name)]);
    expect(lstatSync(join(directory, name)).mode & 0o777).toBe(0o600);
    expect(await store.recall?.(undefined)).toEqual([]);
    expect(readdirSync(directory)).toHaveLength(2);
  });

  it("never writes over a local journal, never through a link, and takes only journals filed under their own domain", async () => {
    const { store, bucket, directory } = mirrored();
    const mine = "2026-12-01T00-00-01-000Z-goo.ne.jp-enable-abc12345.jsonl";
    const linked = "2026-12-01T00-00-02-000Z-goo.ne.jp-rotate-abc12347.jsonl";
    const target = join(mkdtempSync(join(tmpdir(), "byodkim-mirror-elsewhere-")), "target");
    writeFileSync(join(directory, mine), "local\n");
    symlinkSync(target, join(directory, linked));
    bucket.objects.set(`byodkim/journal/goo.ne.jp/${mine}`, journalText("goo.ne.jp"));
    bucket.objects.set(`byodkim/journal/goo.ne.jp/${linked}`, journalText("goo.ne.jp", "rotate"));
    // Filed under goo.ne.jp, but its first entry names another domain.
    bucket.objects.set("byodkim/journal/goo.ne.jp/2026-12-01T00-00-03-000Z-goo.ne.jp-enable-abc12348.jsonl", journalText("evil.example"));
    bucket.objects.set("byodkim/journal/goo.ne.jp/../x-goo.ne.jp-enable-1.jsonl", journalText("goo.ne.jp"));
    bucket.objects.set("byodkim/journal/goo.ne.jp/notes.txt", "x");
    await store.recall?.("goo.ne.jp");
    expect(readFileSync(join(directory, mine), "utf8")).toBe("local\n");
    expect(lstatSync(join(directory, linked)).isSymbolicLink()).toBe(true);
    expect(() => lstatSync(target)).toThrow();
    expect(readdirSync(directory).sort()).toEqual([mine, linked].sort());
  });

  it("says which bucket could not be listed, and fails nothing", async () => {
    const { store, bucket } = mirrored();
    bucket.faults.list = new Error("AccessDenied");
    const warnings = (await store.recall?.("goo.ne.jp")) ?? [];
    expect(warnings.map((warning) => warning.key)).toEqual(["journal.mirror.listFailed"]);
    expect(warnings[0]!.params).toMatchObject({ bucket: "journal-bucket", prefix: "byodkim/journal/goo.ne.jp/" });
  });

  it("goes on with the local journals when the bucket is slower than the bound", async () => {
    const { store, bucket, boundRecallAt } = mirrored();
    bucket.port.list = () => new Promise<string[]>(() => {});
    boundRecallAt(Promise.resolve());
    expect((await store.recall?.("goo.ne.jp"))?.map((warning) => warning.key)).toEqual(["journal.mirror.recallSlow"]);
  });
});
