import { chmodSync, existsSync, mkdtempSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { PrivateKeyMaterial } from "../../src/dkim/privateKeyMaterial.js";
import { ByodkimError } from "../../src/errors.js";
import { createJournalStore, Journal, journalsFor, parseJournal, readJournal } from "../../src/state/journal.js";
import { checkJournalDirectory, journalDirectory } from "../../src/state/journalDirectory.js";

const tempDir = () => mkdtempSync(join(tmpdir(), "byodkim-journal-unit-"));
const line = (event: string, fields: Record<string, unknown> = {}) => `${JSON.stringify({ at: "2026-11-25T10:00:00.000Z", event, ...fields })}\n`;
const clock = (start = "2025-09-17T01:00:00Z") => {
  let t = Date.parse(start);
  return () => {
    t += 1000;
    return new Date(t);
  };
};

describe("run journal", () => {
  it("appends one JSON line per step, readable back in order, and redacts key material", () => {
    const dir = tempDir();
    const journal = new Journal(dir, "abcd1234", "enable", "goo.ne.jp", clock());
    journal.append("run-started", { domain: "goo.ne.jp", operator: "arn:aws:iam::123456789012:user/a" });
    journal.append("careless", { material: new PrivateKeyMaterial("U0VDUkVUS0VZTUFURVJJQUw=") });
    const { entries, warnings } = readJournal(journal.path);
    expect(entries.map((entry) => entry.event)).toEqual(["run-started", "careless"]);
    expect(entries[1]).toMatchObject({ material: "[private key redacted]" });
    expect(warnings).toEqual([]);
    expect(statSync(journal.path).mode & 0o077).toBe(0);
    expect(journalsFor(dir, "goo.ne.jp")).toEqual({ paths: [journal.path], warnings: [] });
    expect(journalsFor(dir, "example.org")).toEqual({ paths: [], warnings: [] });
  });

  it("lives in ~/.byodkim/journal unless BYODKIM_JOURNAL_DIR or the config says otherwise", () => {
    expect(journalDirectory({}, undefined)).toMatch(/\.byodkim\/journal$/);
    expect(journalDirectory({ HOME: "/home/op" }, undefined)).toBe("/home/op/.byodkim/journal");
    expect(journalDirectory({}, "/var/log/byodkim")).toBe("/var/log/byodkim");
    expect(journalDirectory({ BYODKIM_JOURNAL_DIR: "/tmp/j" }, "/var/log/byodkim")).toBe("/tmp/j");
  });

  it.each([
    ["an empty HOME", ""],
    ["a relative HOME", "."],
  ])("refuses to put journals in the current folder because of %s", (_name, home) => {
    const error = (() => {
      try {
        return journalDirectory({ HOME: home }, undefined);
      } catch (err) {
        return err;
      }
    })();
    expect(error).toBeInstanceOf(ByodkimError);
    expect((error as ByodkimError).what.key).toBe("journal.noHome");
    expect((error as ByodkimError).exitCode).toBe(2);
    expect(journalDirectory({ HOME: home, BYODKIM_JOURNAL_DIR: "/tmp/j" }, undefined)).toBe("/tmp/j");
  });
});

describe("reading a journal back, tolerantly", () => {
  const path = "/j/run.jsonl";
  it.each([
    ["every line whole", line("run-started") + line("call-done"), ["run-started", "call-done"], []],
    [
      "a torn last line (killed mid-write)",
      `${line("run-started")}${line("call-done")}{"at":"2026-11-25T1`,
      ["run-started", "call-done"],
      ["journal.tornLine"],
    ],
    ["a torn last line followed by blank lines", `${line("run-started")}{"at":\n\n`, ["run-started"], ["journal.tornLine"]],
    ["a damaged line in the middle", `${line("run-started")}garbage\n${line("ended")}`, ["run-started", "ended"], ["journal.badLine"]],
    ["JSON that is not an entry", `[1]\n{"at":"x"}\nnull\n${line("ended")}`, ["ended"], ["journal.badLine", "journal.badLine", "journal.badLine"]],
    ["an empty file", "", [], []],
  ])("%s", (_name, text, events, warnings) => {
    const read = parseJournal(text, path);
    expect(read.entries.map((entry) => entry.event)).toEqual(events);
    expect(read.warnings.map((warning) => warning.key)).toEqual(warnings);
  });

  it("names the file and the line it skipped", () => {
    const read = parseJournal(`${line("run-started")}garbage\n${line("ended")}{"at`, path);
    expect(read.warnings).toEqual([
      { key: "journal.badLine", params: { path, line: 2 } },
      { key: "journal.tornLine", params: { path } },
    ]);
  });

  it("says a journal it cannot read was skipped instead of throwing", () => {
    expect(readJournal("/nonexistent/byodkim/journal.jsonl")).toEqual({
      entries: [],
      warnings: [{ key: "journal.unreadable", params: { path: "/nonexistent/byodkim/journal.jsonl" } }],
    });
  });
});

describe("which journals belong to a domain", () => {
  it("matches the domain recorded in the first entry, not a file name that merely contains it", () => {
    const dir = tempDir();
    const store = createJournalStore(dir, clock());
    const ours = store.open("enable", "goo.ne.jp", "aaaa1111");
    ours.append("run-started", { domain: "goo.ne.jp" });
    const theirs = store.open("enable", "my-goo.ne.jp", "bbbb2222");
    theirs.append("run-started", { domain: "my-goo.ne.jp" });
    const walk = store.open("run-phase-7", "my-goo.ne.jp", "cccc3333");
    walk.append("walk-started", { runbook: "phase-7", domain: "my-goo.ne.jp" });

    expect(store.list("goo.ne.jp")).toEqual({ paths: [ours.path], warnings: [] });
    expect(store.list("my-goo.ne.jp")).toEqual({ paths: [walk.path, theirs.path], warnings: [] });
  });

  it("leaves out a journal whose first entry never made it to disk", () => {
    const dir = tempDir();
    writeFileSync(join(dir, "2026-11-25T10-00-00-000Z-goo.ne.jp-enable-dddd4444.jsonl"), '{"at":"2026-11-25T10:00:00.000Z","ev');
    writeFileSync(join(dir, "2026-11-25T10-00-01-000Z-goo.ne.jp-enable-eeee5555.jsonl"), "");
    expect(journalsFor(dir, "goo.ne.jp")).toEqual({ paths: [], warnings: [] });
  });
});

describe("the journal folder is checked before anything is planned", () => {
  it("accepts a writable folder, and one that is not there yet without creating it", () => {
    const dir = tempDir();
    expect(() => checkJournalDirectory(dir)).not.toThrow();
    expect(() => checkJournalDirectory(join(dir, "a", "b"))).not.toThrow();
    expect(existsSync(join(dir, "a"))).toBe(false);
  });

  it("refuses a folder under a file, naming it, exit 2", () => {
    const file = join(tempDir(), "not-a-folder");
    writeFileSync(file, "");
    const target = join(file, "journal");
    const error = (() => {
      try {
        checkJournalDirectory(target);
      } catch (err) {
        return err as ByodkimError;
      }
    })();
    expect(error?.what).toEqual({ key: "journal.notWritable", params: { directory: target } });
    expect(error?.exitCode).toBe(2);
  });

  // root may write anywhere, so only another user can see a read-only folder refused.
  it.skipIf(process.getuid?.() === 0)("refuses a read-only folder", () => {
    const dir = tempDir();
    chmodSync(dir, 0o500);
    expect(() => checkJournalDirectory(join(dir, "journal"))).toThrow(ByodkimError);
  });
});
