import type { ThrottledRetry } from "../aws/types.js";
import type { GateId, GateResult } from "../gates/types.js";
import type { Msg } from "../messages/msg.js";
import type { Runbook, RunbookStep } from "../runbook/runbook.js";
import type { ChangePlan, ChangeResult } from "./change/changeTypes.js";
import type { WalkStepDone } from "./results.js";

/**
 * What a command says while it runs. Commands emit; the composition root decides whether a
 * spinner, a line on stderr, text on stdout or nothing shows it (aws-cdk's IoHost).
 */
export type CommandEvent =
  | { readonly type: "gateStarted"; readonly id: GateId }
  | { readonly type: "gateFinished"; readonly result: GateResult }
  /** The checklist that let a change go ahead (or a runbook step's verdicts). */
  | { readonly type: "checklist"; readonly gates: readonly GateResult[] }
  | { readonly type: "plan"; readonly plan: ChangePlan }
  | { readonly type: "step"; readonly message: Msg }
  /** A status read while waiting for SES's verdict: how long the wait has lasted, and its limit (--wait). */
  | { readonly type: "dkimStatus"; readonly status: string; readonly errorType: string | null; readonly elapsedMs: number; readonly waitMs: number }
  /** An AWS call throttled and about to be sent again (the SDK's backoff). */
  | { readonly type: "throttled"; readonly retry: ThrottledRetry }
  | {
      readonly type: "walkStep";
      readonly runbook: Runbook;
      readonly step: RunbookStep;
      readonly index: number;
      /** The config's dashboardUrl (null: none configured), shown at a step with `link: dashboardUrl`. */
      readonly dashboardUrl?: string | null;
    }
  /** A resumed walk, before it goes on: the steps already done, when and by whom. */
  | { readonly type: "walkResumed"; readonly runbook: Runbook; readonly domain: string; readonly done: readonly WalkStepDone[] }
  /** The operator's answer at a human check: done, or not done (the walk stops there). */
  | { readonly type: "walkChecked"; readonly step: RunbookStep; readonly done: boolean }
  /** status is about to read this many identity × region rows, paced at SES's rate. */
  | { readonly type: "statusPlanned"; readonly rows: number; readonly sesCalls: number; readonly seconds: number }
  | { readonly type: "statusProgress"; readonly done: number; readonly total: number }
  /** A change run as one step of a larger walk: its result, shown as it ends. */
  | { readonly type: "changeEnded"; readonly result: ChangeResult }
  /** A line with a verdict mark (a campaign's target as it ends): done, failed, warning or not done. */
  | { readonly type: "marked"; readonly mark: "done" | "failed" | "warning" | "notDone"; readonly message: Msg }
  /** A long step's state on the spinner (a campaign's bake countdown); null ends it. */
  | { readonly type: "progress"; readonly message: Msg | null };

export interface CommandEvents {
  emit(event: CommandEvent): void;
}

export const silentEvents: CommandEvents = { emit() {} };
