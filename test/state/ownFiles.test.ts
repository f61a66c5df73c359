import { execFileSync } from "node:child_process";
import { lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, readlinkSync, statSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { writeHandoffFiles } from "../../src/engine/handoffFiles.js";
import { writeReportFile } from "../../src/commands/report/reportFiles.js";
import { dkimHandoff } from "../../src/dkim/handoff.js";
import { enable } from "../../src/commands/enable.js";
import { ByodkimError } from "../../src/errors.js";
import { createJournalStore, Journal } from "../../src/state/journal.js";
import { appendOwnFile, NotRegularFileError, replaceFile, writeNewFile } from "../../src/state/ownFiles.js";

import { DOMAIN, fakeWorld } from "../support/fakeWorld.js";
import { generateTestKey } from "../support/keys.js";

const tempDir = () => mkdtempSync(join(tmpdir(), "byodkim-own-files-"));
const handoff = dkimHandoff("gooid-21-pro-20261203-1._domainkey.goo.ne.jp", "v=DKIM1; k=rsa; p=AAAA");
const fixedClock = () => new Date("2026-12-03T10:00:00.000Z");

/**
 * What may be found at a path byodkim is about to write: each is planted, the writer runs, and the
 * planted thing must be exactly as it was (tests run as root here, so a device node can be made).
 */
const PLANTS = {
  "a symlink to a file of someone else's": (path: string, dir: string) => {
    const theirs = join(dir, "theirs.txt");
    writeFileSync(theirs, "theirs\n");
    symlinkSync(theirs, path);
    return () => {
      expect(lstatSync(path).isSymbolicLink()).toBe(true);
      expect(readlinkSync(path)).toBe(theirs);
      expect(readFileSync(theirs, "utf8")).toBe("theirs\n");
    };
  },
  "a dangling symlink": (path: string, dir: string) => {
    const nowhere = join(dir, "would-be-created");
    symlinkSync(nowhere, path);
    return () => {
      expect(readlinkSync(path)).toBe(nowhere);
      expect(readdirSync(dir)).not.toContain("would-be-created");
    };
  },
  "a character device (a private /dev/null, 1,3)": (path: string) => {
    execFileSync("mknod", [path, "c", "1", "3"]);
    return () => expect(statSync(path).isCharacterDevice()).toBe(true);
  },
  "a FIFO": (path: string) => {
    execFileSync("mkfifo", [path]);
    return () => expect(lstatSync(path).isFIFO()).toBe(true);
  },
  "a folder": (path: string) => {
    mkdirSync(path);
    return () => expect(readdirSync(path)).toEqual([]);
  },
} as const;

/** Every writer of byodkim's files, each at its own path, and how it refuses. */
const WRITERS: Record<string, (dir: string) => { path: string; write: () => unknown; refused: (outcome: unknown) => void }> = {
  "a run journal's append": (dir) => {
    const journal = new Journal(dir, "abcd1234", "enable", "goo.ne.jp", fixedClock);
    return {
      path: journal.path,
      write: () => journal.append("run-started", { domain: "goo.ne.jp" }),
      refused: (outcome) => expect(outcome).toMatchObject({ what: { key: "journal.notRegular", params: { path: journal.path } } }),
    };
  },
  "report --out": (dir) => {
    const path = join(dir, "CHG-1234.md");
    return {
      path,
      write: () => writeReportFile(path, "# report\n", "byodkim report abcd1234"),
      refused: (outcome) => expect(outcome).toMatchObject({ kind: "input", what: { key: "report.outNotRegular" } }),
    };
  },
  "keygen --out, the first hand-off file": (dir) => {
    const path = join(dir, `${handoff.name}.zone`);
    return {
      path,
      write: () => writeHandoffFiles(dir, handoff),
      refused: (outcome) => expect(outcome).toEqual({ files: [], warning: { key: "keygen.outExists", params: { path } } }),
    };
  },
  "keygen --out, the last hand-off file": (dir) => {
    const path = join(dir, `${handoff.name}.txt`);
    return {
      path,
      write: () => writeHandoffFiles(dir, handoff),
      refused: (outcome) => expect(outcome).toEqual({ files: [], warning: { key: "keygen.outExists", params: { path } } }),
    };
  },
  "a new file (writeNewFile)": (dir) => {
    const path = join(dir, "new.txt");
    return { path, write: () => writeNewFile(path, "x"), refused: (outcome) => expect(outcome).toBeInstanceOf(NotRegularFileError) };
  },
  "a replaced file (replaceFile)": (dir) => {
    const path = join(dir, "replaced.txt");
    return { path, write: () => replaceFile(path, "x"), refused: (outcome) => expect(outcome).toBeInstanceOf(NotRegularFileError) };
  },
  "an append (appendOwnFile)": (dir) => {
    const path = join(dir, "appended.txt");
    return { path, write: () => appendOwnFile(path, "x"), refused: (outcome) => expect(outcome).toBeInstanceOf(NotRegularFileError) };
  },
};

const outcomeOf = (write: () => unknown): unknown => {
  try {
    return write();
  } catch (err) {
    return err;
  }
};

describe("files byodkim writes are its own", () => {
  const cases = Object.keys(WRITERS).flatMap((writer) => Object.keys(PLANTS).map((plant) => [writer, plant] as const));
  it.each(cases)("%s refuses %s at its path and leaves it untouched", (writer, plant) => {
    const dir = tempDir();
    const { path, write, refused } = WRITERS[writer]!(dir);
    const untouched = PLANTS[plant as keyof typeof PLANTS](path, dir);
    refused(outcomeOf(write));
    untouched();
    // Nothing else was left in the folder: no temporary file, no hand-off file beside the refused one.
    const left = readdirSync(dir).filter((name) => name !== "theirs.txt" && join(dir, name) !== path);
    expect(left).toEqual([]);
  });

  it("a journal refused for a planted link is an error with a sentence, not a stack (exit 2 kind)", () => {
    const dir = tempDir();
    const journal = new Journal(dir, "abcd1234", "enable", "goo.ne.jp", fixedClock);
    symlinkSync(join(dir, "elsewhere"), journal.path);
    const error = outcomeOf(() => journal.append("run-started"));
    expect(error).toBeInstanceOf(ByodkimError);
    expect(error).toMatchObject({ kind: "config", hint: { key: "journal.notRegular.hint" } });
  });

  it("writes and appends to its own regular files as before, and replaces a previous report whole", () => {
    const dir = tempDir();
    const journal = new Journal(dir, "abcd1234", "enable", "goo.ne.jp", fixedClock);
    journal.append("run-started");
    journal.append("ended");
    expect(readFileSync(journal.path, "utf8").trim().split("\n")).toHaveLength(2);
    expect(statSync(journal.path).mode & 0o777).toBe(0o600);
    const report = join(dir, "CHG-1234.md");
    writeFileSync(report, "an older, longer report\n");
    writeReportFile(report, "# report\n", "byodkim report abcd1234");
    expect(readFileSync(report, "utf8")).toBe("# report\n");
    const files = writeHandoffFiles(join(dir, "ticket"), handoff);
    expect(files.warning).toBeNull();
    expect(files.files.map((path) => readFileSync(path, "utf8").length > 0)).toEqual([true, true, true]);
    expect(outcomeOf(() => writeNewFile(files.files[0]!, "again"))).toMatchObject({ code: "EEXIST" });
  });
});

describe("a change whose journal path holds a planted link", () => {
  it("stops before any SES call, with the journal error, and writes nothing through the link", async () => {
    const dir = tempDir();
    const journal = createJournalStore(dir, fixedClock);
    // The path the run's journal will have: the store's clock and the fake world's first run id.
    const path = new Journal(dir, "run1", "enable", DOMAIN, fixedClock).path;
    const untouched = PLANTS["a symlink to a file of someone else's"](path, dir);
    const world = fakeWorld({ key: generateTestKey(2048), journal });
    const outcome = await enable(world.ctx, { domain: DOMAIN, selector: undefined, yes: true, dryRun: false, waitSeconds: 60, forceUnlock: false }).catch(
      (err: unknown) => err,
    );
    expect(outcome).toBeInstanceOf(ByodkimError);
    expect(outcome).toMatchObject({ kind: "config", what: { key: "journal.notRegular", params: { path } } });
    expect(world.mutations()).toEqual([]);
    untouched();
  });
});
