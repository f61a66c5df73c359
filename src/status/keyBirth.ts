/**
 * A key's age is how long the key has existed, not how long byodkim has used it. Each fact that
 * dates it is evidence; the earliest credible one wins. One rule for every reader (status, its
 * metrics, anything later that judges rotation).
 */

/** Where a key's age was read from. `history`: the key history's `created_at`; `activeSince`: its `active_since`. */
export type KeyAgeSource = "history" | "selector" | "s3" | "activeSince";

export interface KeyBirth {
  readonly at: string;
  readonly source: KeyAgeSource;
}

/** Every fact that dates the key, as stored (ISO times; the selector's date as `YYYYMMDD`). */
export interface KeyBirthEvidence {
  readonly createdAt?: string | undefined;
  readonly selectorDate?: number | undefined;
  readonly lastModified?: string | undefined;
  readonly activeSince?: string | undefined;
}

/** DKIM's first specification (RFC 4871) is of May 2007: a key dated before it is a broken clock, not evidence. */
const EARLIEST_CREDIBLE = Date.UTC(2007, 4, 1);

/** Ties go to the first listed: the history's own word, then the selector, S3, the switch. */
const ORDER: readonly KeyAgeSource[] = ["history", "selector", "s3", "activeSince"];

/** The earliest credible date among the evidence; undefined when none is credible. */
export function keyBirth(evidence: KeyBirthEvidence, now: Date): KeyBirth | undefined {
  const dated: Record<KeyAgeSource, number> = {
    history: isoTime(evidence.createdAt),
    selector: selectorTime(evidence.selectorDate),
    s3: isoTime(evidence.lastModified),
    activeSince: isoTime(evidence.activeSince),
  };
  let best: { time: number; source: KeyAgeSource } | undefined;
  for (const source of ORDER) {
    const time = dated[source];
    // A date in the future is not evidence of anything (a skewed clock, a selector named ahead).
    if (Number.isNaN(time) || time > now.getTime() || time < EARLIEST_CREDIBLE) continue;
    if (best === undefined || time < best.time) best = { time, source };
  }
  return best && { at: new Date(best.time).toISOString(), source: best.source };
}

function isoTime(text: string | undefined): number {
  // Only a full ISO date: Date.parse reads "12/03/2026" or "2026" in ways nobody stored.
  if (text === undefined || !/^\d{4}-\d{2}-\d{2}(T|$)/.test(text)) return Number.NaN;
  return Date.parse(text);
}

function selectorTime(date: number | undefined): number {
  if (date === undefined) return Number.NaN;
  const match = /^(\d{4})(\d{2})(\d{2})$/.exec(String(date));
  if (!match) return Number.NaN;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const time = Date.UTC(year, month - 1, day);
  const back = new Date(time);
  // 20251131 is not a day: Date.UTC would make it December 1st.
  return back.getUTCFullYear() === year && back.getUTCMonth() === month - 1 && back.getUTCDate() === day ? time : Number.NaN;
}
