import type { ProbeTargetResult } from "../../gates/probeVerdict.js";
import type { UnsignedWindow } from "../../gates/unsignedWindow.js";
import type { ByodkimError } from "../../errors.js";
import type { GateResult } from "../../gates/types.js";
import type { Msg } from "../../messages/msg.js";
import type { DnsPublisher } from "../../dns/types.js";
import type { DkimSettings, DkimSnapshot, PlannedCall, SesChange } from "./dkimSettings.js";

/**
 * How a guarded change ended. Every mutating command answers with these values, so a refusal
 * reads (and exits) the same in enable, rollback and whatever comes next.
 */
export type ChangeOutcome =
  | "gatesFailed"
  | "upToDate"
  | "dryRun"
  | "declined"
  | "recheckFailed"
  | "lockHeld"
  | "completed"
  | "failedDuringChange"
  | "recordFailed"
  | "changedByAnotherRun"
  | "verificationFailed"
  | "timedOut"
  | "interrupted";

/** One row of a plan as the operator reads it: a label, a sentence, and perhaps SES's DKIM settings after it. */
export interface PlanRow {
  readonly label: Msg;
  readonly value: Msg;
  readonly dkim?: DkimSnapshot | null;
  /** Lines under the value; depth 1 is indented under the line before it. */
  readonly more?: readonly { readonly text: Msg; readonly depth: 0 | 1 }[];
}

/** What a change is about to do, shown before the operator confirms (aws-cdk's diff before deploy). */
export interface ChangePlan {
  readonly command: string;
  readonly title: Msg;
  readonly domain: string;
  readonly account: string;
  readonly callerArn: string;
  readonly region: string;
  /** SES's DKIM settings when the plan was made. */
  readonly current: DkimSnapshot;
  readonly target: DkimSettings;
  readonly calls: readonly PlannedCall[];
  /** SES already is at the target and only the state record is missing or stale. */
  readonly recordOnly: boolean;
  /** The journal of an earlier run of this change that made calls but never recorded them. */
  readonly earlierJournal: string | null;
  /** The earlier run's calls all went through and only its record failed: this run writes that record, it finishes no call. */
  readonly earlierCallsDone: boolean;
  /** Lines of earlier journals that could not be read (a torn last line), said with the result. */
  readonly journalWarnings: readonly Msg[];
  /** The command's own rows (what the key is, what rollback restores, the risk). */
  readonly rows: readonly PlanRow[];
  /** Command-specific facts for `--json` (never secret). */
  readonly details: Readonly<Record<string, unknown>>;
}

export interface CallRecord {
  readonly name: string;
  readonly requestId: string | null;
  readonly outcome: "ok" | "failed" | "skipped";
  /**
   * A failed call after which a fresh read showed SES at the run's target, so the change went
   * through all the same: after a lost answer (a server error or no answer), or after an error SES gave.
   */
  readonly reachedAfter?: "lostAnswer" | "error";
}

export interface ChangeResult {
  readonly command: string;
  readonly domain: string;
  readonly selector: string | null;
  readonly region: string;
  readonly ok: boolean;
  readonly outcome: ChangeOutcome;
  readonly exitCode: number;
  /** One sentence saying how it ended, for the operator. */
  readonly summary: Msg;
  /** What to run next, once it went well. */
  readonly next: Msg | null;
  readonly gates: readonly GateResult[];
  readonly plan: ChangePlan | null;
  readonly calls: readonly CallRecord[];
  /** SES's DKIM settings when the command stopped, once it had started changing anything. */
  readonly sesNow: DkimSnapshot | null;
  /** After a failed call or Ctrl-C: what the run had changed, from a fresh read of SES. */
  readonly sesChange: SesChange | null;
  readonly verificationError: string | null;
  /** `--probe-every`: how long mail left without the domain's own signature during the wait; null when no probes were sent. */
  readonly probeWindow: UnsignedWindow | null;
  /** `--probe`: each target's probe sent once SES said SUCCESS; null when none were asked for. */
  readonly probes: readonly ProbeTargetResult[] | null;
  readonly warnings: readonly Msg[];
  /** Records the DNS team must publish for the target to verify. */
  readonly dnsRecordsNeeded: readonly string[];
  /** dns.publish route53 or rfc2136: what byodkim published itself; null when it published nothing (handoff, or not reached). */
  readonly dnsPublication?: DnsPublicationResult | null;
  /** From the confirmation to the last call. */
  readonly elapsedMs: number | null;
  readonly journalPath: string | null;
  /** The command that undoes (or finishes) a change left part-way; null when nothing needs undoing. */
  readonly rollbackCommand: string | null;
  /** Running the command again makes the calls still needed, and repeats one whose verification SES gave up on. */
  readonly finishCommand: string | null;
  readonly error: ByodkimError | null;
}

/** What byodkim published for a change, for the result and `--json` (`dnsPublication`). */
export interface DnsPublicationResult {
  readonly provider: DnsPublisher["provider"];
  readonly zone: string;
  readonly changeId: string;
  readonly target: string;
  readonly names: readonly string[];
  /** Every authoritative nameserver served every record before the wait's limit. */
  readonly answering: boolean;
}
