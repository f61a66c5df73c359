import { basename } from "node:path";
import type { BakeBreak } from "../../campaign/applyRules.js";
import { isChangeId } from "../../config/names.js";
import type { Msg } from "../../messages/msg.js";
import type { JournalEntry } from "../../state/journal.js";
import type { ReportedNotice, RunReport } from "./runReport.js";
import type { CampaignOutcome, JournaledRun } from "./runSelection.js";

export interface CampaignCall {
  readonly name: string;
  readonly requestId: string | null;
  readonly outcome: string;
}

/** One target's change as the campaign journal ended it, with what its own run journal adds. */
export interface CampaignTarget {
  readonly domain: string;
  readonly region: string;
  /** completed, upToDate, doneEarlier, superseded, failed, notStarted. */
  readonly end: string;
  /** The single command's outcome; null when it did not run. */
  readonly outcome: string | null;
  readonly calls: readonly CampaignCall[];
  /** The target's own run journal, as the campaign journaled it. */
  readonly journal: string | null;
  /** The target's run id, read from its own journal; null when that journal cannot be read. */
  readonly runId: string | null;
  /** The command that reports the target's own run, as the operator runs it; null without a readable journal. */
  readonly reportCommand: string | null;
  /** The notices the target's own run sent or failed to send (its journal records them). */
  readonly notices: readonly ReportedNotice[];
  readonly rolledBack: { readonly why: string; readonly outcome: string; readonly calls: readonly CampaignCall[]; readonly at: string } | null;
}

export interface CampaignWaveReport {
  readonly number: number;
  readonly kind: string;
  readonly startedAt: string;
  /** The targets the wave set out to move (`domain region`). */
  readonly planned: readonly string[];
  readonly targets: readonly CampaignTarget[];
  readonly bake: {
    readonly minutes: number;
    readonly alarms: readonly string[];
    readonly startedAt: string;
    /** null: the bake had not ended when the journal stopped. */
    readonly endedAt: string | null;
    readonly broke: BakeBreak | null;
  } | null;
  /** wave-ended's outcome (completed, failed, interrupted); null for a wave that halted or never ended. */
  readonly ended: string | null;
}

export interface CampaignGate {
  readonly id: string;
  readonly status: string;
  readonly detail: Msg | null;
}

/** One `apply` run of a plan, as the change ticket needs it. Built from the journals alone: no AWS, no config. */
export interface CampaignReport {
  readonly runId: string;
  readonly planId: string;
  readonly change: string;
  readonly by: string;
  readonly changeId: string | null;
  readonly startedAt: string;
  readonly endedAt: string | null;
  readonly durationMs: number;
  readonly plan: {
    readonly url: string | null;
    readonly plannedBy: string;
    readonly createdAt: string;
    readonly expiresAt: string;
    readonly waves: { readonly canary: number; readonly size: number; readonly maxErrors: number } | null;
    readonly targets: number | null;
  } | null;
  readonly approvals: readonly { readonly by: string; readonly at: string; readonly comment: string | null }[];
  readonly gates: readonly CampaignGate[];
  /** Targets an earlier apply of the same plan had finished (`domain region`): this run skipped them. */
  readonly resumedAfter: readonly string[];
  readonly waves: readonly CampaignWaveReport[];
  /** The window closed before a wave: the campaign paused there. */
  readonly paused: { readonly wave: number; readonly why: string; readonly at: string } | null;
  /** A bake broke: the wave was rolled back and the plan is not applied again. */
  readonly halted: { readonly wave: number; readonly why: string; readonly at: string } | null;
  readonly outcome: CampaignOutcome | null;
  /** No `campaign-ended` entry: the process died. The last entry it wrote is where it stopped. */
  readonly cutShort: { readonly lastEvent: string; readonly at: string } | null;
}

/** What the campaign report reads of a target's own run journal. */
export interface TargetRun {
  readonly report: RunReport | null;
  readonly reportCommand: string | null;
}

const text = (value: unknown): string | null => (typeof value === "string" ? value : null);
const numberOr = (value: unknown, otherwise: number): number => (typeof value === "number" && Number.isFinite(value) ? value : otherwise);
const record = (value: unknown): Record<string, unknown> | null =>
  value !== null && typeof value === "object" && !Array.isArray(value) ? (value as Record<string, unknown>) : null;
const list = (value: unknown): Record<string, unknown>[] => (Array.isArray(value) ? value.map(record).filter((item) => item !== null) : []);
const strings = (value: unknown): string[] => (Array.isArray(value) ? value.filter((item): item is string => typeof item === "string") : []);
const asMsg = (value: unknown): Msg | null => (typeof record(value)?.["key"] === "string" ? (value as Msg) : null);
const calls = (value: unknown): CampaignCall[] =>
  list(value).map((call) => ({ name: text(call["name"]) ?? "-", requestId: text(call["requestId"]), outcome: text(call["outcome"]) ?? "-" }));

/** The campaign a journal records, for `report --list`; null for any other journal. */
export function journaledCampaign(path: string, entries: readonly JournalEntry[]): JournaledRun | null {
  const first = entries[0];
  if (first?.event !== "campaign-started") return null;
  const outcome = [...entries].reverse().find((entry) => entry.event === "campaign-ended")?.["outcome"];
  return {
    path,
    runId: campaignRunId(path),
    command: String(first["command"] ?? "apply"),
    domain: String(first["domain"] ?? "-"),
    startedAt: first.at,
    outcome: typeof outcome === "string" ? (outcome as CampaignOutcome) : null,
    campaign: true,
  };
}

/**
 * The run id of a campaign journal. campaign-started does not carry it; the journal's file name
 * ends with it (`<stamp>-campaign-<plan>-apply-<runId>.jsonl`), as every run journal's does.
 */
const campaignRunId = (path: string) => basename(path, ".jsonl").split("-").at(-1) ?? "-";

/**
 * The campaign report of one apply run. `targetRun` reads a target's own journal (its path as the
 * campaign journaled it); `doneBefore` finds, for a target an earlier apply of the plan finished,
 * the journal of the run that changed it.
 */
export function buildCampaignReport(
  path: string,
  entries: readonly JournalEntry[],
  targetRun: (journal: string) => TargetRun,
  doneBefore: (domain: string, region: string) => string | null = () => null,
): CampaignReport | null {
  const started = entries[0];
  if (started?.event !== "campaign-started") return null;
  const ended = [...entries].reverse().find((entry) => entry.event === "campaign-ended");
  const last = entries.at(-1)!;
  const plan = record(started["plan"]);
  const waves = record(plan?.["waves"]);
  const ticket = text(started["changeId"]);

  type Building = { -readonly [K in keyof CampaignWaveReport]: CampaignWaveReport[K] } & { targets: CampaignTarget[] };
  const waveReports: Building[] = [];
  const waveOf = (entry: JournalEntry) => waveReports.find((wave) => wave.number === numberOr(entry["wave"], -1)) ?? waveReports.at(-1);
  let paused: CampaignReport["paused"] = null;
  let halted: CampaignReport["halted"] = null;
  for (const entry of entries) {
    if (entry.event === "wave-started") {
      waveReports.push({
        number: numberOr(entry["wave"], waveReports.length + 1),
        kind: text(entry["kind"]) ?? "-",
        startedAt: entry.at,
        planned: strings(entry["targets"]),
        targets: [],
        bake: null,
        ended: null,
      });
    } else if (entry.event === "target-ended") {
      const domain = text(entry["domain"]) ?? "-";
      const region = text(entry["region"]) ?? "-";
      const end = text(entry["end"]) ?? "-";
      // A target done by an earlier apply ran nothing now: its report is the run that changed it then.
      const journal = text(entry["journal"]) ?? (end === "doneEarlier" ? doneBefore(domain, region) : null);
      const own = journal ? targetRun(journal) : { report: null, reportCommand: null };
      waveOf(entry)?.targets.push({
        domain,
        region,
        end,
        outcome: text(entry["outcome"]),
        calls: calls(entry["calls"]),
        journal,
        runId: own.report?.runId ?? null,
        reportCommand: own.reportCommand,
        notices: own.report?.notices ?? [],
        rolledBack: null,
      });
    } else if (entry.event === "target-rolled-back") {
      const wave = waveOf(entry);
      const index = wave?.targets.findIndex((target) => target.domain === entry["domain"] && target.region === entry["region"]) ?? -1;
      if (wave && index >= 0) {
        const rolledBack = { why: text(entry["why"]) ?? "-", outcome: text(entry["outcome"]) ?? "-", calls: calls(entry["calls"]), at: entry.at };
        wave.targets[index] = { ...wave.targets[index]!, rolledBack };
      }
    } else if (entry.event === "bake-started") {
      const wave = waveOf(entry);
      if (wave) wave.bake = { minutes: numberOr(entry["minutes"], 0), alarms: strings(entry["alarms"]), startedAt: entry.at, endedAt: null, broke: null };
    } else if (entry.event === "bake-ended") {
      const wave = waveOf(entry);
      if (wave?.bake) wave.bake = { ...wave.bake, endedAt: entry.at, broke: (record(entry["broke"]) as BakeBreak | null) ?? null };
    } else if (entry.event === "wave-ended") {
      const wave = waveOf(entry);
      if (wave) wave.ended = text(entry["outcome"]);
    } else if (entry.event === "campaign-halted") {
      halted = { wave: numberOr(entry["wave"], 0), why: text(entry["why"]) ?? "-", at: entry.at };
    } else if (entry.event === "campaign-paused") {
      paused = { wave: numberOr(entry["wave"], 0), why: text(entry["why"]) ?? "-", at: entry.at };
    }
  }

  return {
    runId: campaignRunId(path),
    planId: text(started["planId"]) ?? "-",
    change: text(started["change"]) ?? "-",
    by: text(started["by"]) ?? "-",
    // A journal is a file anyone may edit: only an id --change-id would have taken goes into the report.
    changeId: ticket !== null && isChangeId(ticket) ? ticket : null,
    startedAt: started.at,
    endedAt: ended?.at ?? null,
    durationMs: Date.parse((ended ?? last).at) - Date.parse(started.at),
    plan: plan
      ? {
          url: text(plan["url"]),
          plannedBy: text(plan["plannedBy"]) ?? "-",
          createdAt: text(plan["createdAt"]) ?? "-",
          expiresAt: text(plan["expiresAt"]) ?? "-",
          waves: waves ? { canary: numberOr(waves["canary"], 0), size: numberOr(waves["size"], 0), maxErrors: numberOr(waves["maxErrors"], 0) } : null,
          targets: typeof plan["targets"] === "number" ? plan["targets"] : null,
        }
      : null,
    approvals: list(started["approvals"]).map((approval) => ({
      by: text(approval["by"]) ?? "-",
      at: text(approval["at"]) ?? "-",
      comment: text(approval["comment"]),
    })),
    gates: list(started["gates"]).map((gate) => ({ id: text(gate["id"]) ?? "-", status: text(gate["status"]) ?? "-", detail: asMsg(gate["detail"]) })),
    resumedAfter: strings(started["resumedAfter"]),
    waves: waveReports,
    paused,
    halted,
    outcome: (text(ended?.["outcome"]) as CampaignOutcome | null) ?? null,
    cutShort: ended ? null : { lastEvent: last.event, at: last.at },
  };
}
