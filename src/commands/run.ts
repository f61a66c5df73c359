import { selectorListing, stateSecretId } from "../config/config.js";
import { ByodkimError, ExitCode, type StopSignal, byodkimError } from "../errors.js";
import { fetchFact } from "../gates/fetched.js";
import { chooseSelector } from "../gates/selectorGate.js";
import { walkAftermath } from "../runbook/walkStop.js";
import { typedPath } from "../runbook/typedPath.js";
import { snapshotDkim } from "../engine/change/dkimSettings.js";
import type { Prompter } from "../engine/context.js";
import { readStateObject } from "../state/stateSecret.js";
import type { StepStatus, WalkResult, WalkStepDone } from "../engine/results.js";
import type { GateResult } from "../gates/types.js";
import { findRunbook, type Runbook, type RunbookStep } from "../runbook/runbook.js";
import { isJournalOf, type JournalStore } from "../state/journal.js";
import { journaledWalk, type StepDone, walkCommand as walkJournalCommand } from "../runbook/walkJournal.js";
import { type Msg, msg } from "../messages/msg.js";
import type { CommandContext } from "../engine/context.js";
import type { ChangeResult } from "../engine/change/changeTypes.js";
import { runGates } from "../engine/gateRunner.js";
import { resolveGateTarget } from "../engine/gateTarget.js";

export interface WalkInput {
  readonly runbookId: string;
  readonly domain: string | undefined;
  readonly selector: string | undefined;
  readonly resume: boolean;
  readonly yes: boolean;
  readonly waitSeconds: number;
  /** The home folder a typed `~/` stands for (the test mail's received file). */
  readonly home?: string | undefined;
}

/**
 * The commands a walk runs, handed in by the composition root: a command never imports another.
 * Each takes what the walk passes; the command's own input type must accept it.
 */
export interface WalkCommands {
  readonly verify: (
    ctx: CommandContext,
    input: { domain: string; selector: string | undefined; waitSeconds: number; sendTest: string | undefined; eml: string | undefined },
  ) => Promise<{ readonly gates: readonly GateResult[] }>;
  readonly enable: (
    ctx: CommandContext,
    input: { domain: string; selector: string | undefined; yes: boolean; dryRun: false; waitSeconds: number; forceUnlock: false },
  ) => Promise<ChangeResult>;
  readonly rotate: (
    ctx: CommandContext,
    input: { domain: string; to: string | undefined; yes: boolean; dryRun: false; waitSeconds: number; forceUnlock: false },
  ) => Promise<ChangeResult>;
  readonly keygen: (
    ctx: CommandContext,
    input: { domain: string; selector: undefined; bits: 2048; yes: boolean; dryRun: false; outDir: undefined },
  ) => Promise<ChangeResult>;
  readonly retire: (ctx: CommandContext, input: { selector: string; domain: string; deleteKey: false; yes: boolean; dryRun: false }) => Promise<ChangeResult>;
  readonly rollback: (
    ctx: CommandContext,
    input: { domain: string; to: undefined; yes: boolean; reason: string; dryRun: false; forceUnlock: false },
  ) => Promise<ChangeResult>;
}

const walkCommand = (runbook: Runbook) => walkJournalCommand(runbook.id);
const YES = /^(y|yes|はい|済|done)$/i;
/** How many times the walk asks for the received message's file before it leaves the step not done. */
const RECEIVED_FILE_ASKS = 3;

export interface WalkProgress {
  /** The steps done, in the order they were done, with when and by whom. */
  readonly done: ReadonlyMap<string, StepDone>;
  readonly failed: ReadonlySet<string>;
  readonly notDone: ReadonlySet<string>;
  /** The selector the walk's keygen step created (journaled with its step-done), for its gate, rotate and check steps. */
  readonly keySelector: string | undefined;
  readonly journal: string | undefined;
  /** What reading the walk's journal skipped (a torn last line): the steps before it still count. */
  readonly warnings: readonly Msg[];
}

const noProgress = (): WalkProgress => ({
  done: new Map(),
  failed: new Set(),
  notDone: new Set(),
  keySelector: undefined,
  journal: undefined,
  warnings: [],
});

/** The steps completed by the newest walk of this runbook for the domain (what --resume skips). */
export function completedSteps(journals: JournalStore, runbook: Runbook, domain: string): WalkProgress {
  const listed = journals.list(domain);
  const journal = listed.paths.find((path) => isJournalOf(path, walkCommand(runbook)));
  const read = journal ? journals.read(journal) : { entries: [], warnings: [] };
  const walk = journal ? journaledWalk(journal, read.entries) : null;
  const warnings = [...listed.warnings, ...read.warnings];
  if (!walk) return { ...noProgress(), journal, warnings };
  return { done: walk.done, failed: walk.failed, notDone: walk.notDone, keySelector: walk.keySelector, journal, warnings };
}

const asWalkStepDone = ({ step, at, operator, host, byHand }: StepDone): WalkStepDone => ({ step, at, operator, host, byHand });

/** Each step's status from the newest walk journal for the domain (`runbook show`), and what reading it skipped. */
export function stepStatuses(
  journals: JournalStore,
  runbook: Runbook,
  domain: string | undefined,
): { statuses: Map<string, StepStatus>; warnings: readonly Msg[] } {
  const { done, failed, notDone, warnings } = domain ? completedSteps(journals, runbook, domain) : noProgress();
  const statusOf = (id: string): StepStatus => (done.has(id) ? "done" : failed.has(id) ? "failed" : notDone.has(id) ? "notDone" : "pending");
  const statuses = new Map(runbook.steps.map((step): [string, StepStatus] => [step.id, statusOf(step.id)]));
  return { statuses, warnings };
}

/** Walks a runbook in order; a completed mutation is never repeated on --resume. */
export async function runWalk(ctx: CommandContext, input: WalkInput, commands: WalkCommands): Promise<WalkResult> {
  const runbook = findRunbook(input.runbookId);
  const { domain } = resolveGateTarget(ctx, { domain: input.domain, selector: input.selector });
  const previous = input.resume ? completedSteps(ctx.journal, runbook, domain) : noProgress();
  // Who walks is who a change run journals as its operator: the AWS caller, on this host.
  const caller = await fetchFact(() => ctx.aws.sts.getCallerIdentity());
  const operator = caller.ok ? caller.value.arn : null;
  const journal = ctx.journal.open(walkCommand(runbook), domain, ctx.newRunId());
  // The change id (--change-id) reaches each change the walk runs through ctx; the walk's own journal names it too.
  journal.append("walk-started", {
    runbook: runbook.id,
    runId: journal.runId,
    domain,
    operator,
    host: ctx.host,
    resumedFrom: previous.journal ?? null,
    ...(ctx.changeId === undefined ? {} : { changeId: ctx.changeId }),
  });

  const statuses = new Map<string, StepStatus>(runbook.steps.map((step) => [step.id, "pending"]));
  const doneHere = new Map<string, WalkStepDone>();
  const resumed = new Set<string>();
  let precheckGates: readonly GateResult[] | undefined;
  let verifyGates: readonly GateResult[] | undefined;
  // The key this walk's keygen made is the one it rotates to, whatever else lands in S3 meanwhile.
  let keySelector = previous.keySelector;
  let madeKey: string | undefined;
  let stopReason: Msg | null = null;
  let stopHint: Msg | null = null;
  let notDone = false;
  const stop = stopOnSignal(ctx);
  const walkCtx: CommandContext = { ...ctx, prompt: stop.prompt };
  const result = async (exitCode: number, stoppedAt: string | null): Promise<WalkResult> => {
    stop.release();
    const done = new Set([...statuses].flatMap(([id, status]) => (status === "done" ? [id] : [])));
    const after = stoppedAt === null ? null : walkAftermath(runbook, done, domain, input.selector);
    // Only a stop after a change needs SES read again: the operator must see where the walk left it.
    const read = after && after.changed.length > 0 ? await fetchFact(() => ctx.aws.ses.getEmailIdentity(domain)) : null;
    const sesNow = read?.ok && read.value ? snapshotDkim(read.value, ctx.clock.now()) : null;
    journal.append("walk-ended", { exitCode, stoppedAt, changed: after?.changed ?? [] });
    return {
      command: "run",
      runbook: runbook.id,
      domain,
      ok: exitCode === ExitCode.ok,
      exitCode,
      steps: runbook.steps.map((step) => ({
        id: step.id,
        status: statuses.get(step.id) ?? "pending",
        resumed: resumed.has(step.id),
        done: doneHere.get(step.id) ?? null,
      })),
      journalPath: journal.path,
      warnings: previous.warnings,
      stoppedAt,
      stopReason,
      stopHint,
      notDone,
      changed: after?.changed ?? [],
      sesNow,
      undoCommand: after?.undoCommand ?? null,
      resumeCommand: after?.resumeCommand ?? null,
    };
  };

  const carried = runbook.steps.flatMap((step) => {
    const done = previous.done.get(step.id);
    return done ? [asWalkStepDone(done)] : [];
  });
  if (carried.length > 0) ctx.events.emit({ type: "walkResumed", runbook, domain, done: carried });

  for (const [index, step] of runbook.steps.entries()) {
    const before = previous.done.get(step.id);
    if (before) {
      statuses.set(step.id, "done");
      resumed.add(step.id);
      doneHere.set(step.id, asWalkStepDone(before));
      // Who did it and when travel with the step, so the newest walk's journal alone tells the whole walk.
      journal.append("step-done", {
        step: step.id,
        resumed: true,
        doneAt: before.at,
        by: before.operator,
        host: before.host,
        byHand: before.byHand,
        ...(step.run === "keygen" && keySelector ? { keySelector } : {}),
      });
      continue;
    }
    ctx.events.emit({ type: "walkStep", runbook, step, index, dashboardUrl: ctx.config.dashboardUrl ?? null });
    const exitCode = stop.requested() ? ExitCode.interrupted : await runStep(step).catch(stoppedBy);
    if (exitCode !== ExitCode.ok) {
      statuses.set(step.id, notDone ? "notDone" : "failed");
      stopReason ??= exitCode === ExitCode.interrupted ? msg("runbook.walk.interrupted", { signal: stop.signal() ?? "SIGINT" }) : null;
      journal.append(notDone ? "step-not-done" : "step-failed", { step: step.id, exitCode });
      return result(exitCode, step.id);
    }
    statuses.set(step.id, "done");
    const byHand = step.kind === "confirm";
    doneHere.set(step.id, { step: step.id, at: ctx.clock.now().toISOString(), operator, host: ctx.host, byHand });
    journal.append("step-done", { step: step.id, by: operator, host: ctx.host, byHand, ...(madeKey ? { keySelector: madeKey } : {}) });
    madeKey = undefined;
  }
  return result(ExitCode.ok, null);

  /** A prompt that ended (input closed, Ctrl-C at a terminal) or a refusal stops the walk with its document, not a bare error. */
  function stoppedBy(err: unknown): number {
    if (!(err instanceof ByodkimError)) throw err;
    stopReason =
      err.kind === "interrupted"
        ? msg("runbook.walk.interrupted", { signal: stop.signal() ?? "SIGINT" })
        : err.what.key === "confirm.noAnswer"
          ? msg("runbook.walk.noAnswer")
          : err.what;
    stopHint = err.kind === "interrupted" || err.kind === "declined" ? null : (err.hint ?? null);
    return err.exitCode;
  }

  async function runStep(step: RunbookStep): Promise<number> {
    if (keySelector !== undefined && input.selector === undefined && (step.kind === "gate" || step.run === "rotate")) {
      const refused = await newestKeyDiffers(keySelector);
      if (refused) {
        stopReason = refused;
        return ExitCode.checkFailed;
      }
    }
    const selector = input.selector ?? keySelector;
    switch (step.kind) {
      case "confirm": {
        const answer = await walkCtx.prompt.ask(msg("runbook.confirmStep"));
        if (!YES.test(answer.trim())) return notAnswered(step);
        ctx.events.emit({ type: "walkChecked", step, done: true });
        return ExitCode.ok;
      }
      case "gate": {
        precheckGates ??= (await runGates(walkCtx, { domain, selector })).gates;
        return judged(step, precheckGates);
      }
      case "check": {
        if (step.gates.includes("sendTest")) return testMail(step, selector);
        verifyGates ??= (
          await commands.verify(walkCtx, {
            domain,
            selector,
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
          const done = await commands.rollback(walkCtx, {
            domain,
            to: undefined,
            yes: input.yes,
            reason: `runbook ${runbook.id}`,
            dryRun: false,
            forceUnlock: false,
          });
          ctx.events.emit({ type: "changeEnded", result: withinWalk(done) });
          return done.exitCode;
        }
        // Enable is idempotent: on a resumed walk an already-active selector is reported, not changed again.
        const done = await commands.enable(walkCtx, {
          domain,
          selector: input.selector,
          yes: input.yes,
          dryRun: false,
          waitSeconds: input.waitSeconds,
          forceUnlock: false,
        });
        ctx.events.emit({ type: "changeEnded", result: withinWalk(done) });
        return done.exitCode;
      }
    }
  }

  /** The monthly rotation's own actions; a walk that spans days resumes at the first one not done. */
  async function lifecycleStep(run: "keygen" | "rotate" | "retire"): Promise<number> {
    const done =
      run === "keygen"
        ? await commands.keygen(walkCtx, { domain, selector: undefined, bits: 2048, yes: input.yes, dryRun: false, outDir: undefined })
        : run === "rotate"
          ? await commands.rotate(walkCtx, {
              domain,
              to: input.selector ?? keySelector,
              yes: input.yes,
              dryRun: false,
              waitSeconds: input.waitSeconds,
              forceUnlock: false,
            })
          : await commands.retire(walkCtx, { selector: await selectorToRetire(ctx, domain), domain, deleteKey: false, yes: input.yes, dryRun: false });
    ctx.events.emit({ type: "changeEnded", result: withinWalk(done) });
    if (run === "keygen" && done.exitCode === ExitCode.ok && done.selector !== null) {
      keySelector = done.selector;
      madeKey = done.selector;
    }
    return done.exitCode;
  }

  /** S3's newest key is another than the walk's own: rotating to either without a word would be a guess. */
  async function newestKeyDiffers(own: string): Promise<Msg | undefined> {
    const { config } = ctx;
    const listing = selectorListing(config.keys.key, domain);
    const objectKeys = await fetchFact(() => ctx.aws.keys.listKeys(config.keys.bucket, listing.prefix));
    const newest = chooseSelector({ source: "s3", bucket: config.keys.bucket, listing, selectorPrefix: config.selectorPrefix, objectKeys }).selector;
    if (newest === undefined || newest === own) return undefined;
    stopHint = msg("runbook.walk.newerKey.hint", { newest, domain, runbook: runbook.id });
    return msg("runbook.walk.newerKey", { selector: own, newest, domain });
  }

  /**
   * The test mail, run by the walk as verify runs it: the address asked, the message sent
   * (--send-test), then the message as received asked and its signature checked (--eml). An empty
   * answer is "not done": the walk stops there and --resume sends a new one.
   */
  async function testMail(step: RunbookStep, selector: string | undefined): Promise<number> {
    const verifyWith = async (options: { sendTest?: string; eml?: string }) =>
      (await commands.verify(walkCtx, { domain, selector, waitSeconds: 0, sendTest: options.sendTest, eml: options.eml })).gates;
    const address = (await walkCtx.prompt.ask(msg("runbook.testMail.address"))).trim();
    if (address === "") return notAnswered(step);
    const sent = judged({ ...step, gates: ["sendTest"] }, await verifyWith({ sendTest: address }));
    if (sent !== ExitCode.ok || !step.gates.includes("eml")) return sent;
    // A path mistyped or not yet saved is asked again, not a failed check: the message itself was not judged.
    for (let asked = 0; asked < RECEIVED_FILE_ASKS; asked++) {
      const received = typedPath(await walkCtx.prompt.ask(msg("runbook.testMail.received")), input.home);
      if (received === "") return notAnswered(step);
      try {
        return judged({ ...step, gates: ["eml"] }, await verifyWith({ eml: received }));
      } catch (err) {
        if (!(err instanceof ByodkimError) || err.what.key !== "verify.emlUnreadable") throw err;
        ctx.events.emit({ type: "step", message: err.what });
      }
    }
    return notAnswered(step);
  }

  /** Not done is the operator's answer, not a failure: the walk stops before anything that depends on it. */
  function notAnswered(step: RunbookStep): number {
    ctx.events.emit({ type: "walkChecked", step, done: false });
    notDone = true;
    stopReason = msg("runbook.walk.notDone", { step: step.id });
    return ExitCode.declined;
  }

  function judged(step: RunbookStep, gates: readonly GateResult[]): number {
    const relevant = gates.filter((gate) => step.gates.includes(gate.id));
    ctx.events.emit({ type: "checklist", gates: relevant });
    return relevant.length === step.gates.length && relevant.every((gate) => gate.status !== "fail") ? ExitCode.ok : ExitCode.checkFailed;
  }
}

/** Inside a walk the walk says what comes next: the command's own "Next:" line would send the operator out of it. */
const withinWalk = (result: ChangeResult): ChangeResult => ({ ...result, next: null });

/** The selector the last rotation moved away from, as the state secret records it: the one the walk retires. */
async function selectorToRetire(ctx: CommandContext, domain: string): Promise<string> {
  const secretId = stateSecretId(ctx.config, domain);
  const secret = await ctx.aws.state.readStateSecret(secretId);
  const previous = secret ? readStateObject(secret.text)?.["previous_selector"] : undefined;
  if (typeof previous !== "string") throw byodkimError("input", "runbook.noPreviousSelector", { secretId });
  return previous;
}

/**
 * Every prompt of the walk (its own human checks, and its commands' confirmations) ends when a stop
 * signal comes between changes: the walk then stops at that step with its document.
 */
function stopOnSignal(ctx: CommandContext): { prompt: Prompter; requested(): boolean; signal(): StopSignal | undefined; release(): void } {
  let stopped: StopSignal | undefined;
  const waiting = new Set<(err: unknown) => void>();
  ctx.interrupt.onStopBetweenChanges?.((signal) => {
    stopped = signal;
    for (const reject of waiting) reject(byodkimError("interrupted", "runbook.walk.interrupted", { signal }));
  });
  return {
    prompt: {
      ask: (question) => {
        if (stopped) return Promise.reject(byodkimError("interrupted", "runbook.walk.interrupted", { signal: stopped }));
        return new Promise((resolve, reject) => {
          waiting.add(reject);
          ctx.prompt
            .ask(question)
            .then(resolve, reject)
            .finally(() => waiting.delete(reject));
        });
      },
      close: () => ctx.prompt.close(),
    },
    requested: () => stopped !== undefined,
    signal: () => stopped,
    release: () => ctx.interrupt.onStopBetweenChanges?.(undefined),
  };
}
