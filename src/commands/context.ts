import type { AwsPorts, SesIdentityFacts } from "../aws/types.js";
import type { ByodkimConfig } from "../config/config.js";
import type { DkimDns } from "../dns/types.js";
import type { GateId, GateResult } from "../gates/types.js";
import type { Prompter } from "../ui/prompts.js";
import type { Msg } from "../ui/messages/types.js";
import type { EnablePlan } from "./enablePlan.js";
import type { RollbackPlan } from "./rollbackPlan.js";
import type { EnableResult } from "./enable.js";
import type { RollbackResult } from "./rollback.js";
import type { Runbook, RunbookStep } from "../runbook/runbook.js";
import type { Clock } from "./waitForDkim.js";

/** Lets a command report progress without knowing whether a spinner, a log or nothing shows it. */
export interface Progress {
  gateStarted(id: GateId): void;
  gateFinished(result: GateResult): void;
}

/** What a changing command shows while it runs: the plan before the question, then each step. */
export interface ChangeReporter {
  /** The checklist that let the change go ahead, shown before the plan. */
  gates(gates: readonly GateResult[]): void;
  plan(plan: EnablePlan): void;
  rollbackPlan(plan: RollbackPlan, warnings: readonly Msg[]): void;
  step(message: Msg): void;
  walkStep(runbook: Runbook, step: RunbookStep, index: number): void;
  enableResult(result: EnableResult): void;
  rollbackResult(result: RollbackResult): void;
  dkimStatus(identity: SesIdentityFacts): void;
}

/** Ctrl-C during a change: noted, so the command finishes the call in flight and stops cleanly. */
export interface InterruptGuard {
  /** From now on Ctrl-C only sets the flag; before this it ends the process (nothing to undo yet). */
  arm(): void;
  disarm(): void;
  requested(): boolean;
}

/** Everything a command may touch, handed over by the composition root (src/cli/context.ts). */
export interface CommandContext {
  readonly config: ByodkimConfig;
  /** The region in force: --region, then the config, then the SDK's own chain. */
  readonly region: string;
  readonly aws: AwsPorts;
  readonly dns: DkimDns;
  readonly progress: Progress;
  readonly clock: Clock;
  readonly prompt: Prompter;
  readonly report: ChangeReporter;
  readonly interrupt: InterruptGuard;
  readonly journalDir: string;
  readonly host: string;
  readonly newRunId: () => string;
}
