import type { SesIdentityFacts } from "../../aws/types.js";
import { ByodkimError, ExitCode } from "../../errors.js";
import { CHANGE_EXIT, type ChangeOptions, type ChangeSpec } from "./changeSpec.js";
import { type MessageKey, type Msg, msg, msgFromBag } from "../../messages/msg.js";
import type { JournalWriter } from "../../state/journal.js";
import { acquireLock, currentRefusal, type HeldLock, lockLocation, releaseLock, releaseOwnLock } from "../../state/lock.js";
import { updateState } from "../../state/stateSecret.js";
import type { CommandContext } from "../context.js";
import { abandonChange } from "./abandon.js";
import { buildChangePlan, type ChangeCheck, samePlannedChange } from "./changePlan.js";
import type { CallRecord, ChangeOutcome, ChangePlan, ChangeResult } from "./changeTypes.js";
import { classifySesChange, type DkimSnapshot, isObjectIntent, type ObjectIntent, type PlannedCall, type SesChange, snapshotDkim } from "./dkimSettings.js";
import { type CallPerformers, makeCall } from "./sesCalls.js";
import { finishedSnapshotPatch, LAST_RUN_FIELD, takeSnapshot } from "./snapshot.js";
import { type AnotherRunsChange, anotherRunsChange, overtakenDuringWait, proveStillOurs } from "./stillOurs.js";
import { type ChangeNotices, changeNotices } from "./changeNotices.js";

/** gates → plan → confirm → re-check → lock → snapshot → calls → wait → record → unlock, once for every mutating command. */
export async function runChange<C extends ChangeCheck>(ctx: CommandContext, spec: ChangeSpec<C>, options: ChangeOptions): Promise<ChangeResult> {
  const notices = changeNotices(ctx, spec.command);
  const result = await guardedChange(ctx, spec, options, notices).catch(async (err: unknown) => {
    // The process must not end before the notices already under way have gone (or timed out).
    await notices.ended(null);
    throw err;
  });
  return notices.ended(result);
}

async function guardedChange<C extends ChangeCheck>(
  ctx: CommandContext,
  spec: ChangeSpec<C>,
  options: ChangeOptions,
  notices: ChangeNotices,
): Promise<ChangeResult> {
  const { domain } = spec;
  const calls: CallRecord[] = [];
  const warnings: Msg[] = [];
  const dnsRecordsNeeded: string[] = [];
  let journal: JournalWriter | null = null;
  let stopJournalingRetries: (() => void) | undefined;
  let plan: ChangePlan | null = null;
  let check: C | null = null;
  const finish = (outcome: ChangeOutcome, fields: Partial<ChangeResult> = {}): ChangeResult => {
    const exitCode = CHANGE_EXIT[outcome];
    const sesChange = fields.sesChange ?? null;
    const changed = sesChange === null ? calls.some((call) => call.outcome === "ok") : sesChange !== "none";
    // After another run's change, this run's undo would undo that one too: no advice beats wrong advice.
    const leftPartWay = exitCode !== ExitCode.ok && outcome !== "recordFailed" && outcome !== "changedByAnotherRun" && changed;
    journal?.append("ended", { outcome, sesChange });
    stopJournalingRetries?.();
    const summary = msgFromBag(summaryKey(outcome, sesChange), {
      command: spec.command,
      domain,
      selector: check?.selector ?? "-",
      errorType: fields.verificationError ?? "-",
      journal: plan?.earlierJournal ?? "-",
      finish: spec.finishCommand ?? `byodkim ${spec.command} ${domain}`,
      ...spec.summaryParams,
    });
    return {
      command: spec.command,
      domain,
      selector: check?.selector ?? null,
      region: ctx.region,
      ok: exitCode === ExitCode.ok,
      outcome,
      exitCode,
      summary,
      next: outcome === "completed" ? (spec.next ?? null) : null,
      gates: check?.gates ?? [],
      plan,
      calls,
      sesNow: null,
      verificationError: null,
      warnings,
      dnsRecordsNeeded,
      elapsedMs: null,
      journalPath: journal?.path ?? null,
      rollbackCommand: leftPartWay ? (spec.undoCommand ?? null) : null,
      finishCommand: leftPartWay ? (spec.finishCommand ?? null) : null,
      error: null,
      ...fields,
      sesChange,
    };
  };
  const summaryKey = (outcome: ChangeOutcome, sesChange: SesChange | null): MessageKey => {
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
  };
  const plannedFrom = (found: C) => buildChangePlan(spec.command, domain, ctx.region, found, spec.describe(found), ctx.journal, ctx.clock.now());
  // A run that throws (a prompt that fails, an adapter bug) stops journaling retries too: a walk runs several changes in one process.
  try {
    check = await spec.check();
    const checkedAt = ctx.clock.now().getTime();
    if (!check.ok) return finish("gatesFailed");
    warnings.push(...(spec.warnings?.(check) ?? []));
    plan = plannedFrom(check);
    // A rollback has listed the journals for its snapshot already: a skipped entry is said once.
    for (const warning of plan.journalWarnings) if (!warnings.some((said) => JSON.stringify(said) === JSON.stringify(warning))) warnings.push(warning);
    if (plan.recordOnly && spec.isRecorded(check)) return finish("upToDate");
    ctx.events.emit({ type: "checklist", gates: check.gates });
    ctx.events.emit({ type: "plan", plan });
    if (options.dryRun) return finish("dryRun");
    // Refused before the question as the lock would refuse it; an unreadable lock store is the lock step's to judge.
    const lockAt = lockLocation(ctx.config.keys, domain);
    const here = ctx.processAlive && ctx.machine ? { host: ctx.host, machine: ctx.machine, alive: ctx.processAlive } : undefined;
    const heldBy = (error: ByodkimError) =>
      // Every refusal at the lock (held, unreadable, a race lost) gets the command's own way past it.
      error.hint?.key === "lock.held.hint" && spec.lock.heldHint ? new ByodkimError(error.kind, error.what, spec.lock.heldHint) : error;
    const refusal = spec.lock.force ? null : await currentRefusal(ctx.aws.locks, lockAt, ctx.clock.now(), here).catch(() => null);
    if (refusal) return finish("lockHeld", { error: heldBy(refusal) });

    const runId = ctx.newRunId();
    const operator = plan.callerArn;
    journal = ctx.journal.open(spec.command, domain, runId);
    const journaling = journal;
    // Every throttled call the SDK retries during the run is on record, with its attempt.
    stopJournalingRetries = ctx.aws.throttling?.listen((retry) => journaling.append("throttled-retry", { ...retry }));
    journal.append("run-started", { command: spec.command, runId, domain, operator, host: ctx.host, region: ctx.region, account: plan.account });
    journal.append("gates", { gates: check.gates.map(({ id, status, detail }) => ({ id, status, code: detail.key })) });
    journal.append("plan", { plan });
    if (!options.yes) {
      // Closed stdin is no answer, and no answer is not a yes: declined like any other answer, and journaled so.
      const answer = await ctx.prompt.ask(spec.confirmQuestion).catch((err: unknown) => asByodkimError(err));
      if (answer instanceof ByodkimError && answer.kind !== "declined") throw answer;
      if (answer instanceof ByodkimError) return finish("declined", { error: answer });
      const accepted = spec.acceptsAnswer ? spec.acceptsAnswer(answer) : answer.trim().toLowerCase() === domain;
      if (!accepted) return finish("declined");
    }
    journal.append("confirmed", { by: options.yes ? "--yes" : spec.acceptsAnswer ? "answered yes" : "typed domain" });
    const confirmedAt = ctx.clock.now().getTime();

    const checkAgeMs = confirmedAt - checkedAt;
    // Only --yes answers without a person at the prompt; a typed answer is always followed by a re-check.
    if (options.yes && spec.recheckUnlessAnsweredWithinMs !== undefined && checkAgeMs <= spec.recheckUnlessAnsweredWithinMs) {
      journal.append("recheck-skipped", { checkAgeMs });
    } else {
      // The operator may have sat at the prompt for minutes: the world is read again before any change.
      ctx.events.emit({ type: "step", message: msg("change.rechecking") });
      const first = check;
      check = await spec.check();
      journal.append("rechecked", { gates: check.gates.map(({ id, status, detail }) => ({ id, status, code: detail.key })) });
      if (!check.ok) return finish("recheckFailed");
      const confirmed = plan;
      plan = plannedFrom(check);
      if (!samePlannedChange(confirmed, plan) || !spec.sameChange(first, check)) return finish("recheckFailed");
    }
    notices.confirmed(plan, check.selector ?? null, journal);

    const lock = {
      runId,
      owner: operator,
      host: ctx.host,
      pid: ctx.pid,
      ...(ctx.machine ? { machine: ctx.machine } : {}),
      command: spec.command,
      startedAt: ctx.clock.now().toISOString(),
      expiresAt: new Date(confirmedAt + spec.lock.ttlMs).toISOString(),
    };
    let held: HeldLock | null = null;
    let inFlight: string | null = null;
    const opened = journal;
    // Armed before the lock is taken: from here a stop signal is noted, not fatal, so no lock is left behind.
    ctx.interrupt.arm((signal) =>
      abandonChange(opened, {
        domain,
        runId,
        signal,
        call: inFlight,
        releaseLock: () => (held ? releaseLock(ctx.aws.locks, lockAt, held) : releaseOwnLock(ctx.aws.locks, lockAt, runId)),
        undoCommand: spec.undoCommand ?? null,
      }),
    );
    try {
      held = await acquireLock(ctx.aws.locks, lockAt, lock, ctx.clock.now(), spec.lock.force, here);
      journal.append("lock-acquired", { lock, replaced: held.replaced, takeover: held.takeover ?? null });
      if (held.takeover === "deadHolder" && held.replaced?.kind === "record") {
        const { command, pid, host } = held.replaced.holder;
        warnings.push(msg("change.lockFromDeadRun", { command, pid, host }));
      }
    } catch (err) {
      const error = asByodkimError(err);
      journal.append("lock-refused", { reason: error.what });
      if (error.kind === "lock" || !spec.lock.optional) {
        ctx.interrupt.disarm();
        return error.kind === "lock" ? finish("lockHeld", { error: heldBy(error) }) : finish("failedDuringChange", { error, sesChange: "none" });
      }
      warnings.push(msg("change.noLock"));
    }

    try {
      const result = await change(plan, check, journal, runId, operator, confirmedAt);
      if (!held) return result;
      const written = journal;
      const released = await releaseLock(ctx.aws.locks, lockAt, held).then(
        (ours) => {
          written.append(ours ? "lock-released" : "lock-not-ours");
          return true;
        },
        (err: unknown) => {
          written.append("lock-release-failed", { reason: asByodkimError(err).what });
          return false;
        },
      );
      held = null;
      // The next change would be refused until the lock expires: the operator hears it now, not then.
      if (released) return result;
      return { ...result, warnings: [...result.warnings, msg("change.lockLeft", { bucket: lockAt.bucket, key: lockAt.key, expiresAt: lock.expiresAt })] };
    } finally {
      // A run that threw still lets go of its lock.
      if (held) await releaseLock(ctx.aws.locks, lockAt, held).catch(() => false);
      ctx.interrupt.disarm();
    }

    async function change(plan: ChangePlan, check: C, journal: JournalWriter, runId: string, operator: string, confirmedAt: number): Promise<ChangeResult> {
      const before = plan.current;
      if (!plan.recordOnly) {
        const taken = await takeSnapshot(ctx, spec.snapshot, before, check.state, journal, plan.target).catch((err: unknown) => asByodkimError(err));
        if (taken instanceof ByodkimError) return finish("failedDuringChange", { error: taken, sesChange: "none" });
      }
      const stop = async (outcome: ChangeOutcome, error: ByodkimError | null): Promise<{ now: DkimSnapshot | null; sesChange: SesChange }> => {
        const now = await readDkim();
        const sesChange = classifySesChange(before, now, plan.target);
        journal.append("stopped", { outcome, error: error?.what ?? null, sesNow: now, sesChange });
        return { now, sesChange };
      };

      const touchesSes = plan.calls.some((call) => call.needed && !isObjectIntent(call.intent));
      const perform: CallPerformers = {
        signingKey: () => spec.signingKey(check),
        objectCall: (intent) => {
          if (!spec.objectCall) throw new Error(`${spec.command} makes no object calls`);
          return spec.objectCall(intent, check);
        },
      };
      let lastCallAt = confirmedAt;
      for (const call of plan.calls) {
        if (ctx.interrupt.requested()) {
          const { now, sesChange } = await stop("interrupted", null);
          // SES is not what such a run changes: what it did is what its calls did.
          if (!touchesSes) return finish("interrupted", { sesNow: now, sesChange: calls.some((done) => done.outcome === "ok") ? "partial" : "none" });
          return finish("interrupted", { sesNow: now, sesChange });
        }
        if (!call.needed) {
          skip(call, journal);
          continue;
        }
        inFlight = call.name;
        const done = await makeCall(ctx, journal, domain, call, perform);
        inFlight = null;
        calls.push(done.record);
        lastCallAt = ctx.clock.now().getTime();
        if (done.ok) continue;
        // One fresh read tells the operator the truth: nothing changed, part of it, or all of it after all.
        const { now, sesChange } = isObjectIntent(call.intent) ? await settle(call.intent, done.error) : await stop("failedDuringChange", done.error);
        if (sesChange !== "target") return finish("failedDuringChange", { error: done.error, sesNow: now, sesChange });
        warnings.push(msg("change.failedButReached", { call: call.name }));
        break;
      }
      const elapsedMs = plan.recordOnly ? null : lastCallAt - confirmedAt;
      notices.callsMade();

      let sesNow: SesIdentityFacts | null = null;
      let verificationError: string | null = null;
      const recordTarget = spec.changesSes === false ? null : plan.target;
      const stillOursLock = () => held && { location: lockAt, held };
      let proven: AnotherRunsChange | null | undefined;
      if (spec.wait) {
        ctx.events.emit({ type: "step", message: msg("change.waiting") });
        const waited = await spec.wait(
          () => ctx.interrupt.requested(),
          (identity) => overtakenDuringWait(ctx, stillOursLock(), identity, recordTarget),
        );
        sesNow = waited.identity;
        verificationError = waited.identity?.verificationInfo?.errorType ?? null;
        const snapshotNow = sesNow ? snapshotDkim(sesNow, ctx.clock.now()) : null;
        journal.append("wait-ended", { result: waited.kind, sesNow: snapshotNow, verificationError });
        if (waited.kind === "overtaken") {
          // An incident rollback took over: waiting on would wait for its settings, and this run's advice would undo it.
          journal.append("changed-by-another-run", { reason: waited.error.what, sesNow: snapshotNow });
          return finish("changedByAnotherRun", { error: waited.error, sesNow: snapshotNow, verificationError, elapsedMs });
        }
        const endedBy = { success: null, failed: "verificationFailed", timeout: "timedOut", interrupted: "interrupted" } as const;
        const outcome = endedBy[waited.kind];
        if (outcome !== null)
          return finish(outcome, {
            sesNow: snapshotNow,
            verificationError,
            elapsedMs,
            sesChange: outcome === "interrupted" ? classifySesChange(before, snapshotNow, plan.target) : null,
          });
      } else {
        // The proof before the record reads SES after proving the lock: that one read is also what
        // the operator is told SES shows now. Should it fail, the record's own proof reads again.
        const proof = await proveStillOurs(ctx, domain, stillOursLock(), recordTarget).catch(() => null);
        sesNow = proof?.identity ?? null;
        if (proof) proven = proof.changedBy;
      }
      const after = (await spec.afterCalls?.(sesNow)) ?? { warnings: [], dnsRecordsNeeded: [] };
      warnings.push(...after.warnings);
      dnsRecordsNeeded.push(...after.dnsRecordsNeeded);
      const sesSnapshot = sesNow ? snapshotDkim(sesNow, ctx.clock.now()) : null;
      journal.append("ses-after", { sesNow: sesSnapshot, dnsRecordsNeeded, elapsedMs });

      try {
        const changedBy = proven !== undefined ? proven : await anotherRunsChange(ctx, domain, stillOursLock(), recordTarget);
        if (changedBy) {
          journal.append("changed-by-another-run", { reason: changedBy.error.what, sesNow: changedBy.sesNow });
          return finish("changedByAnotherRun", { error: changedBy.error, sesNow: changedBy.sesNow, verificationError, elapsedMs });
        }
        const recorded = await updateState(ctx.aws.state, ctx.config.state.secretId, (state) => ({
          ...spec.record(operator, ctx.clock.now(), state),
          ...(spec.snapshot === "restorable" ? finishedSnapshotPatch(state) : {}),
          [LAST_RUN_FIELD]: { runId, command: spec.command, completedAt: ctx.clock.now().toISOString(), completes: plan.earlierJournal },
        }));
        journal.append("state-recorded", { versionId: recorded.versionId ?? null, requestId: recorded.requestId ?? null, completes: plan.earlierJournal });
      } catch (err) {
        const error = asByodkimError(err);
        journal.append("state-not-recorded", { reason: error.what });
        if (!spec.recordOptional) return finish("recordFailed", { error, sesNow: sesSnapshot, verificationError, elapsedMs, sesChange: "target" });
        warnings.push(spec.recordNotWritten ?? msg("change.stateNotRecorded", { secretId: ctx.config.state.secretId }));
      }
      return finish("completed", { sesNow: sesSnapshot, verificationError, elapsedMs });
    }

    function skip(call: PlannedCall, journal: JournalWriter): void {
      calls.push({ name: call.name, requestId: null, outcome: "skipped" });
      journal.append("call-skipped", { call: call.name, intent: call.intent });
      ctx.events.emit({ type: "step", message: msg(isObjectIntent(call.intent) ? "change.objects.skipping" : "change.skipping", { call: call.name }) });
    }

    /** After a failed object call: the command's own fresh read of the object, and SES as it stands. */
    async function settle(intent: ObjectIntent, error: ByodkimError): Promise<{ now: DkimSnapshot | null; sesChange: SesChange }> {
      const settled: Promise<SesChange> = spec.settleObjectCall
        ? spec.settleObjectCall(intent, check!).catch(() => "unknown" as const)
        : Promise.resolve("unknown");
      const [object, now] = await Promise.all([settled, readDkim()]);
      // The object as before is not "nothing changed" when an earlier call of the run (retire's tag) went through.
      const sesChange = object === "none" && calls.some((made) => made.outcome === "ok") ? "partial" : object;
      journal?.append("stopped", { outcome: "failedDuringChange", error: error.what, object: intent.location, sesChange });
      return { now, sesChange };
    }

    async function readDkim(): Promise<DkimSnapshot | null> {
      const identity = await ctx.aws.ses.getEmailIdentity(domain).catch(() => null);
      return identity ? snapshotDkim(identity, ctx.clock.now()) : null;
    }
  } finally {
    stopJournalingRetries?.();
  }
}

export const asByodkimError = (err: unknown): ByodkimError =>
  err instanceof ByodkimError ? err : new ByodkimError("aws", msg("cli.unexpected", { name: err instanceof Error ? err.name : typeof err }));
