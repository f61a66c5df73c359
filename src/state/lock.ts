import type { StateStorePort } from "../aws/types.js";
import { byodkimError } from "../errors.js";
import { parseState, type StateRecord, updateState } from "./stateSecret.js";

export const LOCK_FIELD = "byodkim_lock";

export interface LockRecord {
  readonly runId: string;
  readonly owner: string;
  readonly host: string;
  readonly pid: number;
  readonly command: string;
  readonly startedAt: string;
  readonly expiresAt: string;
}

const isLock = (value: unknown): value is LockRecord =>
  typeof value === "object" && value !== null && typeof (value as LockRecord).runId === "string" && typeof (value as LockRecord).expiresAt === "string";

/** The lock another live run holds, if any: a lock past its expiry belongs to a run that died. */
export function liveLockOf(state: StateRecord | undefined, now: Date, ownRunId?: string): LockRecord | null {
  const held = state?.[LOCK_FIELD];
  return isLock(held) && held.runId !== ownRunId && Date.parse(held.expiresAt) > now.getTime() ? held : null;
}

export const lockHeldError = (held: LockRecord) =>
  byodkimError(
    "lock",
    "lock.held",
    { owner: held.owner, host: held.host, command: held.command, startedAt: held.startedAt, expiresAt: held.expiresAt },
    "lock.held.hint",
  );

/**
 * Takes the change lock held in the state secret. A lock past its expiry belongs to a run that
 * died; anything else refuses with who holds it. Written, then read back: of two runs racing,
 * the one whose lock is not what the secret holds afterwards backs off.
 */
export async function acquireLock(store: StateStorePort, secretId: string, lock: LockRecord, now: Date, force: boolean): Promise<void> {
  await updateState(store, secretId, (state) => {
    const held = state[LOCK_FIELD];
    if (isLock(held) && held.runId !== lock.runId && !force && Date.parse(held.expiresAt) > now.getTime()) {
      throw byodkimError(
        "lock",
        "lock.held",
        { owner: held.owner, host: held.host, command: held.command, startedAt: held.startedAt, expiresAt: held.expiresAt },
        "lock.held.hint",
      );
    }
    return { [LOCK_FIELD]: lock };
  });
  const after = await store.readStateSecret(secretId);
  const holder = after ? parseState(after.text, secretId)[LOCK_FIELD] : undefined;
  if (!isLock(holder) || holder.runId !== lock.runId) {
    throw byodkimError("lock", "lock.lostRace", { owner: isLock(holder) ? holder.owner : "-" }, "lock.held.hint");
  }
}

/** Releases the lock if this run still holds it; never takes another run's lock away. */
export async function releaseLock(store: StateStorePort, secretId: string, runId: string): Promise<void> {
  await updateState(store, secretId, (state) => {
    const held = state[LOCK_FIELD];
    return isLock(held) && held.runId === runId ? { [LOCK_FIELD]: undefined } : {};
  });
}
