import { ExitCode, byodkimError } from "../errors.js";
import { readStateObject } from "../state/stateSecret.js";
import type { StepStatus, WalkResult } from "./results.js";
import type { GateResult } from "../gates/types.js";
import { findRunbook, type Runbook, type RunbookStep } from "../runbook/runbook.js";
import { isJournalOf, type JournalStore } from "../state/journal.js";
import { type Msg, msg } from "../messages/msg.js";
import type { CommandContext } from "./context.js";
import { enable } from "./enable.js";
import { keygen } from "./keygen.js";
import { retire } from "./retire.js";
import { rotate } from "./rotate.js";
import { runGates } from "./gateRun.js";
import { resolveGateTarget } from "./precheck.js";
import { rollback } from "./rollback.js";
import { verify } from "./verify.js";

export interface WalkInput {
  readonly runbookId: string;
  readonly domain: string | undefined;
  readonly selector: string | undefined;
  readonly resume: boolean;
  readonly yes: boolean;
  readonly waitSeconds: number;
}

const walkCommand = (runbook: Runbook) => `run-${runbook.id}`;
const YES = /^(y|yes|はい|済|done)$/i;

export interface WalkProgress {
  readonly done: Set<string>;
  readonly failed: Set<string>;
  readonly journal: string | undefined;
  /** What reading the walk's journal skipped (a torn last line): the steps before it still count. */
  readonly warnings: readonly Msg[];
}

const noProgress = (): WalkProgress => ({ done: new Set(), failed: new Set(), journal: undefined, warnings: [] });

/** The steps completed by the newest walk of this runbook for the domain (what --resume skips). */
export function completedSteps(journals: JournalStore, runbook: Runbook, domain: string): WalkProgress {
  const journal = journals.list(domain).find((path) => isJournalOf(path, walkCommand(runbook)));
  const done = new Set<string>();
  const failed = new Set<string>();
  const read = journal ? journals.read(journal) : { entries: [], warnings: [] };
  for (const entry of read.entries) {
    const step = String(entry["step"] ?? "");
    if (entry.event === "step-done") {
      done.add(step);
      failed.delete(step);
    } else if (entry.event === "step-failed") failed.add(step);
  }
  return { done, failed, journal, warnings: read.warnings };
}

/** Each step's status from the newest walk journal for the domain (`runbook show`), and what reading it skipped. */
export function stepStatuses(
  journals: JournalStore,
  runbook: Runbook,
  domain: string | undefined,
): { statuses: Map<string, StepStatus>; warnings: readonly Msg[] } {
  const { done, failed, warnings } = domain ? completedSteps(journals, runbook, domain) : noProgress();
  const statuses = new Map(
    runbook.steps.map((step): [string, StepStatus] => [step.id, done.has(step.id) ? "done" : failed.has(step.id) ? "failed" : "pending"]),
  );
  return { statuses, warnings };
}

/** Walks a runbook in order; a completed mutation is never repeated on --resume. */
export async function runWalk(ctx: CommandContext, input: WalkInput): Promise<WalkResult> {
  const runbook = findRunbook(input.runbookId);
  const { domain } = resolveGateTarget(ctx, { domain: input.domain, selector: input.selector });
  const previous = input.resume ? completedSteps(ctx.journal, runbook, domain) : noProgress();
  const journal = ctx.journal.open(walkCommand(runbook), domain, ctx.newRunId());
  journal.append("walk-started", { runbook: runbook.id, domain, resumedFrom: previous.journal ?? null });

  const statuses = new Map<string, StepStatus>(runbook.steps.map((step) => [step.id, "pending"]));
  const resumed = new Set<string>();
  let precheckGates: readonly GateResult[] | undefined;
  let verifyGates: readonly GateResult[] | undefined;
  const result = (exitCode: number): WalkResult => {
    journal.append("walk-ended", { exitCode });
    return {
      command: "run",
      runbook: runbook.id,
      domain,
      ok: exitCode === ExitCode.ok,
      exitCode,
      steps: runbook.steps.map((step) => ({ id: step.id, status: statuses.get(step.id) ?? "pending", resumed: resumed.has(step.id) })),
      journalPath: journal.path,
      warnings: previous.warnings,
    };
  };

  for (const [index, step] of runbook.steps.entries()) {
    if (previous.done.has(step.id)) {
      statuses.set(step.id, "done");
      resumed.add(step.id);
      journal.append("step-done", { step: step.id, resumed: true });
      continue;
    }
    ctx.events.emit({ type: "walkStep", runbook, step, index });
    const exitCode = await runStep(step);
    if (exitCode !== ExitCode.ok) {
      statuses.set(step.id, "failed");
      journal.append("step-failed", { step: step.id, exitCode });
      return result(exitCode);
    }
    statuses.set(step.id, "done");
    journal.append("step-done", { step: step.id });
  }
  return result(ExitCode.ok);

  async function runStep(step: RunbookStep): Promise<number> {
    switch (step.kind) {
      case "confirm": {
        const answer = await ctx.prompt.ask(msg("runbook.confirmStep"));
        return YES.test(answer.trim()) ? ExitCode.ok : ExitCode.declined;
      }
      case "gate": {
        precheckGates ??= (await runGates(ctx, { domain, selector: input.selector })).gates;
        return judged(step, precheckGates);
      }
      case "check": {
        verifyGates ??= (
          await verify(ctx, {
            domain,
            selector: input.selector,
            waitSeconds: input.waitSeconds,
            sendTest: undefined,
            eml: undefined,
          })
        ).gates;
        return judged(step, verifyGates);
      }
      case "action": {
        if (step.run === "keygen" || step.run === "rotate" || step.run === "retire") return lifecycleStep(step.run);
        if (step.run === "rollback") {
          const done = await rollback(ctx, {
            domain,
            to: undefined,
            yes: input.yes,
            reason: `runbook ${runbook.id}`,
            dryRun: false,
            forceUnlock: false,
          });
          ctx.events.emit({ type: "changeEnded", result: done });
          return done.exitCode;
        }
        // Enable is idempotent: on a resumed walk an already-active selector is reported, not changed again.
        const done = await enable(ctx, { domain, selector: input.selector, yes: input.yes, dryRun: false, waitSeconds: input.waitSeconds, forceUnlock: false });
        ctx.events.emit({ type: "changeEnded", result: done });
        return done.exitCode;
      }
    }
  }

  /** The monthly rotation's own actions; a walk that spans days resumes at the first one not done. */
  async function lifecycleStep(run: "keygen" | "rotate" | "retire"): Promise<number> {
    const done =
      run === "keygen"
        ? await keygen(ctx, { domain, selector: undefined, bits: 2048, yes: input.yes, dryRun: false, outDir: undefined })
        : run === "rotate"
          ? await rotate(ctx, { domain, to: input.selector, yes: input.yes, dryRun: false, waitSeconds: input.waitSeconds, forceUnlock: false })
          : await retire(ctx, { selector: await selectorToRetire(ctx), domain, deleteKey: false, yes: input.yes, dryRun: false });
    ctx.events.emit({ type: "changeEnded", result: done });
    return done.exitCode;
  }

  function judged(step: RunbookStep, gates: readonly GateResult[]): number {
    const relevant = gates.filter((gate) => step.gates.includes(gate.id));
    ctx.events.emit({ type: "checklist", gates: relevant });
    return relevant.length === step.gates.length && relevant.every((gate) => gate.status !== "fail") ? ExitCode.ok : ExitCode.checkFailed;
  }
}

/** The selector the last rotation moved away from, as the state secret records it: the one the walk retires. */
async function selectorToRetire(ctx: CommandContext): Promise<string> {
  const secret = await ctx.aws.state.readStateSecret(ctx.config.state.secretId);
  const previous = secret ? readStateObject(secret.text)?.["previous_selector"] : undefined;
  if (typeof previous !== "string") throw byodkimError("input", "runbook.noPreviousSelector", { secretId: ctx.config.state.secretId });
  return previous;
}
