import type { SesIdentityFacts } from "../../aws/types.js";
import { type ByodkimError, byodkimError } from "../../errors.js";
import { type HeldLock, type LockLocation, lockLostTo } from "../../state/lock.js";
import type { CommandContext } from "../context.js";
import { type DkimSettings, type DkimSnapshot, sameSettings, settingsOf, snapshotDkim } from "./dkimSettings.js";

/** What says another run changed the identity while this one ran, and SES as it stands. */
export interface AnotherRunsChange {
  readonly error: ByodkimError;
  readonly sesNow: DkimSnapshot | null;
}

/**
 * Asked just before a run records anything: does it still hold its lock, and does SES still show
 * what it set? Without this, an enable whose lock was taken over (expired, or `rollback
 * --force-unlock`) while it waited for SUCCESS, or that a rollback without the lock (its store
 * failing) overtook, would write "enabled" and phase 7 on top of the rollback. Null when both hold;
 * throws when the lock or SES cannot be read, since then nothing is proven and nothing may be
 * recorded either. SES may still change between this read and the record: no AWS transaction spans
 * SES and Secrets Manager, so the window is kept to these two reads.
 */
export async function anotherRunsChange(
  ctx: Pick<CommandContext, "aws" | "clock">,
  domain: string,
  lock: { readonly location: LockLocation; readonly held: HeldLock } | null,
  /** null for a change that leaves SES alone: then only the lock is proven. */
  target: DkimSettings | null,
): Promise<AnotherRunsChange | null> {
  return (await proveStillOurs(ctx, domain, lock, target)).changedBy;
}

/**
 * anotherRunsChange, with SES as it was read for the proof: a change that does not wait uses that
 * one read as its "SES now" too, which against SES's one request a second is a second sooner done.
 */
export async function proveStillOurs(
  ctx: Pick<CommandContext, "aws" | "clock">,
  domain: string,
  lock: { readonly location: LockLocation; readonly held: HeldLock } | null,
  target: DkimSettings | null,
): Promise<{ readonly identity: SesIdentityFacts | null; readonly changedBy: AnotherRunsChange | null }> {
  const lost = lock ? await lockLostTo(ctx.aws.locks, lock.location, lock.held) : null;
  const identity = await ctx.aws.ses.getEmailIdentity(domain);
  const sesNow = identity ? snapshotDkim(identity, ctx.clock.now()) : null;
  const error = lost ?? (target ? sesNotAt(sesNow, target) : null);
  return { identity, changedBy: error ? { error, sesNow } : null };
}

/**
 * Asked after each poll of a change's wait, with SES as that poll read it: the lock taken (an
 * incident's `rollback --force-unlock`, or a takeover) or SES off the target (a rollback without
 * the lock) ends the wait at once. A lock that cannot be read proves nothing: the wait goes on,
 * and the proof before the record reads it again.
 */
export async function overtakenDuringWait(
  ctx: Pick<CommandContext, "aws" | "clock">,
  lock: { readonly location: LockLocation; readonly held: HeldLock } | null,
  identity: SesIdentityFacts | null,
  target: DkimSettings | null,
): Promise<ByodkimError | null> {
  const lost = lock ? await lockLostTo(ctx.aws.locks, lock.location, lock.held).catch(() => null) : null;
  if (lost) return lost;
  return target ? sesNotAt(identity ? snapshotDkim(identity, ctx.clock.now()) : null, target) : null;
}

/** The sentence when SES (or an identity that is gone) no longer shows the settings a run set. */
export function sesNotAt(now: DkimSnapshot | null, target: DkimSettings): ByodkimError | null {
  if (now !== null && sameSettings(settingsOf(now), target)) return null;
  const set = { origin: target.origin ?? "-", selector: target.selector ?? "-", signing: target.signingEnabled };
  return byodkimError("change", "change.anotherRun.ses", set, "change.anotherRun.hint");
}
