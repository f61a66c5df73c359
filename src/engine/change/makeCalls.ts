import type { ByodkimError } from "../../errors.js";
import { msg } from "../../messages/msg.js";
import type { CommandContext } from "../context.js";
import type { ChangeCheck } from "./changePlan.js";
import { asByodkimError, type ChangeRun, type Ending } from "./changeRun.js";
import type { ChangeSpec } from "./changeSpec.js";
import type { ChangeOutcome } from "./changeTypes.js";
import { classifySesChange, type DkimSnapshot, isObjectIntent, type ObjectIntent, type PlannedCall, type SesChange, snapshotDkim } from "./dkimSettings.js";
import { type CallPerformers, makeCall } from "./sesCalls.js";
import { takeSnapshot } from "./snapshot.js";

/** The failures after which SES may have acted without byodkim hearing its answer. */
const ANSWER_LOST: ReadonlySet<string> = new Set(["aws.serverError", "aws.timedOut", "aws.unreachable"]);

/**
 * The snapshot, then the plan's calls in order. A call not needed is skipped; a stop signal is
 * heeded between calls; a failed call stops the run, unless one fresh read shows its change made
 * after all. Null: every call is made.
 */
export async function makeCalls<C extends ChangeCheck>(ctx: CommandContext, spec: ChangeSpec<C>, run: ChangeRun<C>): Promise<Ending | null> {
  const { plan, journal, confirmedAt } = run.confirmed();
  const { check, calls } = run;
  const before = plan.current;
  if (!plan.recordOnly) {
    const taken = await takeSnapshot(ctx, spec.domain, spec.snapshot, before, check.state, journal, plan.target).then(
      () => null,
      (err: unknown) => asByodkimError(err),
    );
    if (taken) return { outcome: "failedDuringChange", error: taken, sesChange: "none" };
    // What rollback restores is on record off the machine before the first call.
    journal.boundary?.();
  }
  const readDkim = async (): Promise<DkimSnapshot | null> => {
    const identity = await ctx.aws.ses.getEmailIdentity(spec.domain).catch(() => null);
    return identity ? snapshotDkim(identity, ctx.clock.now()) : null;
  };
  const stop = async (outcome: ChangeOutcome, error: ByodkimError | null): Promise<{ now: DkimSnapshot | null; sesChange: SesChange }> => {
    const now = await readDkim();
    const sesChange = classifySesChange(before, now, plan.target);
    journal.append("stopped", { outcome, error: error?.what ?? null, sesNow: now, sesChange });
    return { now, sesChange };
  };
  /** After a failed object call: the command's own fresh read of the object, and SES as it stands. */
  const settle = async (intent: ObjectIntent, error: ByodkimError): Promise<{ now: DkimSnapshot | null; sesChange: SesChange }> => {
    const settled: Promise<SesChange> = spec.settleObjectCall
      ? spec.settleObjectCall(intent, check).catch(() => "unknown" as const)
      : Promise.resolve("unknown");
    const [object, now] = await Promise.all([settled, readDkim()]);
    // The object as before is not "nothing changed" when an earlier call of the run (retire's tag) went through.
    const sesChange = object === "none" && calls.some((made) => made.outcome === "ok") ? "partial" : object;
    journal.append("stopped", { outcome: "failedDuringChange", error: error.what, object: intent.location, sesChange });
    return { now, sesChange };
  };
  const skip = (call: PlannedCall) => {
    calls.push({ name: call.name, requestId: null, outcome: "skipped" });
    journal.append("call-skipped", { call: call.name, intent: call.intent });
    ctx.events.emit({ type: "step", message: msg(isObjectIntent(call.intent) ? "change.objects.skipping" : "change.skipping", { call: call.name }) });
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
      if (!touchesSes) return { outcome: "interrupted", sesNow: now, sesChange: calls.some((done) => done.outcome === "ok") ? "partial" : "none" };
      return { outcome: "interrupted", sesNow: now, sesChange };
    }
    if (!call.needed) {
      skip(call);
      continue;
    }
    run.inFlight = call.name;
    const done = await makeCall(ctx, journal, spec.domain, call, perform);
    run.inFlight = null;
    calls.push(done.record);
    journal.boundary?.();
    lastCallAt = ctx.clock.now().getTime();
    if (done.ok) continue;
    // One fresh read tells the operator the truth: nothing changed, part of it, or all of it after all.
    const { now, sesChange } = isObjectIntent(call.intent) ? await settle(call.intent, done.error) : await stop("failedDuringChange", done.error);
    if (sesChange !== "target") return { outcome: "failedDuringChange", error: done.error, sesNow: now, sesChange };
    // A server error or a silence after SES acted is a lost answer, not a failure: say which it was.
    const lostAnswer = ANSWER_LOST.has(done.error.what.key);
    calls[calls.length - 1] = { ...done.record, reachedAfter: lostAnswer ? "lostAnswer" : "error" };
    journal.append("call-reached-target", { call: call.name, after: lostAnswer ? "lostAnswer" : "error" });
    run.warnings.push(msg(lostAnswer ? "change.answerLostButReached" : "change.failedButReached", { call: call.name }));
    break;
  }
  run.elapsedMs = plan.recordOnly ? null : lastCallAt - confirmedAt;
  return null;
}
