import { type ProbeShot, type ProbeShotVerdict, type UnsignedWindow, unsignedWindow } from "../../gates/unsignedWindow.js";
import { isChangeId } from "../../config/names.js";
import type { Msg } from "../../messages/msg.js";
import type { JournalEntry } from "../../state/journal.js";
import type { ChangePlan, ChangeOutcome } from "../../engine/change/changeTypes.js";
import { CHANGE_EXIT } from "../../engine/change/changeSpec.js";
import { type DkimSnapshot, readSnapshot } from "../../engine/change/dkimSettings.js";
import { shellQuote } from "./runSelection.js";

/** A gate as the journal keeps it: its verdict and the catalogue key of its detail (the detail's values are not journaled). */
export interface JournaledGate {
  readonly id: string;
  readonly status: string;
  readonly code: string;
  /** What the gate read (nameservers and the key fingerprint each served, SES's settings, alarm states); absent in older journals. */
  readonly evidence?: Readonly<Record<string, unknown>>;
}

export interface ReportedCall {
  readonly name: string;
  /** SES, or S3 for the key objects of keygen and retire. */
  readonly service: "SES" | "S3";
  /**
   * `inFlight`: started, and the journal never heard how it ended (the process died). `answerLost`,
   * `failedButReached`: it failed (a lost answer, or an error SES gave), and a fresh read showed SES at the target.
   */
  readonly outcome: "ok" | "failed" | "skipped" | "inFlight" | "answerLost" | "failedButReached";
  readonly requestId: string | null;
  readonly error: Msg | null;
  readonly startedAt: string;
  readonly endedAt: string | null;
  readonly ms: number | null;
}

export interface ReportedNotice {
  readonly at: string;
  readonly sent: boolean;
  readonly event: string;
  /** Already redacted by the notifier (`webhook:hooks.example.com`). */
  readonly target: string;
  readonly ms: number | null;
  readonly reason: Msg | null;
}

/** One run's journal, as the change ticket needs it. Built from the journal alone: no AWS, no config. */
export interface RunReport {
  readonly runId: string;
  readonly command: string;
  readonly domain: string;
  readonly operator: string;
  readonly host: string;
  readonly account: string;
  readonly region: string;
  /** The change ticket named with --change-id; null when none was. */
  readonly changeId: string | null;
  /** A --dry-run: the journal holds the gates and the plan as reviewed, and nothing was changed. */
  readonly dryRun: boolean;
  readonly startedAt: string;
  /** The `ended` entry's time; null for a journal cut short. */
  readonly endedAt: string | null;
  /** From the first entry to the last one written. */
  readonly durationMs: number;
  readonly gates: readonly JournaledGate[];
  readonly recheck: { readonly kind: "rechecked"; readonly gates: readonly JournaledGate[] } | { readonly kind: "skipped"; readonly checkAgeMs: number } | null;
  readonly plan: ChangePlan | null;
  readonly confirmation: { readonly by: string; readonly at: string } | null;
  readonly snapshot: { readonly restorable: boolean; readonly snapshot: DkimSnapshot | null } | null;
  readonly calls: readonly ReportedCall[];
  readonly throttledRetries: number;
  /** From the last call to the end of the wait: how long SES said PENDING. */
  readonly wait: { readonly result: string; readonly pendingMs: number | null; readonly verificationError: string | null } | null;
  readonly sesAfter: DkimSnapshot | null;
  readonly dnsRecordsNeeded: readonly string[];
  /** `--probe-every`: what the probes sent during the wait saw; null when none were sent. */
  readonly unsignedWindow: UnsignedWindow | null;
  readonly state:
    | { readonly kind: "recorded"; readonly versionId: string | null; readonly requestId: string | null; readonly at: string }
    | { readonly kind: "notRecorded"; readonly reason: Msg | null; readonly at: string }
    | null;
  readonly changedByAnotherRun: Msg | null;
  readonly outcome: ChangeOutcome | null;
  readonly exitCode: number | null;
  readonly sesChange: string | null;
  readonly abandoned: { readonly signal: string; readonly inFlight: string | null } | null;
  /** No `ended` entry: the process died. The last entry it wrote is where it stopped. */
  readonly cutShort: { readonly lastEvent: string; readonly at: string } | null;
  /** The command that undoes what the run left part-way, when its journal says it changed something. */
  readonly rollbackCommand: string | null;
  readonly notices: readonly ReportedNotice[];
}

const OBJECT_CALLS = new Set(["PutObject", "PutObjectTagging", "DeleteObject"]);

const text = (value: unknown): string | null => (typeof value === "string" ? value : null);
const asMsg = (value: unknown): Msg | null => (value !== null && typeof value === "object" && typeof (value as Msg).key === "string" ? (value as Msg) : null);
const asGates = (value: unknown): JournaledGate[] =>
  Array.isArray(value)
    ? value.filter((gate): gate is JournaledGate => gate !== null && typeof gate === "object" && typeof (gate as JournaledGate).id === "string")
    : [];
const msBetween = (from: string, to: string) => Date.parse(to) - Date.parse(from);

const SHOT_VERDICTS = new Set(["pass", "otherSelector", "amazonsesOnly", "unsigned", "failed", "notDelivered", "notSent"]);

/** The window as the report tells it, worked out again from the journaled probes (a hand-edited count is not believed). */
function journaledWindow(entry: Record<string, unknown> | undefined): UnsignedWindow | null {
  const selector = text(entry?.["selector"]);
  if (!entry || selector === null || !Array.isArray(entry["shots"])) return null;
  const shots = (entry["shots"] as unknown[]).flatMap((shot): ProbeShot[] => {
    const fields = shot !== null && typeof shot === "object" ? (shot as Record<string, unknown>) : {};
    const sentAt = text(fields["sentAt"]);
    const verdict = text(fields["verdict"]);
    return sentAt && verdict && SHOT_VERDICTS.has(verdict) ? [{ sentAt, verdict: verdict as ProbeShotVerdict, selector: text(fields["selector"]) }] : [];
  });
  return unsignedWindow(shots, selector);
}

/** What undoes a change of this command left part-way (the undo commands of enable, rotate and rollback). */
export function undoCommandFor(command: string, domain: string, plan: ChangePlan | null): string | null {
  if (command === "enable") return `byodkim rollback ${domain}`;
  if (command === "rotate") return `byodkim rollback ${domain} --to previous`;
  const target = text(plan?.details["target"]);
  if (command === "rollback" && target) return `byodkim rollback ${domain} --to ${target}`;
  return null;
}

/** The undo goes on the run's ticket, as the run itself printed it. */
const onTicket = (command: string | null, changeId: string | null) => (command && changeId ? `${command} --change-id ${shellQuote(changeId)}` : command);

/** The report of one run, or null when the journal is not a change run's (a runbook walk's, or empty). */
export function buildRunReport(entries: readonly JournalEntry[]): RunReport | null {
  const started = entries[0];
  if (started?.event !== "run-started") return null;
  const first = (event: string) => entries.find((entry) => entry.event === event);
  const ended = [...entries].reverse().find((entry) => entry.event === "ended");
  const last = entries.at(-1)!;
  const plan = (first("plan")?.["plan"] as ChangePlan | undefined) ?? null;
  const command = text(started["command"]) ?? "-";
  const domain = text(started["domain"]) ?? "-";
  // A journal is a file anyone may edit: only an id --change-id would have taken goes into the report and its undo command.
  const ticket = text(started["changeId"]);
  const changeId = ticket !== null && isChangeId(ticket) ? ticket : null;

  const calls: ReportedCall[] = [];
  const notices: ReportedNotice[] = [];
  let lastCallEndedAt: string | null = null;
  for (const entry of entries) {
    const name = text(entry["call"]) ?? "-";
    const service = OBJECT_CALLS.has(name) ? "S3" : "SES";
    if (entry.event === "call-started") {
      calls.push({ name, service, outcome: "inFlight", requestId: null, error: null, startedAt: entry.at, endedAt: null, ms: null });
    } else if (entry.event === "call-done" || entry.event === "call-failed") {
      const index = calls.map((call) => call.name === name && call.outcome === "inFlight").lastIndexOf(true);
      const startedAt = index >= 0 ? calls[index]!.startedAt : entry.at;
      const done: ReportedCall = {
        name,
        service,
        outcome: entry.event === "call-done" ? "ok" : "failed",
        requestId: text(entry["requestId"]) ?? text(asMsg(entry["error"])?.params?.["requestId"]),
        error: asMsg(entry["error"]),
        startedAt,
        endedAt: entry.at,
        ms: msBetween(startedAt, entry.at),
      };
      if (index >= 0) calls[index] = done;
      else calls.push(done);
      lastCallEndedAt = entry.at;
    } else if (entry.event === "call-reached-target") {
      const index = calls.map((call) => call.name === name && call.outcome === "failed").lastIndexOf(true);
      if (index >= 0) calls[index] = { ...calls[index]!, outcome: entry["after"] === "lostAnswer" ? "answerLost" : "failedButReached" };
    } else if (entry.event === "call-skipped") {
      calls.push({ name, service, outcome: "skipped", requestId: null, error: null, startedAt: entry.at, endedAt: null, ms: null });
    } else if (entry.event === "notice-sent" || entry.event === "notice-failed") {
      notices.push({
        at: entry.at,
        sent: entry.event === "notice-sent",
        event: noticeEvent(entry),
        target: text(entry["target"]) ?? "-",
        ms: typeof entry["ms"] === "number" ? entry["ms"] : null,
        reason: asMsg(entry["reason"]),
      });
    }
  }

  const rechecked = first("rechecked");
  const skipped = first("recheck-skipped");
  const confirmed = first("confirmed");
  const snapshot = first("snapshot");
  const waited = first("wait-ended");
  const after = first("ses-after");
  const recorded = first("state-recorded");
  const notRecorded = first("state-not-recorded");
  const abandoned = first("abandoned");
  const outcome = (text(ended?.["outcome"]) as ChangeOutcome | null) ?? null;
  const exitCode = outcome !== null ? (CHANGE_EXIT[outcome] ?? null) : null;
  // As the pipeline judges "left part-way": a call that went through (or whose answer never came) and no clean end.
  const changed = calls.some((call) => call.outcome === "ok" || call.outcome === "inFlight") && ended?.["sesChange"] !== "none";
  const leftPartWay = changed && exitCode !== 0 && outcome !== "recordFailed" && outcome !== "changedByAnotherRun";
  const pendingFrom = lastCallEndedAt ?? confirmed?.at ?? null;

  return {
    runId: text(started["runId"]) ?? "-",
    command,
    domain,
    operator: text(started["operator"]) ?? "-",
    host: text(started["host"]) ?? "-",
    account: text(started["account"]) ?? "-",
    region: text(started["region"]) ?? "-",
    changeId,
    dryRun: started["dryRun"] === true,
    startedAt: started.at,
    endedAt: ended?.at ?? null,
    durationMs: msBetween(started.at, (ended ?? last).at),
    gates: asGates(first("gates")?.["gates"]),
    recheck: rechecked
      ? { kind: "rechecked", gates: asGates(rechecked["gates"]) }
      : skipped
        ? { kind: "skipped", checkAgeMs: Number(skipped["checkAgeMs"] ?? 0) }
        : null,
    plan,
    confirmation: confirmed ? { by: text(confirmed["by"]) ?? "-", at: confirmed.at } : null,
    snapshot: snapshot ? { restorable: snapshot["restorable"] !== false, snapshot: readSnapshot(snapshot["snapshot"]) } : null,
    calls,
    throttledRetries: entries.filter((entry) => entry.event === "throttled-retry").length,
    wait: waited
      ? {
          result: text(waited["result"]) ?? "-",
          pendingMs: pendingFrom ? msBetween(pendingFrom, waited.at) : null,
          verificationError: text(waited["verificationError"]),
        }
      : null,
    // A run that stopped on a failed call read SES once more: that read is what SES showed after it.
    sesAfter: readSnapshot(after?.["sesNow"] ?? first("stopped")?.["sesNow"]),
    dnsRecordsNeeded: Array.isArray(after?.["dnsRecordsNeeded"])
      ? (after["dnsRecordsNeeded"] as unknown[]).filter((r): r is string => typeof r === "string")
      : [],
    unsignedWindow: journaledWindow(first("probe-window")),
    state: recorded
      ? { kind: "recorded", versionId: text(recorded["versionId"]), requestId: text(recorded["requestId"]), at: recorded.at }
      : notRecorded
        ? { kind: "notRecorded", reason: asMsg(notRecorded["reason"]), at: notRecorded.at }
        : null,
    changedByAnotherRun: asMsg(first("changed-by-another-run")?.["reason"]),
    outcome,
    exitCode,
    sesChange: text(ended?.["sesChange"]),
    abandoned: abandoned ? { signal: text(abandoned["signal"]) ?? "-", inFlight: text(abandoned["inFlight"]) } : null,
    cutShort: ended ? null : { lastEvent: last.event, at: last.at },
    rollbackCommand: leftPartWay ? onTicket(undoCommandFor(command, domain, plan), changeId) : null,
    notices,
  };
}

/**
 * Which change event a notice announced. A field named `event` cannot survive Journal.append (the
 * fields are spread after the entry's own event name and would replace it), so it is read under
 * `notice` or `noticeEvent`.
 */
function noticeEvent(entry: JournalEntry): string {
  return text(entry["notice"]) ?? text(entry["noticeEvent"]) ?? "-";
}
