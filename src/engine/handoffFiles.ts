import { accessSync, constants, existsSync, statSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { type DnsHandoff, handoffFiles } from "../dkim/handoff.js";
import { byodkimError } from "../errors.js";
import { type Msg, msg } from "../messages/msg.js";
import { ensureOwnFolder, entryAt, FolderIsLinkError, refuseFolderLink, writeNewFile } from "../state/ownFiles.js";

const reasonOf = (err: unknown) => (err as NodeJS.ErrnoException).code ?? "unknown";

/**
 * Checked before any key is made: a folder that cannot take the files is an input error, with
 * nothing changed. Only checked: the folders are made once there are files to put in them.
 */
export function prepareHandoffDir(dir: string): void {
  try {
    refuseFolderLink(dir);
  } catch (err) {
    if (err instanceof FolderIsLinkError) throw byodkimError("input", "keygen.outIsLink", { dir: err.path, real: err.real });
    throw err;
  }
  try {
    const { existing } = splitExisting(resolve(dir));
    if (!statSync(existing).isDirectory()) throw Object.assign(new Error("not a folder"), { code: "ENOTDIR" });
    accessSync(existing, constants.W_OK);
  } catch (err) {
    throw byodkimError("input", "keygen.outUnwritable", { dir, reason: reasonOf(err) });
  }
}

/** The first of the hand-off files' paths already taken in the folder (by anything, a link included), or null. */
export function takenHandoffPath(dir: string, handoff: DnsHandoff): string | null {
  return (
    handoffFiles(handoff)
      .map(({ fileName }) => join(dir, fileName))
      .find((path) => entryAt(path) !== null) ?? null
  );
}

/**
 * The DNS team's ticket attachments. The key is already safe in S3 by now, so a failure here is a
 * warning, not a failed keygen. A ticket folder is often shared: a name already taken there (a
 * file, or a link planted at the next predictable name) is refused and none of the set is written,
 * and each file is created exclusively, so nothing there is written through or over.
 */
export function writeHandoffFiles(dir: string, handoff: DnsHandoff): { files: string[]; warning: Msg | null } {
  const files: string[] = [];
  try {
    ensureOwnFolder(dir);
    // Checked by the gates before the key was made; checked again here, as the folder is shared.
    const taken = takenHandoffPath(dir, handoff);
    if (taken) return { files, warning: msg("keygen.outExists", { path: taken }) };
    for (const { fileName, content } of handoffFiles(handoff)) {
      const path = join(dir, fileName);
      writeNewFile(path, content);
      files.push(path);
    }
    return { files, warning: null };
  } catch (err) {
    if (err instanceof FolderIsLinkError) return { files, warning: msg("keygen.outIsLink", { dir: err.path, real: err.real }) };
    return { files, warning: msg("keygen.outUnwritable", { dir, reason: reasonOf(err) }) };
  }
}

/** The deepest folder of `dir` that exists, and the ones below it still to make. */
function splitExisting(dir: string): { existing: string; missing: string[] } {
  const missing: string[] = [];
  let at = dir;
  while (!existsSync(at) && dirname(at) !== at) {
    missing.unshift(at);
    at = dirname(at);
  }
  return { existing: at, missing };
}
