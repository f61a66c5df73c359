import type { CommandContext } from "../context.js";
import { approvalStep } from "./approvalStep.js";
import type { ChangeCheck } from "./changePlan.js";
import type { ChangeRun, Ending } from "./changeRun.js";
import type { ChangeSpec } from "./changeSpec.js";

/**
 * A step between the operator's confirmation and the lock: it may end the run with an outcome
 * before anything is locked or changed, and it sees the confirmed check and plan in the run.
 */
export type BeforeLockStep = <C extends ChangeCheck>(ctx: CommandContext, spec: ChangeSpec<C>, run: ChangeRun<C>) => Promise<Ending | null>;

/**
 * What must hold once the operator has confirmed and before the lock is taken, in order: a second
 * person's approval (then a change window). Before the lock, so that waiting on a person or a
 * window never holds the domain's lock against an incident's rollback.
 */
export const BEFORE_LOCK: readonly BeforeLockStep[] = [approvalStep];

/** Runs the steps in order; the first to end the run ends it. Null: go on to the lock. */
export async function beforeLock<C extends ChangeCheck>(ctx: CommandContext, spec: ChangeSpec<C>, run: ChangeRun<C>): Promise<Ending | null> {
  for (const step of BEFORE_LOCK) {
    const ending = await step(ctx, spec, run);
    if (ending) return ending;
  }
  return null;
}
