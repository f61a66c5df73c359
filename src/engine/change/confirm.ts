import { ByodkimError } from "../../errors.js";
import { type Msg, msg } from "../../messages/msg.js";
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
  // Every call the SDK retries during the run is on record, with its attempt and why.
  run.stopJournalingRetries = ctx.aws.throttling?.listen((retry) =>
    journal.append(retry.cause === "throttling" ? "throttled-retry" : "call-retried", { ...retry }),
  );
  if (!options.yes) {
    // Closed stdin is no answer, and no answer is not a yes: declined like any other answer, and journaled so.
    const question = typeof spec.confirmQuestion === "function" ? spec.confirmQuestion(run.check) : spec.confirmQuestion;
    const answer = await ctx.prompt.ask(question).catch((err: unknown) => asByodkimError(err));
    if (answer instanceof ByodkimError && answer.kind !== "declined") throw answer;
    if (answer instanceof ByodkimError) return { outcome: "declined", error: answer };
    const accepted = spec.acceptsAnswer ? spec.acceptsAnswer(answer, run.check) : answer.trim().toLowerCase() === domain;
    // A typed domain that missed says what was typed; a y/N or typed selector keeps its command's own sentence.
    if (!accepted) return spec.acceptsAnswer ? { outcome: "declined" } : { outcome: "declined", summary: mistypedSummary(answer, domain) };
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

/** What of a typed answer may be shown back: control characters out, at most this long. */
const SHOWN_ANSWER_MAX = 80;
/** A hostname's characters; an answer of others (a pasted key, a token) is counted, not shown. */
const DOMAIN_LIKE = /^[\p{L}\p{N}._\- ]*$/u;
/** One label is at most 63 characters (RFC 1035 §2.3.4): a long word without a dot is more likely pasted key material than a domain. */
const LONGEST_UNDOTTED = 40;

/** The declined summary of a mistyped domain: what was typed (when it is safe to show) and what was expected. */
export function mistypedSummary(answer: string, expected: string): Msg {
  // A terminal's escape sequences (an arrow key, a pasted colour) go whole, then any control character left.
  const typed = answer
    .replace(/\p{Cc}\[[0-9;?]*[ -/]*[@-~]/gu, "")
    .replace(/[\p{Cc}\p{Cf}]/gu, "")
    .trim();
  if (typed === "") return msg("change.summary.declinedEmpty", { expected });
  const shown = typed.length <= SHOWN_ANSWER_MAX && DOMAIN_LIKE.test(typed) && (typed.includes(".") || typed.length <= LONGEST_UNDOTTED);
  if (!shown) return msg("change.summary.declinedHidden", { expected, count: [...typed].length });
  return msg("change.summary.declinedMistyped", { typed, expected });
}
