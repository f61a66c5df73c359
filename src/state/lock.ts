import type { LockStorePort } from "../aws/types.js";
import { type ByodkimError, byodkimError } from "../errors.js";

/*
 * The change lock is one S3 object, `<keys folder>/locks/<domain>.json`, in the keys bucket.
 *
 * Why S3 and not the state secret: Secrets Manager has no conditional write, so a lock in the
 * secret was write-then-read-back, and two runs could both read their own lock back (each one's
 * read landing between its write and the other's). S3's conditional writes are atomic on AWS:
 * PutObject with `If-None-Match: *` creates the object only if there is none, and the second of
 * two writers gets 412 PreconditionFailed (Terraform's S3 backend locks the same way since 1.10).
 * Every later step is conditional too: a takeover of an expired or --force-unlock'ed lock is a
 * PutObject with `If-Match` on the ETag of the version judged dead, and the release a DeleteObject
 * with `If-Match` on the run's own ETag, so neither can clobber a lock another run took meanwhile.
 * Version stages in Secrets Manager could make a compare-and-swap too, but at the price of a
 * second secret or of staging labels on the state secret that other tools read.
 */

export interface LockRecord {
  readonly runId: string;
  readonly owner: string;
  readonly host: string;
  readonly pid: number;
  /** Which boot and pid namespace of the host the pid belongs to (see ThisHost.machine); absent in older locks. */
  readonly machine?: string;
  readonly command: string;
  readonly startedAt: string;
  readonly expiresAt: string;
}

export interface LockLocation {
  readonly bucket: string;
  readonly key: string;
}

/**
 * The folder of `keys.key` before its first placeholder (`dkim/` for `dkim/{domain}/{selector}.pem`,
 * "" for `{domain}/…`): what byodkim keeps beside the keys lives here, outside every selector listing.
 */
export function keysFolder(keyTemplate: string): string {
  const fixed = keyTemplate.split("{")[0] ?? "";
  return fixed.slice(0, fixed.lastIndexOf("/") + 1);
}

/**
 * Beside the keys, under the folder of `keys.key` before its first placeholder, outside every
 * selector listing. One lock an identity and region: SES, its DKIM settings and the state secret
 * are regional, so Tokyo and Osaka change side by side. The config's own region (or every region,
 * when the config names none) keeps the lock's first name, `locks/<domain>.json`, which runs of
 * earlier versions take too; another region's is `locks/<domain>@<region>.json`.
 */
export function lockLocation(keys: { readonly bucket: string; readonly key: string }, domain: string, region?: string, configRegion?: string): LockLocation {
  const regional = region !== undefined && configRegion !== undefined && region !== configRegion;
  return { bucket: keys.bucket, key: `${keysFolder(keys.key)}locks/${domain}${regional ? `@${region}` : ""}.json` };
}

const where = (location: LockLocation) => `s3://${location.bucket}/${location.key}`;

/** Who holds a lock, as its object says; what it does not say reads "?". */
export interface LockHolder {
  readonly runId: string | null;
  readonly owner: string;
  readonly host: string;
  readonly pid: string;
  readonly machine: string | null;
  readonly command: string;
  readonly startedAt: string;
  readonly expiresAt: string;
}

/** A lock object as found: a record with its expiry, or something byodkim cannot read as one, and why. */
export type FoundLock =
  | { readonly kind: "record"; readonly holder: LockHolder; readonly expiresAtMs: number }
  | { readonly kind: "unreadable"; readonly reason: "notJson" | "notObject" }
  | { readonly kind: "unreadable"; readonly reason: "badExpiry"; readonly holder: LockHolder };

// Only what byodkim writes (toISOString, or any RFC 3339 time): Date.parse alone reads "1" as the year 2001.
const ISO_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:\d{2})$/;

export function parseLock(text: string): FoundLock {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return { kind: "unreadable", reason: "notJson" };
  }
  if (value === null || typeof value !== "object" || Array.isArray(value)) return { kind: "unreadable", reason: "notObject" };
  const record = value as Record<string, unknown>;
  const field = (name: keyof LockRecord) => {
    const raw = record[name];
    return (typeof raw === "string" && raw !== "") || typeof raw === "number" ? String(raw) : "?";
  };
  const holder: LockHolder = {
    runId: typeof record["runId"] === "string" ? record["runId"] : null,
    owner: field("owner"),
    host: field("host"),
    pid: field("pid"),
    machine: typeof record["machine"] === "string" && record["machine"] !== "" ? record["machine"] : null,
    command: field("command"),
    startedAt: field("startedAt"),
    expiresAt: field("expiresAt"),
  };
  const expiresAtMs = ISO_TIME.test(holder.expiresAt) ? Date.parse(holder.expiresAt) : Number.NaN;
  if (Number.isNaN(expiresAtMs)) return { kind: "unreadable", reason: "badExpiry", holder };
  return { kind: "record", holder, expiresAtMs };
}

export const lockHeldError = (holder: LockHolder) =>
  byodkimError(
    "lock",
    "lock.held",
    { owner: holder.owner, host: holder.host, pid: holder.pid, command: holder.command, startedAt: holder.startedAt, expiresAt: holder.expiresAt },
    "lock.held.hint",
  );

/** The machine a run is on, and whether a process of that machine is alive: a lock's holder there can be asked directly. */
export interface ThisHost {
  readonly host: string;
  /**
   * The boot and pid namespace this run's pid belongs to: a container sharing the host's name (host
   * networking) has pids of its own, and a reboot starts them again, so a pid means something here
   * only when the lock names this very machine.
   */
  readonly machine: string;
  /**
   * False only when the process is known not to exist (ESRCH), or the process now holding that pid
   * started after `lockedAt` (the pid was reused); a process of another user counts as alive.
   */
  readonly alive: (pid: number, lockedAt: Date) => boolean;
}

/**
 * True when the lock's run is on this machine and its process is gone (`kill -9`, a crash, a
 * reboot): then nobody will ever release it, and its expiry may be 40 minutes away. Only a pid
 * byodkim wrote itself (a whole number) on a host named exactly as this one, in the same boot and
 * pid namespace, counts: a lock without that (an older byodkim's) waits for its expiry or --force-unlock.
 */
export function holderIsDeadHere(holder: LockHolder, here: ThisHost | undefined): boolean {
  if (!here || holder.host !== here.host || holder.machine !== here.machine || !/^[1-9]\d*$/.test(holder.pid)) return false;
  const lockedAt = ISO_TIME.test(holder.startedAt) ? new Date(holder.startedAt) : null;
  if (lockedAt === null) return false;
  return !here.alive(Number(holder.pid), lockedAt);
}

/**
 * The refusal a run meets at a lock it found, or null when the lock's run is past its expiry or
 * its process is gone from this host (it died) and the lock may be taken over. A lock byodkim
 * cannot read is held: taking it over would guess that its run is dead, and `--force-unlock` is
 * how an operator says so.
 */
export function refusalOf(found: FoundLock, now: Date, location: LockLocation, here?: ThisHost): ByodkimError | null {
  if (found.kind === "record") return found.expiresAtMs > now.getTime() && !holderIsDeadHere(found.holder, here) ? lockHeldError(found.holder) : null;
  if (found.reason !== "badExpiry") return byodkimError("lock", `lock.unreadable.${found.reason}`, { location: where(location) }, "lock.held.hint");
  const { host, pid, command, expiresAt } = found.holder;
  return byodkimError("lock", "lock.unreadable.badExpiry", { location: where(location), host, pid, command, expiresAt }, "lock.held.hint");
}

/** The lock as it stands now, as a refusal; null when there is none, or only a dead run's. */
export async function currentRefusal(store: LockStorePort, location: LockLocation, now: Date, here?: ThisHost): Promise<ByodkimError | null> {
  const found = await store.readLock(location.bucket, location.key);
  return found === null ? null : refusalOf(parseLock(found.text), now, location, here);
}

/** Why a run replaced a lock it found: past its expiry, its process gone from this host, or `--force-unlock`. */
export type LockTakeover = "expired" | "deadHolder" | "forced";

/** The lock a run holds: the version of the object it wrote, and the lock it replaced, if any, and why. */
export interface HeldLock {
  readonly runId: string;
  readonly etag: string;
  readonly replaced: FoundLock | null;
  readonly takeover?: LockTakeover;
}

/**
 * Takes the change lock, or throws a "lock" error naming who holds it. `force` applies to the lock
 * found first only: a run that loses the race for it honours the winner's fresh lock, so two forced
 * runs still end with one holder.
 */
export async function acquireLock(
  store: LockStorePort,
  location: LockLocation,
  lock: LockRecord,
  now: Date,
  force: boolean,
  here?: ThisHost,
  attempts = 3,
): Promise<HeldLock> {
  const { bucket, key } = location;
  const text = JSON.stringify(lock);
  let winner: ByodkimError | null = null;
  for (let attempt = 1; attempt <= attempts; attempt++) {
    winner = null;
    const found = await store.readLock(bucket, key);
    if (found === null) {
      const written = await store.writeLock(bucket, key, text, { ifAbsent: true });
      if (written) return { runId: lock.runId, etag: written.etag, replaced: null };
      continue;
    }
    const parsed = parseLock(found.text);
    // Our own write, whose answer was lost and whose retry met our lock: it is ours.
    if (parsed.kind === "record" && parsed.holder.runId === lock.runId) return { runId: lock.runId, etag: found.etag, replaced: null };
    winner = refusalOf(parsed, now, location, here);
    if (winner && !(force && attempt === 1)) throw winner;
    const takeover: LockTakeover = winner !== null ? "forced" : parsed.kind === "record" && parsed.expiresAtMs > now.getTime() ? "deadHolder" : "expired";
    const written = await store.writeLock(bucket, key, text, { ifEtag: found.etag });
    if (written) return { runId: lock.runId, etag: written.etag, replaced: parsed, takeover };
  }
  throw winner ?? byodkimError("lock", "lock.lostRace", { location: where(location) }, "lock.held.hint");
}

/**
 * Null while the lock object is still the version this run wrote; otherwise what replaced it.
 * Throws (an AWS error) when the lock cannot be read: then nothing is proven either way.
 */
export async function lockLostTo(store: LockStorePort, location: LockLocation, held: HeldLock): Promise<ByodkimError | null> {
  const found = await store.readLock(location.bucket, location.key);
  if (found?.etag === held.etag) return null;
  const parsed = found === null ? null : parseLock(found.text);
  if (parsed?.kind !== "record") return byodkimError("lock", "lock.gone", { location: where(location) }, "change.anotherRun.hint");
  const { owner, host, pid, command, startedAt } = parsed.holder;
  return byodkimError("lock", "lock.taken", { owner, host, pid, command, startedAt }, "change.anotherRun.hint");
}

/** Releases the lock if it is still this run's version; never deletes a lock another run took. False when it was not ours any more. */
export function releaseLock(store: LockStorePort, location: LockLocation, held: HeldLock): Promise<boolean> {
  return store.deleteLock(location.bucket, location.key, held.etag);
}

/**
 * Releases this run's lock when the version it wrote is not known (a stop signal while the lock
 * was being taken): only a lock that names this run is deleted, and only that version of it.
 */
export async function releaseOwnLock(store: LockStorePort, location: LockLocation, runId: string): Promise<boolean> {
  const found = await store.readLock(location.bucket, location.key);
  const parsed = found === null ? null : parseLock(found.text);
  if (found === null || parsed?.kind !== "record" || parsed.holder.runId !== runId) return false;
  return store.deleteLock(location.bucket, location.key, found.etag);
}
