import { currentRefusal, lockLocation } from "../../state/lock.js";
import type { CommandContext } from "../context.js";
import { buildChangePlan, type ChangeCheck } from "./changePlan.js";
import type { ChangeRun, Ending } from "./changeRun.js";
import type { ChangeOptions, ChangeSpec } from "./changeSpec.js";
import type { ChangePlan } from "./changeTypes.js";
import { approvalHolds, judgeApproval, withApprovalGate } from "./approvalStep.js";
import { openRunJournal } from "./runJournal.js";
import { thisHost, withHeldHint } from "./runLock.js";

/**
 * Whether there is a change to ask about: the first check's gates, the plan, and the refusals
 * that need no question (already recorded, a dry run, a live run's lock). Null: ask.
 */
export async function decide<C extends ChangeCheck>(
  ctx: CommandContext,
  spec: ChangeSpec<C>,
  options: ChangeOptions,
  run: ChangeRun<C>,
): Promise<Ending | null> {
  const { check, warnings } = run;
  if (!check.ok) return { outcome: "gatesFailed" };
  warnings.push(...(spec.warnings?.(check) ?? []));
  const plan = planFrom(ctx, spec, check);
  run.plan = plan;
  // A rollback has listed the journals for its snapshot already: a skipped entry is said once.
  for (const warning of plan.journalWarnings) if (!warnings.some((said) => JSON.stringify(said) === JSON.stringify(warning))) warnings.push(warning);
  if (plan.recordOnly && spec.isRecorded(check)) return { outcome: "upToDate" };
  // Judged before the question too, so nobody types the domain only to be refused; a dry run changes nothing and `plan` runs one for each target.
  if (!options.dryRun && approvalHolds(ctx, spec.command)) {
    const approval = await judgeApproval(ctx, spec.command, spec.domain, check.selector);
    if (approval) withApprovalGate(run, approval);
    if (approval?.status === "fail") {
      // An attempt at a change without its approval is on record, as the refusal before the lock is.
      openRunJournal(ctx, spec, run, false);
      return { outcome: "gatesFailed" };
    }
  }
  ctx.events.emit({ type: "checklist", gates: run.check.gates });
  ctx.events.emit({ type: "plan", plan });
  if (options.dryRun) {
    openRunJournal(ctx, spec, run, true);
    return { outcome: "dryRun" };
  }
  // Refused before the question as the lock would refuse it; an unreadable lock store is the lock step's to judge.
  const refusal = spec.lock.force
    ? null
    : await currentRefusal(ctx.aws.locks, lockLocation(ctx.config.keys, spec.domain, ctx.region, ctx.config.region), ctx.clock.now(), thisHost(ctx)).catch(
        () => null,
      );
  if (refusal) return { outcome: "lockHeld", error: withHeldHint(spec, refusal) };
  return null;
}

export const planFrom = <C extends ChangeCheck>(ctx: CommandContext, spec: ChangeSpec<C>, check: C): ChangePlan =>
  buildChangePlan(spec.command, spec.domain, ctx.region, check, spec.describe(check), ctx.journal, ctx.clock.now());
