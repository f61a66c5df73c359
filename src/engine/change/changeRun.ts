import type { ProbeTargetResult } from "../../gates/probeVerdict.js";
import type { UnsignedWindow } from "../../gates/unsignedWindow.js";
import type { SesIdentityFacts } from "../../aws/types.js";
import { ByodkimError, ExitCode } from "../../errors.js";
import { type MessageKey, type Msg, msg, msgFromBag } from "../../messages/msg.js";
import type { JournalWriter } from "../../state/journal.js";
import type { HeldLock, LockLocation, LockRecord } from "../../state/lock.js";
import type { CommandContext } from "../context.js";
import type { ChangeCheck } from "./changePlan.js";
import { CHANGE_EXIT, type ChangeSpec } from "./changeSpec.js";
import type { CallRecord, ChangeOutcome, ChangePlan, ChangeResult, DnsPublicationResult } from "./changeTypes.js";
import type { DkimSnapshot, SesChange } from "./dkimSettings.js";
import type { AnotherRunsChange } from "./stillOurs.js";

/**
 * One run of a guarded change: what each phase found or did, handed on to the next phase, and
 * what the result is built from. A field is null until the phase that knows it has run.
 */
export class ChangeRun<C extends ChangeCheck> {
  /** The first check; once the operator has confirmed, the re-check. Every later callback is handed this one. */
  check: C;
  plan: ChangePlan | null = null;
  journal: JournalWriter | null = null;
  /** Ends the journaling of the SDK's throttled retries: once the run has ended, they are another run's. */
  stopJournalingRetries: (() => void) | undefined;
  runId: string | null = null;
  /** Who runs the change, as STS named them for the plan the operator was shown. */
  operator: string | null = null;
  confirmedAt: number | null = null;
  lock: { readonly at: LockLocation; readonly record: LockRecord; held: HeldLock | null } | null = null;
  /** The call under way: a second stop signal journals it as abandoned. */
  inFlight: string | null = null;
  readonly calls: CallRecord[] = [];
  readonly warnings: Msg[] = [];
  readonly dnsRecordsNeeded: string[] = [];
  /** From the confirmation to the last call; null when no call was needed. */
  elapsedMs: number | null = null;
  /** SES as the wait, or the proof that the change is still this run's, last read it. */
  sesNow: SesIdentityFacts | null = null;
  verificationError: string | null = null;
  /** `--probe-every`: what the probes sent during the wait saw. */
  probeWindow: UnsignedWindow | null = null;
  /** `--probe`: every target's probe once SES said SUCCESS. */
  probes: readonly ProbeTargetResult[] | null = null;
  /** The proof the change is still this run's, when the run proved it without waiting: the record then need not prove it again. */
  proven: { readonly changedBy: AnotherRunsChange | null } | null = null;
  /** SES's settings as the record was about to be written. */
  sesAfter: DkimSnapshot | null = null;
  /** What byodkim published in DNS (dns.publish), once the provider took the change. */
  dnsPublication: DnsPublicationResult | null = null;

  constructor(
    first: C,
    /** When the first check was read: a --yes right after it may skip the re-check. */
    readonly checkedAt: number,
  ) {
    this.check = first;
  }

  /** What the confirmation phase settled, for the phases after it. */
  confirmed(): { readonly plan: ChangePlan; readonly journal: JournalWriter; readonly runId: string; readonly operator: string; readonly confirmedAt: number } {
    const { plan, journal, runId, operator, confirmedAt } = this;
    if (!plan || !journal || runId === null || operator === null || confirmedAt === null) throw new Error("a phase after the confirmation ran before it");
    return { plan, journal, runId, operator, confirmedAt };
  }
}

/** How a phase ended the run: its outcome, and what only that phase knows. */
export interface Ending {
  readonly outcome: ChangeOutcome;
  readonly error?: ByodkimError;
  /** SES's settings when the run stopped. */
  readonly sesNow?: DkimSnapshot | null;
  /** What the run changed, when a fresh read had to tell. */
  readonly sesChange?: SesChange | null;
  /** A sentence only the ending phase can write (what the operator typed), in place of the outcome's own. */
  readonly summary?: Msg;
}

/** The one place a change's result is built: from the run and how it ended. The run's journal ends here. */
export function changeResult<C extends ChangeCheck>(ctx: CommandContext, spec: ChangeSpec<C>, run: ChangeRun<C>, ending: Ending): ChangeResult {
  const { outcome } = ending;
  const { check, plan, journal } = run;
  // SES says SUCCESS, but mail read back is not signed by the new key: changed, and not confirmed.
  const probeUnsigned = outcome === "completed" && run.probes !== null && run.probes.some((probe) => probe.outcome !== "pass");
  const exitCode = probeUnsigned ? ExitCode.unconfirmed : CHANGE_EXIT[outcome];
  const sesChange = ending.sesChange ?? null;
  const changed = sesChange === null ? run.calls.some((call) => call.outcome === "ok") : sesChange !== "none";
  // After another run's change, this run's undo would undo that one too: no advice beats wrong advice.
  const leftPartWay = exitCode !== ExitCode.ok && outcome !== "recordFailed" && outcome !== "changedByAnotherRun" && changed;
  journal?.append("ended", { outcome, sesChange });
  run.stopJournalingRetries?.();
  const finishCommand = spec.finishCommand?.(check);
  const summary = probeUnsigned
    ? msg("probe.change.unsigned", { domain: spec.domain, selector: check.selector ?? "-" })
    : (ending.summary ??
      msgFromBag(summaryKey(spec, plan, outcome, sesChange), {
        command: spec.command,
        domain: spec.domain,
        selector: check.selector ?? "-",
        errorType: run.verificationError ?? "-",
        journal: plan?.earlierJournal ?? "-",
        finish: finishCommand ?? `byodkim ${spec.command} ${spec.domain}`,
        ...spec.summaryParams?.(check),
      }));
  return {
    command: spec.command,
    domain: spec.domain,
    selector: check.selector ?? null,
    region: ctx.region,
    ok: exitCode === ExitCode.ok,
    outcome,
    exitCode,
    summary,
    next: outcome === "completed" ? (spec.next?.(check) ?? null) : outcome === "dryRun" && run.runId ? msg("change.dryRunReport", { runId: run.runId }) : null,
    gates: check.gates,
    plan,
    calls: run.calls,
    sesNow: ending.sesNow ?? null,
    verificationError: run.verificationError,
    probeWindow: run.probeWindow,
    probes: run.probes,
    warnings: run.warnings,
    dnsRecordsNeeded: run.dnsRecordsNeeded,
    dnsPublication: run.dnsPublication,
    elapsedMs: run.elapsedMs,
    journalPath: journal?.path ?? null,
    rollbackCommand: leftPartWay ? (spec.undoCommand?.(check) ?? null) : null,
    finishCommand: leftPartWay ? (finishCommand ?? null) : null,
    error: ending.error ?? null,
    sesChange,
  };
}

function summaryKey<C extends ChangeCheck>(spec: ChangeSpec<C>, plan: ChangePlan | null, outcome: ChangeOutcome, sesChange: SesChange | null): MessageKey {
  // keygen and retire change key objects in S3, not SES: their sentences say so.
  const of = spec.changesSes === false ? "objects." : "";
  if (outcome === "completed" && plan?.recordOnly) {
    if (of) return "change.summary.objects.recordedOnly";
    return plan.earlierJournal ? "change.summary.recordedEarlier" : "change.summary.recordedOnly";
  }
  if (outcome === "failedDuringChange" || outcome === "interrupted") {
    if (sesChange === "none") return `change.summary.${of}${outcome}.nothingChanged`;
    if (sesChange === "unknown") return `change.summary.${of}${outcome}.unknown`;
    if (of) return `change.summary.objects.${outcome}`;
  }
  return spec.summaries?.[outcome] ?? `change.summary.${outcome}`;
}

/** The lock to prove still held: none for a run that went on without it. */
export const heldLock = <C extends ChangeCheck>(run: ChangeRun<C>) => (run.lock?.held ? { location: run.lock.at, held: run.lock.held } : null);

/** The settings to prove SES still shows: none for a change that leaves SES alone. */
export const recordTarget = <C extends ChangeCheck>(spec: ChangeSpec<C>, run: ChangeRun<C>) => (spec.changesSes === false ? null : run.confirmed().plan.target);

export const asByodkimError = (err: unknown): ByodkimError =>
  err instanceof ByodkimError ? err : new ByodkimError("aws", msg("cli.unexpected", { name: err instanceof Error ? err.name : typeof err }));
