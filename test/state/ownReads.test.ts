import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, readlinkSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { createJournalStore } from "../../src/state/journal.js";
import { FileTooLargeError, NotRegularFileError, readOwnFile, replaceFile } from "../../src/state/ownFiles.js";

const tempDir = () => mkdtempSync(join(tmpdir(), "byodkim-own-reads-"));
// A read that blocks on a FIFO would hold the worker: the timeout turns that hang into a failure.
const PROMPTLY = 5000;

/** What may be found under a journal's name instead of a journal (tests run as root, so a device node can be made). */
const NOT_FILES = {
  "a FIFO": { kind: "fifo", plant: (path: string) => execFileSync("mkfifo", [path]) },
  "a character device (a private /dev/zero, 1,5: read without end)": {
    kind: "character-device",
    plant: (path: string) => execFileSync("mknod", [path, "c", "1", "5"]),
  },
  "a symlink to a regular file": {
    kind: "symlink",
    plant: (path: string) => {
      const theirs = `${path}.theirs`;
      writeFileSync(theirs, '{"at":"x","event":"run-started"}\n');
      symlinkSync(theirs, path);
    },
  },
  "a folder": { kind: "directory", plant: (path: string) => mkdirSync(path) },
} as const;

describe("byodkim reads only regular files (readOwnFile)", () => {
  it("reads a regular file whole", () => {
    const path = join(tempDir(), "journal.jsonl");
    const text = `${"x".repeat(200_000)}\nlast line\n`;
    writeFileSync(path, text);
    expect(readOwnFile(path)).toBe(text);
  });

  for (const [name, { kind, plant }] of Object.entries(NOT_FILES)) {
    it(
      `refuses ${name} at once, naming what it is`,
      () => {
        const path = join(tempDir(), "journal.jsonl");
        plant(path);
        let thrown: unknown;
        try {
          readOwnFile(path);
        } catch (err) {
          thrown = err;
        }
        expect(thrown).toBeInstanceOf(NotRegularFileError);
        expect(thrown).toMatchObject({ code: "ENOTREG", path, kind });
      },
      PROMPTLY,
    );
  }

  it("refuses a file larger than a journal could be, rather than reading it into memory", () => {
    const path = join(tempDir(), "journal.jsonl");
    writeFileSync(path, "x".repeat(2048));
    expect(() => readOwnFile(path, 1024)).toThrow(FileTooLargeError);
    expect(readOwnFile(path, 2048)).toHaveLength(2048);
  });
});

describe("listing a journal folder with things planted in it", () => {
  it(
    "lists the domain's journals and skips a FIFO and a link under a journal's name with a warning each",
    () => {
      const dir = tempDir();
      const store = createJournalStore(dir, () => new Date("2026-12-03T10:00:00.000Z"));
      const ours = store.open("enable", "goo.ne.jp", "aaaa1111");
      ours.append("run-started", { domain: "goo.ne.jp" });
      const fifo = join(dir, "2099-goo.ne.jp-enable-zzzz.jsonl");
      const link = join(dir, "2099-goo.ne.jp-enable-yyyy.jsonl");
      NOT_FILES["a FIFO"].plant(fifo);
      symlinkSync(ours.path, link);

      expect(store.list("goo.ne.jp")).toEqual({
        paths: [ours.path],
        warnings: [
          { key: "journal.skippedNotRegular", params: { path: fifo, kind: "fifo" } },
          { key: "journal.skippedNotRegular", params: { path: link, kind: "symlink" } },
        ],
      });
      expect(store.read(fifo)).toEqual({ entries: [], warnings: [{ key: "journal.skippedNotRegular", params: { path: fifo, kind: "fifo" } }] });
    },
    PROMPTLY,
  );
});

describe("replaceFile's temporary file", () => {
  it("leaves alone what already held the temporary name, and the file it was to replace", () => {
    const dir = tempDir();
    const target = join(dir, "CHG-1234.md");
    writeFileSync(target, "previous report\n");
    const squatter = join(dir, `.CHG-1234.md.${process.pid}.tmp`);
    writeFileSync(squatter, "not byodkim's\n");

    expect(() => replaceFile(target, "new report\n")).toThrow(/EEXIST/);
    expect(readFileSync(squatter, "utf8")).toBe("not byodkim's\n");
    expect(readFileSync(target, "utf8")).toBe("previous report\n");
  });

  it("leaves alone a link planted at the temporary name", () => {
    const dir = tempDir();
    const target = join(dir, "CHG-1234.md");
    const squatter = join(dir, `.CHG-1234.md.${process.pid}.tmp`);
    symlinkSync(join(dir, "elsewhere"), squatter);
    expect(() => replaceFile(target, "new report\n")).toThrow(NotRegularFileError);
    expect(readdirSync(dir)).toEqual([`.CHG-1234.md.${process.pid}.tmp`]);
    expect(readlinkSync(squatter)).toBe(join(dir, "elsewhere"));
  });
});
