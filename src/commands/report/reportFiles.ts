import { resolve } from "node:path";
import { ByodkimError, byodkimError } from "../../errors.js";
import { loadConfig } from "../../config/loadConfig.js";
import type { ByodkimConfig } from "../../config/config.js";
import { journalDirectory } from "../../state/journalDirectory.js";
import { NotRegularFileError, replaceFile } from "../../state/ownFiles.js";

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
 * The config's `timeZone:` and `contacts:` for the report, when a config is there to read: a report
 * is made without one as well (in the language's zone, with no contacts section), and a config
 * that cannot be read is the journal folder's business above, not a reason to refuse.
 */
export async function reportConfig(configPath: string): Promise<Pick<ByodkimConfig, "timeZone" | "contacts" | "dmarc" | "journal" | "region"> | undefined> {
  try {
    const { timeZone, contacts, dmarc, journal, region } = await loadConfig(configPath);
    return { timeZone, contacts, dmarc, journal, region };
  } catch {
    return undefined;
  }
}

/**
 * Writes the report whole or not at all: to a temporary file beside it, then renamed over the
 * target. An existing regular file is replaced: a report is made from the journal and can always
 * be made again, and re-running for a fresher copy is what `--out` is for. Anything else at the
 * path (a link, /dev/null, /dev/stdout) is refused and left as it is: stdout is the way there.
 */
export function writeReportFile(path: string, text: string, toStdout: string): string {
  const target = resolve(path);
  try {
    replaceFile(target, text);
    return target;
  } catch (err) {
    if (err instanceof NotRegularFileError)
      throw byodkimError("input", "report.outNotRegular", { path, kind: err.kind }, "report.outNotRegular.hint", { command: toStdout });
    throw byodkimError("input", "report.outUnwritable", { path: target, reason: (err as NodeJS.ErrnoException).code ?? "unknown" });
  }
}
