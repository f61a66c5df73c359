import { ByodkimError } from "../../errors.js";
import { msg } from "../../messages/msg.js";
import { acquireLock, lockLocation, releaseLock, releaseOwnLock, type ThisHost } from "../../state/lock.js";
import type { CommandContext } from "../context.js";
import { abandonChange } from "./abandon.js";
import type { ChangeCheck } from "./changePlan.js";
import { asByodkimError, type ChangeRun, type Ending } from "./changeRun.js";
import type { ChangeSpec } from "./changeSpec.js";
import type { ChangeResult } from "./changeTypes.js";

/**
 * Arms the interrupt, then takes the domain's lock. Null: the run holds it, or goes on without it
 * (rollback, whose lock store failed). A refusal disarms again: nothing was locked or changed.
 */
export async function takeLock<C extends ChangeCheck>(ctx: CommandContext, spec: ChangeSpec<C>, run: ChangeRun<C>): Promise<Ending | null> {
  const { journal, runId, operator, confirmedAt } = run.confirmed();
  const record = {
    runId,
    owner: operator,
    host: ctx.host,
    pid: ctx.pid,
    ...(ctx.machine ? { machine: ctx.machine } : {}),
    command: spec.command,
    startedAt: ctx.clock.now().toISOString(),
    expiresAt: new Date(confirmedAt + spec.lock.ttlMs).toISOString(),
  };
  const lock: NonNullable<ChangeRun<C>["lock"]> = { at: lockLocation(ctx.config.keys, spec.domain, ctx.region, ctx.config.region), record, held: null };
  run.lock = lock;
  // Armed before the lock is taken: from here a stop signal is noted, not fatal, so no lock is left behind.
  ctx.interrupt.arm((signal) =>
    abandonChange(journal, {
      domain: spec.domain,
      runId,
      signal,
      call: run.inFlight,
      releaseLock: () => (lock.held ? releaseLock(ctx.aws.locks, lock.at, lock.held) : releaseOwnLock(ctx.aws.locks, lock.at, runId)),
      undoCommand: spec.undoCommand?.(run.check) ?? null,
    }),
  );
  try {
    const held = await acquireLock(ctx.aws.locks, lock.at, record, ctx.clock.now(), spec.lock.force, thisHost(ctx));
    lock.held = held;
    journal.append("lock-acquired", { lock: record, replaced: held.replaced, takeover: held.takeover ?? null });
    if (held.takeover === "deadHolder" && held.replaced?.kind === "record") {
      const { command, pid, host } = held.replaced.holder;
      run.warnings.push(msg("change.lockFromDeadRun", { command, pid, host }));
    }
  } catch (err) {
    const error = asByodkimError(err);
    journal.append("lock-refused", { reason: error.what });
    if (error.kind === "lock" || !spec.lock.optional) {
      ctx.interrupt.disarm();
      return error.kind === "lock" ? { outcome: "lockHeld", error: withHeldHint(spec, error) } : { outcome: "failedDuringChange", error, sesChange: "none" };
    }
    run.warnings.push(msg("change.noLock"));
  }
  return null;
}

/**
 * Lets go of the lock once the result is built (its journal has ended): a lock that could not be
 * released is said with the result, since the next change would be refused until it expires.
 */
export async function release<C extends ChangeCheck>(ctx: CommandContext, run: ChangeRun<C>, result: ChangeResult): Promise<ChangeResult> {
  const { journal } = run.confirmed();
  const lock = run.lock;
  if (!lock?.held) return result;
  const released = await releaseLock(ctx.aws.locks, lock.at, lock.held).then(
    (ours) => {
      journal.append(ours ? "lock-released" : "lock-not-ours");
      return true;
    },
    (err: unknown) => {
      journal.append("lock-release-failed", { reason: asByodkimError(err).what });
      return false;
    },
  );
  lock.held = null;
  if (released) return result;
  return { ...result, warnings: [...result.warnings, msg("change.lockLeft", { bucket: lock.at.bucket, key: lock.at.key, expiresAt: lock.record.expiresAt })] };
}

/** A run that threw still lets go of its lock; the interrupt is disarmed whichever way the run ended. */
export async function letGo<C extends ChangeCheck>(ctx: CommandContext, run: ChangeRun<C>): Promise<void> {
  const lock = run.lock;
  if (lock?.held) await releaseLock(ctx.aws.locks, lock.at, lock.held).catch(() => false);
  ctx.interrupt.disarm();
}

/** This machine, for judging a lock whose holder ran here; unknown without a way to ask after a process. */
export const thisHost = (ctx: CommandContext): ThisHost | undefined =>
  ctx.processAlive && ctx.machine ? { host: ctx.host, machine: ctx.machine, alive: ctx.processAlive } : undefined;

/** Every refusal at the lock (held, unreadable, a race lost) gets the command's own way past it. */
export const withHeldHint = <C extends ChangeCheck>(spec: ChangeSpec<C>, error: ByodkimError): ByodkimError =>
  error.hint?.key === "lock.held.hint" && spec.lock.heldHint ? new ByodkimError(error.kind, error.what, spec.lock.heldHint) : error;
