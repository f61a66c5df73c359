import { byodkimError } from "../../errors.js";
import type { JournalEntry } from "../../state/journal.js";
import type { ChangeOutcome } from "../../engine/change/changeTypes.js";

/** How `apply` ends a campaign it journaled (the refusals before its journal opens are never in one). */
export type CampaignOutcome = "completed" | "windowClosed" | "failed" | "rolledBack" | "interrupted";

/** One change run as `report --list` shows it, read from its journal's first and `ended` entries. */
export interface JournaledRun {
  readonly path: string;
  readonly runId: string;
  readonly command: string;
  readonly domain: string;
  readonly startedAt: string;
  /** null: the journal has no `ended` entry (the run was cut short). */
  readonly outcome: ChangeOutcome | CampaignOutcome | null;
  /** An `apply` of a plan: its journal is the campaign's, and its outcome a campaign's. */
  readonly campaign?: true;
}

/** The run a journal records, or null for a journal that is not a change run's (a runbook walk's, an empty file). */
export function journaledRun(path: string, entries: readonly JournalEntry[]): JournaledRun | null {
  const first = entries[0];
  if (first?.event !== "run-started") return null;
  const runId = first["runId"];
  if (typeof runId !== "string" || runId === "") return null;
  const outcome = [...entries].reverse().find((entry) => entry.event === "ended")?.["outcome"];
  return {
    path,
    runId,
    command: String(first["command"] ?? "-"),
    domain: String(first["domain"] ?? "-"),
    startedAt: first.at,
    outcome: typeof outcome === "string" ? (outcome as ChangeOutcome) : null,
  };
}

/** A word the shell passes on as it is: quoted only when it needs to be. */
export const shellQuote = (value: string) => (/^[\w@%+=:,./-]+$/.test(value) ? value : `'${value.replace(/'/g, "'\\''")}'`);

/** Newest first; runs started in the same millisecond keep the file names' order. */
export const newestFirst = (runs: readonly JournaledRun[]): JournaledRun[] =>
  [...runs].sort((a, b) => b.startedAt.localeCompare(a.startedAt) || b.path.localeCompare(a.path));

/**
 * The run asked for: `latest` (or nothing) is the newest, of the domain when one is given; anything
 * else is a run id or a prefix of exactly one. A prefix that fits two runs is refused rather than
 * guessed: a report attached to the wrong change ticket is worse than none.
 */
export function selectRun(runs: readonly JournaledRun[], query: string | undefined, domain: string | undefined, directory: string): JournaledRun {
  const candidates = newestFirst(domain === undefined ? runs : runs.filter((run) => run.domain === domain));
  if (query === undefined || query === "latest") {
    const newest = candidates[0];
    if (newest) return oneJournal(candidates.filter((run) => run.runId === newest.runId));
    if (domain === undefined) throw byodkimError("input", "report.noRuns", { directory }, "report.noRuns.hint");
    throw byodkimError("input", "report.noRunsFor", { domain, directory }, "report.list.hint");
  }
  const exact = candidates.filter((run) => run.runId === query);
  if (exact.length > 0) return oneJournal(exact);
  const matching = candidates.filter((run) => run.runId.startsWith(query));
  if (matching.length === 0) throw byodkimError("input", "report.unknownRun", { runId: query, directory }, "report.list.hint");
  const runIds = [...new Set(matching.map((run) => `${run.runId} (${run.command} ${run.domain})`))];
  if (runIds.length === 1) return oneJournal(matching);
  throw byodkimError("input", "report.ambiguousRun", { runId: query, count: runIds.length, runs: runIds.join(", ") }, "report.ambiguousRun.hint");
}

/**
 * The journal of one run id. Copies that agree are one run by now (listRuns); journals of the same
 * id that differ are refused, each with the command that reports it: which is the record is the
 * operator's call.
 */
function oneJournal(journals: readonly JournaledRun[]): JournaledRun {
  const [first] = journals;
  if (first && journals.length === 1) return first;
  const commands = journals.map((run) => `\n    byodkim report --journal ${shellQuote(run.path)}`).join("");
  throw byodkimError("input", "report.sameRunId", { runId: first?.runId ?? "-", count: journals.length }, "report.sameRunId.hint", { commands });
}
