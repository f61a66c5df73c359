import type { CommandContext } from "../context.js";
import { beforeLock } from "./beforeLock.js";
import { type ChangeNotices, changeNotices } from "./changeNotices.js";
import type { ChangeCheck } from "./changePlan.js";
import { ChangeRun, changeResult, type Ending } from "./changeRun.js";
import type { ChangeOptions, ChangeSpec } from "./changeSpec.js";
import type { ChangeResult } from "./changeTypes.js";
import { confirm } from "./confirm.js";
import { decide } from "./decide.js";
import { makeCalls } from "./makeCalls.js";
import { publishRecords } from "./publishRecords.js";
import { recordChange } from "./recordChange.js";
import { letGo, release, takeLock } from "./runLock.js";
import { waitForChange } from "./waitForChange.js";

/** gates → plan → confirm → re-check → (before the lock) → lock → snapshot → calls → wait → record → unlock, once for every mutating command. */
export async function runChange<C extends ChangeCheck>(ctx: CommandContext, spec: ChangeSpec<C>, options: ChangeOptions): Promise<ChangeResult> {
  const notices = changeNotices(ctx, spec.command);
  const result = await guardedChange(ctx, spec, options, notices).catch(async (err: unknown) => {
    // The process must not end before the notices already under way have gone (or timed out).
    await notices.ended(null);
    throw err;
  });
  return notices.ended(result);
}

/** The phases in order, each handed the one record of the run; the first to end the run says how. */
async function guardedChange<C extends ChangeCheck>(
  ctx: CommandContext,
  spec: ChangeSpec<C>,
  options: ChangeOptions,
  notices: ChangeNotices,
): Promise<ChangeResult> {
  const run = new ChangeRun(await spec.check(), ctx.clock.now().getTime());
  // A run that throws (a prompt that fails, an adapter bug) stops journaling retries too: a walk runs several changes in one process.
  try {
    const ended = (await decide(ctx, spec, options, run)) ?? (await confirm(ctx, spec, options, run)) ?? (await beforeLock(ctx, spec, run));
    if (ended) return changeResult(ctx, spec, run, ended);
    const { plan, journal } = run.confirmed();
    notices.confirmed(plan, run.check.selector ?? null, journal);
    const refused = await takeLock(ctx, spec, run);
    if (refused) return changeResult(ctx, spec, run, refused);
    try {
      return await release(ctx, run, changeResult(ctx, spec, run, await underLock(ctx, spec, run, notices)));
    } finally {
      await letGo(ctx, run);
    }
  } finally {
    run.stopJournalingRetries?.();
  }
}

/** snapshot → calls → wait → (publish) → record → (publish): how the change ended, with the lock (if any) still held. */
async function underLock<C extends ChangeCheck>(ctx: CommandContext, spec: ChangeSpec<C>, run: ChangeRun<C>, notices: ChangeNotices): Promise<Ending> {
  const stopped = await makeCalls(ctx, spec, run);
  if (stopped) return stopped;
  notices.callsMade();
  const ended = (await waitForChange(ctx, spec, run)) ?? (await publishRecords(ctx, spec, run, "beforeRecord")) ?? (await recordChange(ctx, spec, run));
  return ended.outcome === "completed" ? ((await publishRecords(ctx, spec, run, "afterRecord")) ?? ended) : ended;
}
