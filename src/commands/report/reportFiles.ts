import { renameSync, rmSync, writeFileSync } from "node:fs";
import { basename, dirname, join, resolve } from "node:path";
import { ByodkimError, byodkimError } from "../../errors.js";
import { loadConfig } from "../../config/loadConfig.js";
import { journalDirectory } from "../../state/journalDirectory.js";

/**
 * Where the journals are, without AWS: BYODKIM_JOURNAL_DIR, else the config's journal.dir, else
 * ~/.byodkim/journal. A missing config file is no reason to refuse a report: during an incident
 * the operator may run it from another folder, and the journals are where they always are.
 */
export async function reportJournalDirectory(env: NodeJS.ProcessEnv, configPath: string): Promise<string> {
  if (env["BYODKIM_JOURNAL_DIR"]) return journalDirectory(env, undefined);
  try {
    const config = await loadConfig(configPath);
    return journalDirectory(env, config.journal.dir);
  } catch (err) {
    if (err instanceof ByodkimError && err.what.key === "config.missing") return journalDirectory(env, undefined);
    throw err;
  }
}

/**
 * Writes the report whole or not at all: to a temporary file beside it, then renamed over the
 * target. An existing file is replaced: a report is made from the journal and can always be made
 * again, and re-running for a fresher copy is what `--out` is for.
 */
export function writeReportFile(path: string, text: string): string {
  const target = resolve(path);
  const temporary = join(dirname(target), `.${basename(target)}.${process.pid}.tmp`);
  try {
    writeFileSync(temporary, text, { flag: "wx" });
    renameSync(temporary, target);
    return target;
  } catch (err) {
    rmSync(temporary, { force: true });
    throw byodkimError("input", "report.outUnwritable", { path: target, reason: (err as NodeJS.ErrnoException).code ?? "unknown" });
  }
}
