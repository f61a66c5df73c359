import { mkdtempSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { PrivateKeyMaterial } from "../../src/dkim/privateKeyMaterial.js";
import { Journal, journalDirectory, journalsFor, readJournal } from "../../src/state/journal.js";

describe("run journal", () => {
  it("appends one JSON line per step, readable back in order, and redacts key material", () => {
    const dir = mkdtempSync(join(tmpdir(), "byodkim-journal-unit-"));
    let t = Date.parse("2025-09-17T01:00:00Z");
    const journal = new Journal(dir, "abcd1234", "enable", "goo.ne.jp", () => {
      t += 1000;
      return new Date(t);
    });
    journal.append("run-started", { operator: "arn:aws:iam::123456789012:user/a" });
    journal.append("careless", { material: new PrivateKeyMaterial("U0VDUkVUS0VZTUFURVJJQUw=") });
    const entries = readJournal(journal.path);
    expect(entries.map((entry) => entry.event)).toEqual(["run-started", "careless"]);
    expect(entries[1]).toMatchObject({ material: "[private key redacted]" });
    expect(statSync(journal.path).mode & 0o077).toBe(0);
    expect(journalsFor(dir, "goo.ne.jp")).toEqual([journal.path]);
    expect(journalsFor(dir, "example.org")).toEqual([]);
  });

  it("lives in ~/.byodkim/journal unless BYODKIM_JOURNAL_DIR or the config says otherwise", () => {
    expect(journalDirectory({}, undefined)).toMatch(/\.byodkim\/journal$/);
    expect(journalDirectory({}, "/var/log/byodkim")).toBe("/var/log/byodkim");
    expect(journalDirectory({ BYODKIM_JOURNAL_DIR: "/tmp/j" }, "/var/log/byodkim")).toBe("/tmp/j");
  });
});
