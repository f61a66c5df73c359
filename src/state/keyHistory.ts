import type { StateRecord } from "./stateSecret.js";

/** The key history's field in the state secret: one entry per selector, never any key material. */
export const KEY_HISTORY_FIELD = "byodkim_keys";

/**
 * A key's life: `created` by keygen, `active` while SES signs with it, `retiring` after a rotation
 * (its record stays published for the grace period: mail signed minutes ago must still verify),
 * `retired` once its DNS record may be revoked.
 */
export type KeyStatus = "created" | "active" | "retiring" | "retired";
const STATUSES: readonly KeyStatus[] = ["created", "active", "retiring", "retired"];

export interface KeyHistoryEntry {
  readonly status: KeyStatus;
  readonly created_at?: string;
  readonly bits?: number;
  /** SHA-256 of the public key (SPKI), as the key gate prints it. */
  readonly fingerprint?: string;
  readonly location?: string;
  readonly active_since?: string;
  /** When SES stopped signing with it: the grace period runs from here. */
  readonly retiring_since?: string;
  readonly retire_after?: string;
  readonly retired_at?: string;
  readonly deleted_at?: string;
}

export type KeyHistory = Readonly<Record<string, KeyHistoryEntry>>;

/** What the key facts of a newly seen key are, when known. */
export interface KeyFacts {
  readonly bits?: number;
  readonly fingerprint?: string;
  readonly location?: string;
}

/** The history as stored; entries that are not byodkim's shape are left out, never guessed at. */
export function readKeyHistory(state: StateRecord | undefined): KeyHistory {
  const stored = state?.[KEY_HISTORY_FIELD];
  if (stored === null || typeof stored !== "object" || Array.isArray(stored)) return {};
  const entries = Object.entries(stored as Record<string, unknown>).filter(
    (entry): entry is [string, KeyHistoryEntry] =>
      entry[1] !== null && typeof entry[1] === "object" && STATUSES.includes((entry[1] as { status?: unknown }).status as KeyStatus),
  );
  return Object.fromEntries(entries);
}

const DAY_MS = 86_400_000;
const defined = (facts: KeyFacts) => Object.fromEntries(Object.entries(facts).filter(([, value]) => value !== undefined));

export function withCreatedKey(history: KeyHistory, selector: string, at: Date, facts: KeyFacts): KeyHistory {
  return { ...history, [selector]: { status: "created", created_at: at.toISOString(), ...defined(facts) } };
}

/**
 * SES now signs with `to` instead of `from` (a rotation, or a rollback to the previous selector):
 * `to` is active, `from` starts its grace period. `to` is null when SES went back to Easy DKIM.
 */
export function afterSwitch(history: KeyHistory, change: { from: string | null; to: string | null; at: Date; graceDays: number; key?: KeyFacts }): KeyHistory {
  const at = change.at.toISOString();
  const next: Record<string, KeyHistoryEntry> = { ...history };
  if (change.to !== null) {
    const { retiring_since: _since, retire_after: _after, ...kept } = next[change.to] ?? { status: "active" as const };
    next[change.to] = { ...kept, ...defined(change.key ?? {}), status: "active", active_since: at };
  }
  if (change.from !== null && change.from !== change.to) {
    const previous = next[change.from] ?? { status: "active" as const };
    next[change.from] = {
      ...previous,
      status: "retiring",
      retiring_since: at,
      retire_after: new Date(change.at.getTime() + change.graceDays * DAY_MS).toISOString(),
    };
  }
  return next;
}

export function withRetired(history: KeyHistory, selector: string, at: Date, deleted: boolean): KeyHistory {
  const entry = history[selector] ?? { status: "retired" as const };
  const stamp = at.toISOString();
  return { ...history, [selector]: { ...entry, status: "retired", retired_at: entry.retired_at ?? stamp, ...(deleted ? { deleted_at: stamp } : {}) } };
}

/**
 * When SES stopped signing with `selector`, from the key history, else from the last rotation's
 * record (`previous_selector` and `rotated_at`); undefined when nothing byodkim wrote says so.
 */
export function stoppedSigningAt(state: StateRecord | undefined, selector: string): string | undefined {
  const entry = readKeyHistory(state)[selector];
  if (entry?.retiring_since) return entry.retiring_since;
  if (state?.["previous_selector"] === selector && typeof state["rotated_at"] === "string") return state["rotated_at"];
  return undefined;
}
