import { accessSync, constants, statSync } from "node:fs";
import { homedir } from "node:os";
import { dirname, isAbsolute, join, resolve } from "node:path";
import { byodkimError } from "../errors.js";
import { FolderIsLinkError, refuseFolderLink } from "./ownFiles.js";

/**
 * ~/.byodkim/journal unless BYODKIM_JOURNAL_DIR or the config's journal.dir says otherwise. An
 * empty (or relative) HOME would put the journals under whichever folder byodkim was started in,
 * where nobody looks for them during an incident: that is refused, naming the way out.
 */
export function journalDirectory(env: NodeJS.ProcessEnv, configured: string | undefined): string {
  const chosen = env["BYODKIM_JOURNAL_DIR"] || configured;
  if (chosen) return chosen;
  // os.homedir() returns an empty HOME as it is; it looks the user up only when HOME is unset.
  const home = env["HOME"] ?? homedir();
  if (!isAbsolute(home)) throw byodkimError("config", "journal.noHome", { home: JSON.stringify(home) }, "journal.noHome.hint");
  return join(home, ".byodkim", "journal");
}

/**
 * Refuses a journal folder byodkim could not write, before any plan: the first append comes only
 * after the operator has confirmed. A folder not there yet is judged by its nearest existing
 * parent (the journal creates the rest), so the check itself creates nothing.
 */
export function checkJournalDirectory(directory: string): void {
  try {
    refuseFolderLink(directory);
  } catch (err) {
    if (!(err instanceof FolderIsLinkError)) throw err;
    throw byodkimError("config", "journal.folderIsLink", { path: err.path, real: err.real }, "journal.folderIsLink.hint", { real: err.real });
  }
  let folder = resolve(directory);
  for (;;) {
    try {
      if (!statSync(folder).isDirectory()) break;
      accessSync(folder, constants.W_OK | constants.X_OK);
      return;
    } catch (err) {
      const missing = (err as NodeJS.ErrnoException).code === "ENOENT";
      if (!missing || dirname(folder) === folder) break;
      folder = dirname(folder);
    }
  }
  throw byodkimError("config", "journal.notWritable", { directory: resolve(directory) }, "journal.notWritable.hint");
}
