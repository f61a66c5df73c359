import type { SesIdentityFacts } from "../../aws/types.js";
import type { ProbeTargetResult } from "../../gates/probeVerdict.js";
import type { UnsignedWindow } from "../../gates/unsignedWindow.js";
import type { PrivateKeyMaterial } from "../../dkim/privateKeyMaterial.js";
import type { PublishedRecord } from "../../dns/types.js";
import { type ByodkimError, ExitCode } from "../../errors.js";
import type { MessageKey, MessageParams, Msg } from "../../messages/msg.js";
import type { MutationReceipt } from "../../aws/types.js";
import type { StatePatch, StateRecord } from "../../state/stateSecret.js";
import type { ChangeCheck, ChangeDescription } from "./changePlan.js";
import type { ChangeOutcome } from "./changeTypes.js";
import type { ObjectIntent, SesChange } from "./dkimSettings.js";

/** How waiting for SES ended, for a change that waits (enable waits for SUCCESS; rollback does not). */
export type WaitVerdict = (
  | { readonly kind: "success" | "failed" | "timeout" | "interrupted"; readonly identity: SesIdentityFacts | null }
  | { readonly kind: "overtaken"; readonly identity: SesIdentityFacts | null; readonly error: ByodkimError }
) & {
  /** What probes sent during the wait saw (`--probe-every`). */
  readonly probeWindow?: UnsignedWindow;
  /** `--probe`: the probes sent to every target once SES said SUCCESS. */
  readonly probes?: readonly ProbeTargetResult[];
};

/**
 * What a mutating command feeds the pipeline: its checks, its plan, its record. The sequence is the
 * pipeline's, and so is every fact between its steps: a callback after the confirmation is handed
 * the check the operator confirmed (C carries what the command needs later), so a command keeps no
 * state of its own between callbacks.
 */
export interface ChangeSpec<C extends ChangeCheck> {
  readonly command: string;
  readonly domain: string;
  /**
   * Reads the world and judges it: before the plan, and again after the confirmation. The re-check
   * is handed the first check, so that it judges what the first one chose (a selector) and the
   * operator confirmed, not what a fresh choice would pick.
   */
  check(first?: C): Promise<C>;
  /**
   * The re-check is for the minutes an operator may sit at the prompt. A --yes given within this
   * many milliseconds of the check (rollback) had no such minutes: its check is fresh, and the
   * incident does not wait for SES to take a second read. Unset, or a typed answer: re-checked.
   */
  readonly recheckUnlessAnsweredWithinMs?: number;
  describe(check: C): ChangeDescription;
  /** The key for a BYODKIM call; it leaves only through the SES adapter. */
  signingKey(check: C): PrivateKeyMaterial | undefined;
  /** Both checks describe the same change (same key, same target) beyond what the plans show. */
  sameChange(first: C, second: C): boolean;
  /** The state record already says this change happened. */
  isRecorded(check: C): boolean;
  /** The question; a function of the check when what the operator must type depends on what was found (retire's DMARC reports). */
  readonly confirmQuestion: Msg | ((check: C) => Msg);
  /** Whether an answer is a yes; the domain typed in full by default (a plain y/N for keygen). */
  acceptsAnswer?(answer: string, check: C): boolean;
  /** The command's calls on key objects in S3 (keygen, retire); a failure throws, as the SES calls do. */
  objectCall?(intent: ObjectIntent, check: C): Promise<MutationReceipt>;
  /** After a failed object call, one fresh read says whether the object is as before or as the call would leave it. */
  settleObjectCall?(intent: ObjectIntent, check: C): Promise<SesChange>;
  /** False for a change that leaves SES alone (keygen, retire): another run's SES change then does not unmake it. */
  readonly changesSes?: boolean;
  /** `restorable`: the snapshot is what `rollback --to previous` restores; `journal`: kept in the journal only. */
  readonly snapshot: "restorable" | "journal";
  /** Rollback goes ahead without the lock when its S3 object cannot be read or written: the incident must not wait. */
  readonly lock: {
    readonly ttlMs: number;
    readonly optional: boolean;
    readonly force: boolean;
    /** What to do about a live run's lock, when it is not "wait for it" (rollback: an incident may take it). */
    readonly heldHint?: Msg;
  };
  /** `overtaken`, asked after every poll, says another run took the lock or moved SES off the target: the wait stops there. */
  wait?(check: C, interrupted: () => boolean, overtaken: (identity: SesIdentityFacts | null) => Promise<ByodkimError | null>): Promise<WaitVerdict>;
  /** After the calls: what else the operator must know (DNS records to publish). */
  afterCalls?(sesNow: SesIdentityFacts | null, check: C): Promise<{ warnings: Msg[]; dnsRecordsNeeded: string[] }>;
  /**
   * dns.publish route53 or rfc2136: the records the change publishes once its calls are made, and the
   * selectors (or Easy DKIM tokens) whose names they may be at; null or no records: nothing to publish.
   */
  dnsRecords?(check: C, sesNow: SesIdentityFacts | null): { readonly selectors: readonly string[]; readonly records: readonly PublishedRecord[] } | null;
  /**
   * Publish before the record, so that a run whose publish failed is unrecorded and the same command
   * run again publishes again (retire, rollback); otherwise after it (keygen: the key history then
   * says the key was made, and tick publishes its record again).
   */
  readonly publishBeforeRecord?: boolean;
  /** `state`: the secret as it stands at the write, so lists such as the key history are merged, not replaced. */
  record(operator: string, now: Date, state: StateRecord, check: C): StatePatch;
  /** A rollback whose record cannot be written is still a rollback: a warning, not a failure. */
  readonly recordOptional: boolean;
  /** The warning when an optional record could not be written (keygen's and retire's key history). */
  readonly recordNotWritten?: Msg;
  /*
   * The callbacks below say how the run ended. Each is handed the check the run ended on: the
   * first check, or once the operator has confirmed, the re-check (the confirmed one).
   */
  /** Undoes a change left part-way; none for a change that only goes forward (retire). */
  undoCommand?(check: C): string;
  /** Finishes a change left part-way, once its cause is fixed: the same command converges. */
  finishCommand?(check: C): string;
  /** The command's own sentence for an outcome (enable's "BYODKIM is enabled …"); the pipeline's otherwise. */
  readonly summaries?: Partial<Record<ChangeOutcome, MessageKey>>;
  summaryParams?(check: C): MessageParams;
  /** The next step, said after a completed change. */
  next?(check: C): Msg;
  /** Warnings known before the plan (the journal fallback, a DNS record still missing). */
  readonly warnings?: (check: C) => readonly Msg[];
}

export interface ChangeOptions {
  readonly yes: boolean;
  readonly dryRun: boolean;
}

export const CHANGE_EXIT: Record<ChangeOutcome, number> = {
  gatesFailed: ExitCode.checkFailed,
  upToDate: ExitCode.ok,
  dryRun: ExitCode.ok,
  declined: ExitCode.declined,
  recheckFailed: ExitCode.checkFailed,
  lockHeld: ExitCode.checkFailed,
  completed: ExitCode.ok,
  failedDuringChange: ExitCode.awsFailureDuringChange,
  recordFailed: ExitCode.awsFailureDuringChange,
  changedByAnotherRun: ExitCode.unconfirmed,
  verificationFailed: ExitCode.unconfirmed,
  timedOut: ExitCode.unconfirmed,
  interrupted: ExitCode.interrupted,
};
