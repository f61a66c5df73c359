import { readdirSync } from "node:fs";
import { join } from "node:path";
import type { Msg } from "../../messages/msg.js";
import { readJournal } from "../../state/journal.js";
import { buildRunReport, type RunReport } from "./runReport.js";
import { type JournaledRun, journaledRun, newestFirst, selectRun } from "./runSelection.js";

export interface RunList {
  readonly directory: string;
  readonly runs: readonly JournaledRun[];
  /** Lines of the journals that could not be read (a torn last line). */
  readonly warnings: readonly Msg[];
}

export interface ReportResult {
  readonly directory: string;
  readonly run: JournaledRun;
  readonly report: RunReport;
  readonly warnings: readonly Msg[];
}

/** Every change run journaled in the folder, newest first. Reads local files only: no AWS, no lock. */
export function listRuns(directory: string, domain?: string): RunList {
  let names: string[];
  try {
    names = readdirSync(directory).filter((name) => name.endsWith(".jsonl"));
  } catch {
    names = [];
  }
  const warnings: Msg[] = [];
  const runs: JournaledRun[] = [];
  for (const name of names) {
    const read = readJournal(join(directory, name));
    const run = journaledRun(join(directory, name), read.entries);
    if (!run || (domain !== undefined && run.domain !== domain)) continue;
    warnings.push(...read.warnings);
    runs.push(run);
  }
  return { directory, runs: newestFirst(runs), warnings };
}

/** The report of the run asked for (`latest`, a run id or its prefix). */
export function reportRun(directory: string, query: string | undefined, domain: string | undefined): ReportResult {
  const { runs } = listRuns(directory);
  const run = selectRun(runs, query, domain, directory);
  const read = readJournal(run.path);
  // journaledRun accepted these entries, so they are a change run's.
  const report = buildRunReport(read.entries)!;
  return { directory, run, report, warnings: read.warnings };
}
