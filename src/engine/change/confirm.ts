import { ByodkimError } from "../../errors.js";
import { msg } from "../../messages/msg.js";
import type { CommandContext } from "../context.js";
import { type ChangeCheck, samePlannedChange } from "./changePlan.js";
import { asByodkimError, type ChangeRun, type Ending } from "./changeRun.js";
import type { ChangeOptions, ChangeSpec } from "./changeSpec.js";
import { planFrom } from "./decide.js";
import { journaledGates, openRunJournal } from "./runJournal.js";

/**
 * The run's journal opens, the operator answers, and the world is read again: the change goes on
 * only if the re-check still plans what the operator confirmed. Null: confirmed.
 */
export async function confirm<C extends ChangeCheck>(
  ctx: CommandContext,
  spec: ChangeSpec<C>,
  options: ChangeOptions,
  run: ChangeRun<C>,
): Promise<Ending | null> {
  const { domain } = spec;
  // decide has planned the change, or the run has ended.
  const plan = run.plan!;
  openRunJournal(ctx, spec, run, false);
  const journal = run.journal!;
  // Every throttled call the SDK retries during the run is on record, with its attempt.
  run.stopJournalingRetries = ctx.aws.throttling?.listen((retry) => journal.append("throttled-retry", { ...retry }));
  if (!options.yes) {
    // Closed stdin is no answer, and no answer is not a yes: declined like any other answer, and journaled so.
    const answer = await ctx.prompt.ask(spec.confirmQuestion).catch((err: unknown) => asByodkimError(err));
    if (answer instanceof ByodkimError && answer.kind !== "declined") throw answer;
    if (answer instanceof ByodkimError) return { outcome: "declined", error: answer };
    const accepted = spec.acceptsAnswer ? spec.acceptsAnswer(answer) : answer.trim().toLowerCase() === domain;
    if (!accepted) return { outcome: "declined" };
  }
  journal.append("confirmed", { by: options.yes ? "--yes" : spec.acceptsAnswer ? "answered yes" : "typed domain" });
  const confirmedAt = ctx.clock.now().getTime();
  run.confirmedAt = confirmedAt;

  const checkAgeMs = confirmedAt - run.checkedAt;
  // Only --yes answers without a person at the prompt; a typed answer is always followed by a re-check.
  if (options.yes && spec.recheckUnlessAnsweredWithinMs !== undefined && checkAgeMs <= spec.recheckUnlessAnsweredWithinMs) {
    journal.append("recheck-skipped", { checkAgeMs });
    return null;
  }
  // The operator may have sat at the prompt for minutes: the world is read again before any change.
  ctx.events.emit({ type: "step", message: msg("change.rechecking") });
  const first = run.check;
  const second = await spec.check(first);
  run.check = second;
  journal.append("rechecked", { gates: journaledGates(second) });
  if (!second.ok) return { outcome: "recheckFailed" };
  run.plan = planFrom(ctx, spec, second);
  if (!samePlannedChange(plan, run.plan) || !spec.sameChange(first, second)) return { outcome: "recheckFailed" };
  return null;
}
