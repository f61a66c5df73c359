import { readdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { byodkimError } from "../../errors.js";
import type { Msg } from "../../messages/msg.js";
import { parseJournal, readJournal, unreadableJournal } from "../../state/journal.js";
import { NotRegularFileError, readOwnFile } from "../../state/ownFiles.js";
import { buildRunReport, type RunReport } from "./runReport.js";
import { type JournaledRun, journaledRun, newestFirst, selectRun } from "./runSelection.js";
import { type JournaledWalk, journaledWalk, newestWalkFirst } from "../../runbook/walkJournal.js";

export interface RunList {
  readonly directory: string;
  readonly runs: readonly JournaledRun[];
  /** Runbook walks (`byodkim run`), newest first: journaled runs too, with each step's check-off. */
  readonly walks: readonly JournaledWalk[];
  /** Lines of the journals that could not be read (a torn last line). */
  readonly warnings: readonly Msg[];
}

export interface ReportResult {
  readonly directory: string;
  readonly run: JournaledRun;
  readonly report: RunReport;
  readonly warnings: readonly Msg[];
}

/**
 * Every change run journaled in the folder, newest first. Reads local files only: no AWS, no lock.
 * A journal copied or backed up beside its original holds the same run: files with the same run id
 * and the same text are that one run (the first by name); files that differ stay apart, and
 * `--journal` chooses among them.
 */
export function listRuns(directory: string, domain?: string): RunList {
  let names: string[];
  try {
    names = readdirSync(directory)
      .filter((name) => name.endsWith(".jsonl"))
      .sort();
  } catch {
    names = [];
  }
  const warnings: Msg[] = [];
  const runs: JournaledRun[] = [];
  const walks: JournaledWalk[] = [];
  const seen = new Map<string, string[]>();
  for (const name of names) {
    const path = join(directory, name);
    const text = readText(path);
    const read = typeof text === "string" ? parseJournal(text, path) : { entries: [], warnings: [unreadableJournal(path, text.error)] };
    // A FIFO, device or link under a journal's name is no run, but the operator hears it was skipped.
    if (typeof text !== "string" && text.error instanceof NotRegularFileError) warnings.push(...read.warnings);
    const run = journaledRun(path, read.entries);
    const walk = run ? null : journaledWalk(path, read.entries);
    if (walk && (domain === undefined || walk.domain === domain)) {
      warnings.push(...read.warnings);
      walks.push(walk);
    }
    if (!run || (domain !== undefined && run.domain !== domain)) continue;
    const texts = seen.get(run.runId) ?? [];
    if (typeof text === "string" && texts.includes(text)) continue;
    seen.set(run.runId, typeof text === "string" ? [...texts, text] : texts);
    warnings.push(...read.warnings);
    runs.push(run);
  }
  return { directory, runs: newestFirst(runs), walks: newestWalkFirst(walks), warnings };
}

/** A journal's text, or why it could not be read: only a regular file is read, so a planted FIFO cannot hold the report. */
const readText = (path: string): string | { error: unknown } => {
  try {
    return readOwnFile(path);
  } catch (error) {
    return { error };
  }
};

/** The report of the run asked for (`latest`, a run id or its prefix). */
export function reportRun(directory: string, query: string | undefined, domain: string | undefined): ReportResult {
  const { runs } = listRuns(directory);
  return reportOf(directory, selectRun(runs, query, domain, directory));
}

/** The report of the run one journal file records, named by the operator (`report --journal <file>`). */
export function reportJournal(path: string): ReportResult {
  const text = readText(path);
  if (typeof text !== "string") {
    if (text.error instanceof NotRegularFileError) throw byodkimError("input", "report.journalNotRegular", { path, kind: text.error.kind }, "report.list.hint");
    throw byodkimError("input", "report.journalUnreadable", { path }, "report.list.hint");
  }
  const read = parseJournal(text, path);
  const run = journaledRun(path, read.entries);
  if (!run) throw byodkimError("input", "report.notARunJournal", { path }, "report.list.hint");
  return reportOf(dirname(path), run);
}

function reportOf(directory: string, run: JournaledRun): ReportResult {
  const read = readJournal(run.path);
  // journaledRun accepted these entries, so they are a change run's.
  const report = buildRunReport(read.entries)!;
  return { directory, run, report, warnings: read.warnings };
}
