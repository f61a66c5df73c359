import { closeSync, constants, fstatSync, lstatSync, openSync, renameSync, rmSync, type Stats, writeSync } from "node:fs";
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

const writeAll = (fd: number, text: string) => {
  const bytes = Buffer.from(text);
  for (let at = 0; at < bytes.length; ) at += writeSync(fd, bytes, at, bytes.length - at);
};

/**
 * Creates a file that must not exist yet (O_CREAT|O_EXCL, which never follows a link): an existing
 * entry of any kind is refused with EEXIST, or ENOTREG naming what it is.
 */
export function writeNewFile(path: string, text: string, mode = 0o644): void {
  refuseNotRegular(path);
  const fd = openNoFollow(path, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL, mode);
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
  try {
    writeNewFile(temporary, text, mode);
    renameSync(temporary, target);
  } catch (err) {
    rmSync(temporary, { force: true });
    throw err;
  }
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

/** open(2) with O_NOFOLLOW; the ELOOP of a link at the path (planted after the look) said as what it is. */
function openNoFollow(path: string, flags: number, mode: number): number {
  try {
    return openSync(path, flags | constants.O_NOFOLLOW, mode);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === "ELOOP") throw new NotRegularFileError(path, "symlink");
    throw err;
  }
}
