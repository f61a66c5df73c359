import { mkdirSync, mkdtempSync, readdirSync, realpathSync, statSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { prepareHandoffDir, writeHandoffFiles } from "../../src/engine/handoffFiles.js";
import { dkimHandoff } from "../../src/dkim/handoff.js";
import { ByodkimError } from "../../src/errors.js";
import { Journal } from "../../src/state/journal.js";
import { checkJournalDirectory } from "../../src/state/journalDirectory.js";
import { ensureOwnFolder, FolderIsLinkError } from "../../src/state/ownFiles.js";

const tempDir = () => mkdtempSync(join(tmpdir(), "byodkim-own-folders-"));
const handoff = dkimHandoff("gooid-21-pro-20261203-1._domainkey.goo.ne.jp", "v=DKIM1; k=rsa; p=AAAA");
const caught = (run: () => unknown): unknown => {
  try {
    run();
  } catch (err) {
    return err;
  }
  return undefined;
};
/** A folder of someone else's and a link to it, as BYODKIM_JOURNAL_DIR=/tmp/x/link would name it. */
const linkedFolder = () => {
  const dir = tempDir();
  const real = join(dir, "real");
  mkdirSync(real);
  const link = join(dir, "link");
  symlinkSync(real, link);
  return { link, real: realpathSync(real) };
};

describe("folders byodkim makes its files in (ensureOwnFolder)", () => {
  it("makes a missing folder and its missing parents with the mode asked for", () => {
    const folder = join(tempDir(), "a", "b", "journal");
    ensureOwnFolder(folder, 0o700);
    expect(statSync(folder).isDirectory()).toBe(true);
    expect(statSync(folder).mode & 0o777).toBe(0o700);
    expect(statSync(join(folder, "..")).mode & 0o777).toBe(0o700);
  });

  it("accepts a folder already there", () => {
    const folder = tempDir();
    expect(() => ensureOwnFolder(folder, 0o700)).not.toThrow();
  });

  it("refuses a link to a folder, naming the real path", () => {
    const { link, real } = linkedFolder();
    expect(caught(() => ensureOwnFolder(link, 0o700))).toMatchObject({ name: "FolderIsLinkError", path: link, real });
  });

  it("refuses a file where the folder should be", () => {
    const path = join(tempDir(), "journal");
    writeFileSync(path, "");
    expect(caught(() => ensureOwnFolder(path))).toMatchObject({ code: "ENOTDIR" });
  });
});

describe("a journal folder that is a symbolic link", () => {
  it("is refused before anything is planned, with a sentence naming the real folder (exit 2 kind)", () => {
    const { link, real } = linkedFolder();
    const error = caught(() => checkJournalDirectory(link));
    expect(error).toBeInstanceOf(ByodkimError);
    expect(error).toMatchObject({
      exitCode: 2,
      what: { key: "journal.folderIsLink", params: { path: link, real } },
      hint: { key: "journal.folderIsLink.hint", params: { real } },
    });
  });

  it("is not written through by a run's journal", () => {
    const { link, real } = linkedFolder();
    const error = caught(() => new Journal(link, "abcd1234", "enable", "goo.ne.jp", () => new Date("2026-12-03T10:00:00.000Z")));
    expect(error).toMatchObject({ what: { key: "journal.folderIsLink", params: { path: link, real } } });
    expect(readdirSync(real)).toEqual([]);
  });
});

describe("a keygen --out folder that is a symbolic link", () => {
  it("is refused before a key is made, naming the real folder", () => {
    const { link, real } = linkedFolder();
    expect(caught(() => prepareHandoffDir(link))).toMatchObject({ kind: "input", what: { key: "keygen.outIsLink", params: { dir: link, real } } });
  });

  it("takes no hand-off file: a warning names the real folder", () => {
    const { link, real } = linkedFolder();
    expect(writeHandoffFiles(link, handoff)).toEqual({ files: [], warning: { key: "keygen.outIsLink", params: { dir: link, real } } });
    expect(readdirSync(real)).toEqual([]);
  });

  it("is still made when missing, and takes the files", () => {
    const dir = join(tempDir(), "tickets", "CHG-1");
    expect(writeHandoffFiles(dir, handoff).files).toHaveLength(readdirSync(dir).length);
    expect(readdirSync(dir).length).toBeGreaterThan(0);
  });
});

// FolderIsLinkError is what a caller may catch: the message says where the link leads.
it("FolderIsLinkError says where the link leads", () => {
  expect(new FolderIsLinkError("/tmp/x/link", "/tmp/x/real").message).toContain("/tmp/x/real");
});
