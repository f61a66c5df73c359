import { readdirSync } from "node:fs";
import { basename, dirname, join } from "node:path";
import { byodkimError } from "../../errors.js";
import { type Msg, msg } from "../../messages/msg.js";
import { journalsFor, parseJournal, readJournal, unreadableJournal } from "../../state/journal.js";
import { NotRegularFileError, readOwnFile } from "../../state/ownFiles.js";
import { buildRunReport, type RunReport } from "./runReport.js";
import { buildCampaignReport, type CampaignReport, journaledCampaign, type TargetRun } from "./campaignReport.js";
import { type JournaledRun, journaledRun, newestFirst, selectRun, shellQuote } from "./runSelection.js";
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

/** The report of an `apply` run: the campaign, each target's own run read from its journal. */
export interface CampaignReportResult {
  readonly directory: string;
  readonly run: JournaledRun;
  readonly campaign: CampaignReport;
  readonly warnings: readonly Msg[];
}

export type AnyReportResult = ReportResult | CampaignReportResult;

export const isCampaignResult = (result: AnyReportResult): result is CampaignReportResult => "campaign" in result;

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
    const run = journaledRun(path, read.entries) ?? journaledCampaign(path, read.entries);
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

/**
 * The report of the run asked for (`latest`, a run id or its prefix). `via`: what the operator
 * added to name this folder again (` --config <file>`), for the commands a campaign report prints.
 */
export function reportRun(directory: string, query: string | undefined, domain: string | undefined, via = ""): AnyReportResult {
  const { runs } = listRuns(directory);
  const run = selectRun(runs, query, domain, directory);
  if (!run.campaign) return reportOf(directory, run);
  // A target's run id names its report again when its journal is in this folder and no other journal holds that id.
  const byRunId = (runId: string, path: string) =>
    dirname(path) === directory && runs.filter((other) => other.runId === runId).length === 1
      ? `byodkim report ${runId}${via}`
      : `byodkim report --journal ${shellQuote(path)}`;
  return campaignReportOf(directory, run, byRunId);
}

/** The report of the run one journal file records, named by the operator (`report --journal <file>`). */
export function reportJournal(path: string): AnyReportResult {
  const text = readText(path);
  if (typeof text !== "string") {
    if (text.error instanceof NotRegularFileError) throw byodkimError("input", "report.journalNotRegular", { path, kind: text.error.kind }, "report.list.hint");
    throw byodkimError("input", "report.journalUnreadable", { path }, "report.list.hint");
  }
  const read = parseJournal(text, path);
  const run = journaledRun(path, read.entries) ?? journaledCampaign(path, read.entries);
  if (!run) throw byodkimError("input", "report.notARunJournal", { path }, "report.list.hint");
  // Named by its file, the campaign's targets are named by theirs: no folder is assumed to hold them.
  if (run.campaign) return campaignReportOf(dirname(path), run, (_runId, target) => `byodkim report --journal ${shellQuote(target)}`);
  return reportOf(dirname(path), run);
}

function campaignReportOf(directory: string, run: JournaledRun, commandFor: (runId: string, path: string) => string): CampaignReportResult {
  const read = readJournal(run.path);
  const warnings = [...read.warnings];
  const targetRun = (journal: string): TargetRun => {
    // The folder may have moved since (a copy attached to the ticket): the journal beside the campaign's is the same run.
    const found = [journal, join(dirname(run.path), basename(journal))]
      .map((path) => ({ path, read: readJournal(path) }))
      .find((candidate) => candidate.read.entries.length > 0);
    if (!found) {
      warnings.push(msg("journal.unreadable", { path: journal }));
      return { report: null, reportCommand: null };
    }
    const report = buildRunReport(found.read.entries);
    return { report, reportCommand: report ? commandFor(report.runId, found.path) : null };
  };
  // Journals are named from their start time: an earlier apply of the same plan sorts before this one.
  const earlier = journalsFor(dirname(run.path), run.domain)
    .paths.filter((path) => basename(path) < basename(run.path))
    .map((path) => readJournal(path).entries);
  const doneBefore = (domain: string, region: string): string | null => {
    for (const entries of earlier) {
      const ended = [...entries]
        .reverse()
        .find((entry) => entry.event === "target-ended" && entry["domain"] === domain && entry["region"] === region && typeof entry["journal"] === "string");
      if (ended) return ended["journal"] as string;
    }
    return null;
  };
  // journaledCampaign accepted these entries, so they are a campaign's.
  const campaign = buildCampaignReport(run.path, read.entries, targetRun, doneBefore)!;
  return { directory, run, campaign, warnings };
}

function reportOf(directory: string, run: JournaledRun): ReportResult {
  const read = readJournal(run.path);
  // journaledRun accepted these entries, so they are a change run's.
  const report = buildRunReport(read.entries)!;
  return { directory, run, report, warnings: read.warnings };
}
