import {
  closeSync,
  constants,
  fstatSync,
  lstatSync,
  mkdirSync,
  openSync,
  readlinkSync,
  readSync,
  realpathSync,
  renameSync,
  rmSync,
  type Stats,
  writeSync,
} from "node:fs";
import { basename, dirname, join, resolve } from "node:path";

/**
 * Every file byodkim writes goes through here, so that nothing but its own records is ever
 * written: never through a symbolic link (a link planted in a shared folder would turn the write
 * onto its target), never over a device node, a pipe or a folder (as root, replacing /dev/null
 * turns it into a regular file for every process on the machine).
 */

/** What is at a path that is not a regular file; a technical word, like an errno code, the same in every language. */
export type NotRegularKind = "symlink" | "directory" | "character-device" | "block-device" | "fifo" | "socket" | "other";

/** Thrown when the entry at a path is not a regular file: `code` reads like an errno code in the messages. */
export class NotRegularFileError extends Error {
  readonly code = "ENOTREG";
  constructor(
    readonly path: string,
    readonly kind: NotRegularKind,
  ) {
    super(`${path} is not a regular file (${kind})`);
    this.name = "NotRegularFileError";
  }
}

const kindOf = (stats: Stats): NotRegularKind | null => {
  if (stats.isFile()) return null;
  if (stats.isSymbolicLink()) return "symlink";
  if (stats.isDirectory()) return "directory";
  if (stats.isCharacterDevice()) return "character-device";
  if (stats.isBlockDevice()) return "block-device";
  if (stats.isFIFO()) return "fifo";
  if (stats.isSocket()) return "socket";
  return "other";
};

/** The entry at `path` without following a link: null when nothing is there, else what is there. */
export function entryAt(path: string): { kind: NotRegularKind | null } | null {
  try {
    return { kind: kindOf(lstatSync(path)) };
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === "ENOENT") return null;
    throw err;
  }
}

/** Refuses a path whose entry exists and is not a regular file (a link to a regular file included). */
export function refuseNotRegular(path: string): void {
  const entry = entryAt(path);
  if (entry?.kind) throw new NotRegularFileError(path, entry.kind);
}

const writeAll = (fd: number, text: string | Uint8Array) => {
  const bytes = typeof text === "string" ? Buffer.from(text) : text;
  for (let at = 0; at < bytes.length; ) at += writeSync(fd, bytes, at, bytes.length - at);
};

/**
 * Creates a file that must not exist yet (O_CREAT|O_EXCL, which never follows a link): an existing
 * entry of any kind is refused with EEXIST, or ENOTREG naming what it is.
 */
export function writeNewFile(path: string, text: string | Uint8Array, mode = 0o644): void {
  writeExclusive(path, text, mode, () => {});
}

/** writeNewFile, telling `created` once the file is this call's own (and so for it to remove). */
function writeExclusive(path: string, text: string | Uint8Array, mode: number, created: () => void): void {
  refuseNotRegular(path);
  const fd = openNoFollow(path, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL, mode);
  created();
  try {
    writeAll(fd, text);
  } finally {
    closeSync(fd);
  }
}

/**
 * Writes a file whole or not at all: a new file beside it, renamed over it. A regular file already
 * there is replaced; anything else (a link, a device, a folder) is refused and left as it was.
 */
export function replaceFile(path: string, text: string, mode = 0o644): void {
  const target = resolve(path);
  refuseNotRegular(target);
  const temporary = join(dirname(target), `.${basename(target)}.${process.pid}.tmp`);
  let ours = false;
  try {
    writeExclusive(temporary, text, mode, () => {
      ours = true;
    });
    renameSync(temporary, target);
  } catch (err) {
    // Only a temporary file this call created is removed: whatever already held the name is not byodkim's.
    if (ours) rmSync(temporary, { force: true });
    throw err;
  }
}

/** Removes a file byodkim wrote: a regular file only; a link, a folder or a device at the path is refused and left. */
export function removeOwnFile(path: string): void {
  refuseNotRegular(path);
  rmSync(path);
}

/**
 * Appends to a file of byodkim's own, creating it if needed: O_NOFOLLOW refuses a link at the path,
 * and the opened file is checked to be a regular one before a byte is written (a planted device or
 * pipe would otherwise take the entries, or block the run).
 */
export function appendOwnFile(path: string, text: string, mode = 0o600): void {
  refuseNotRegular(path);
  // O_NONBLOCK: a FIFO planted between the look and the open must not hold the run waiting for a reader.
  const fd = openNoFollow(path, constants.O_WRONLY | constants.O_APPEND | constants.O_CREAT | constants.O_NONBLOCK, mode);
  try {
    const kind = kindOf(fstatSync(fd));
    if (kind) throw new NotRegularFileError(path, kind);
    writeAll(fd, text);
  } finally {
    closeSync(fd);
  }
}

/** A journal is a few kilobytes; a file far past this is not one byodkim wrote, and is not read whole into memory. */
export const MAX_READ_BYTES = 64 * 1024 * 1024;

/** Thrown when a file to read is larger than byodkim reads (`code` reads like an errno code). */
export class FileTooLargeError extends Error {
  readonly code = "EFBIG";
  constructor(readonly path: string) {
    super(`${path} is larger than ${MAX_READ_BYTES} bytes`);
    this.name = "FileTooLargeError";
  }
}

/**
 * Reads a file byodkim wrote (a journal, a report's input) as text, and only a regular file: a FIFO
 * planted in the journal folder would block the read for good (and an incident's rollback with it),
 * a device like /dev/zero would never end. O_NONBLOCK lets the open of a FIFO return at once; the
 * opened file is then checked, so a swap between a look and the open changes nothing.
 */
export function readOwnFile(path: string, maxBytes = MAX_READ_BYTES): string {
  return readOwnBytes(path, maxBytes).toString("utf8");
}

/** readOwnFile's bytes, for a file that is not text (a receiver's gzipped or zipped DMARC report). */
export function readOwnBytes(path: string, maxBytes = MAX_READ_BYTES): Buffer {
  const fd = openNoFollow(path, constants.O_RDONLY | constants.O_NONBLOCK, 0);
  try {
    const stats = fstatSync(fd);
    const kind = kindOf(stats);
    if (kind) throw new NotRegularFileError(path, kind);
    if (stats.size > maxBytes) throw new FileTooLargeError(path);
    const chunks: Buffer[] = [];
    let total = 0;
    for (;;) {
      const chunk = Buffer.alloc(64 * 1024);
      const read = readSync(fd, chunk, 0, chunk.length, null);
      if (read === 0) break;
      total += read;
      // A file still growing past the cap is refused as well: the size above was one moment's.
      if (total > maxBytes) throw new FileTooLargeError(path);
      chunks.push(chunk.subarray(0, read));
    }
    return Buffer.concat(chunks);
  } finally {
    closeSync(fd);
  }
}

/** Thrown when a folder byodkim would write into is a symbolic link: `real` is where it leads. */
export class FolderIsLinkError extends Error {
  readonly code = "ELINKDIR";
  constructor(
    readonly path: string,
    readonly real: string,
  ) {
    super(`${path} is a symbolic link to ${real}`);
    this.name = "FolderIsLinkError";
  }
}

/**
 * A folder for byodkim's files: made if it is not there (with `mode`, one level at a time, as Node's
 * recursive mkdirSync never returns for a path under /proc), else required to be a folder itself.
 * A link in its place is refused, naming where it leads so the operator can pass that path: a link
 * in a shared place could be turned to another folder between two runs.
 */
export function ensureOwnFolder(path: string, mode = 0o777): void {
  const folder = resolve(path);
  const missing: string[] = [];
  for (let at = folder; ; at = dirname(at)) {
    const entry = entryAt(at);
    if (entry) {
      if (at === folder) refuseNotFolder(folder, entry.kind);
      break;
    }
    missing.unshift(at);
    if (dirname(at) === at) break;
  }
  for (const at of missing) {
    try {
      mkdirSync(at, { mode });
    } catch (err) {
      // Made by another run meanwhile: fine if it is a folder.
      if ((err as NodeJS.ErrnoException).code !== "EEXIST") throw err;
      refuseNotFolder(at, entryAt(at)?.kind ?? null);
    }
  }
}

/** Refuses a folder path that is a symbolic link (checked before any work, as ensureOwnFolder will refuse it). */
export function refuseFolderLink(path: string): void {
  const folder = resolve(path);
  let isLink: boolean;
  try {
    isLink = lstatSync(folder).isSymbolicLink();
  } catch {
    return; // Nothing there (or under a file): the folder checks say what is wrong with that.
  }
  if (isLink) throw new FolderIsLinkError(folder, realTarget(folder));
}

function refuseNotFolder(path: string, kind: NotRegularKind | null): void {
  if (kind === "directory") return;
  if (kind === "symlink") throw new FolderIsLinkError(path, realTarget(path));
  throw Object.assign(new Error(`${path} is not a folder`), { code: "ENOTDIR", path });
}

/** Where a link leads: its real path, or for a dangling link the path it names. */
const realTarget = (path: string) => {
  try {
    return realpathSync(path);
  } catch {
    return resolve(dirname(path), readlinkSync(path));
  }
};

/** open(2) with O_NOFOLLOW; the ELOOP of a link at the path (planted after the look) said as what it is. */
function openNoFollow(path: string, flags: number, mode: number): number {
  try {
    return openSync(path, flags | constants.O_NOFOLLOW, mode);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === "ELOOP") throw new NotRegularFileError(path, "symlink");
    throw err;
  }
}

/**
 * The process's own terminal, opened for writing: the one device byodkim writes to, so that a
 * question reaches the person at the keyboard when stderr is sent elsewhere (`2>/dev/null`).
 * O_NOCTTY: opening it must never make it a controlling terminal. Null when there is none
 * (no terminal at all: cron, CI, a detached session).
 */
export function openOwnTerminal(): number | null {
  try {
    return openSync("/dev/tty", constants.O_WRONLY | constants.O_NOCTTY);
  } catch {
    return null;
  }
}
