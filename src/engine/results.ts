import type { GateResult } from "../gates/types.js";
import type { Msg } from "../messages/msg.js";
import type { DkimSnapshot } from "./change/dkimSettings.js";

/** What the read-only and walking commands return; the renderers in src/ui read these. */

export interface PrecheckResult {
  readonly command: "precheck";
  readonly domain: string;
  readonly selector: string | null;
  readonly region: string;
  readonly ok: boolean;
  readonly gates: readonly GateResult[];
  /** True when SES already signs with this selector: enable would be a no-op. */
  readonly alreadyActive: boolean;
}

export interface VerifyResult {
  readonly command: "verify";
  readonly domain: string;
  readonly selector: string | null;
  readonly region: string;
  readonly ok: boolean;
  readonly gates: readonly GateResult[];
}

/** notDone: a human check answered "not done", where the walk stopped: not a failure, not a tick. */
export type StepStatus = "done" | "failed" | "notDone" | "pending";

/** A done step as a walk (or the walk it resumed) journaled it: when, by whom (the AWS caller, the host), by hand or run by byodkim. */
export interface WalkStepDone {
  readonly step: string;
  readonly at: string;
  readonly operator: string | null;
  readonly host: string | null;
  readonly byHand: boolean;
}

export interface WalkResult {
  readonly command: "run";
  readonly runbook: string;
  readonly domain: string;
  readonly ok: boolean;
  readonly exitCode: number;
  readonly steps: readonly {
    readonly id: string;
    readonly status: StepStatus;
    readonly resumed: boolean;
    /** For a done step: when and by whom; null otherwise. */
    readonly done: WalkStepDone | null;
  }[];
  readonly journalPath: string;
  /** What reading the resumed walk's journal skipped (a torn last line). */
  readonly warnings: readonly Msg[];
  /** The step the walk stopped at, and why; null for a walk that finished. */
  readonly stoppedAt: string | null;
  readonly stopReason: Msg | null;
  readonly stopHint: Msg | null;
  /** The walk stopped because the operator answered that a human check is not done (stoppedAt names it). */
  readonly notDone: boolean;
  /** A stopped walk: the action steps done (this walk or the ones it resumed), SES's DKIM now, and what to run next. */
  readonly changed: readonly string[];
  readonly sesNow: DkimSnapshot | null;
  readonly undoCommand: string | null;
  readonly resumeCommand: string | null;
}
