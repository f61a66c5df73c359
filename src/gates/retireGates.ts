import type { SesIdentityFacts } from "../aws/types.js";
import { msg } from "../messages/msg.js";
import type { KeyHistoryEntry } from "../state/keyHistory.js";
import type { GateResult } from "./types.js";

const DAY_MS = 86_400_000;

/** A selector SES signs with cannot be retired: its mail would stop verifying at once. */
export function checkNotSigning(identity: SesIdentityFacts, selector: string): GateResult {
  const dkim = identity.dkim;
  const active = dkim?.origin === "EXTERNAL" && dkim.tokens.includes(selector);
  if (active) return { id: "ses", status: "fail", detail: msg("gate.ses.selectorActive", { selector }), lines: [msg("gate.ses.selectorActive.hint")] };
  return {
    id: "ses",
    status: "pass",
    detail: msg("gate.ses.selectorInactive", { selector, origin: dkim?.origin ?? "-", tokens: dkim?.tokens.join(", ") || "-" }),
  };
}

export interface GraceFacts {
  readonly selector: string;
  readonly entry: KeyHistoryEntry | undefined;
  /** When SES stopped signing with the selector, as byodkim recorded it. */
  readonly stoppedAt: string | undefined;
  readonly now: Date;
  readonly graceDays: number;
  /** The S3 object still carries keygen's `byodkim:status=created` tag. */
  readonly createdTag?: boolean;
}

/**
 * Receivers check a signature when the message arrives, which can be days after it was sent
 * (queues, retries, greylisting): the old record stays published for the grace period.
 */
export function checkRetireGrace(facts: GraceFacts): GateResult {
  const { selector, entry, stoppedAt, graceDays } = facts;
  const data = { selector, status: entry?.status ?? null, stoppedSigningAt: stoppedAt ?? null, graceDays };
  if (entry?.status === "retired")
    return { id: "grace", status: "pass", detail: msg("gate.grace.alreadyRetired", { selector, at: entry.retired_at ?? "?" }), data };
  if (stoppedAt !== undefined) {
    // The later of what the rotation promised and what the config asks now: a shorter grace period later does not cut a promise short.
    const promised = entry?.retire_after !== undefined ? Date.parse(entry.retire_after) : Number.NEGATIVE_INFINITY;
    const until = new Date(Math.max(Date.parse(stoppedAt) + graceDays * DAY_MS, Number.isNaN(promised) ? Number.NEGATIVE_INFINITY : promised));
    if (Number.isNaN(until.getTime()))
      return { id: "grace", status: "fail", detail: msg("gate.grace.unknown", { selector }), lines: [msg("gate.grace.unknown.hint")], data };
    if (facts.now < until) {
      return {
        id: "grace",
        status: "fail",
        detail: msg("gate.grace.tooSoon", { selector, since: stoppedAt, until: until.toISOString(), days: graceDays }),
        data: { ...data, until: until.toISOString() },
      };
    }
    return {
      id: "grace",
      status: "pass",
      detail: msg("gate.grace.over", { selector, since: stoppedAt, days: graceDays }),
      data: { ...data, until: until.toISOString() },
    };
  }
  if (entry?.status === "created" || (entry === undefined && facts.createdTag === true)) {
    return { id: "grace", status: "pass", detail: msg("gate.grace.neverSigned", { selector }), data };
  }
  return { id: "grace", status: "fail", detail: msg("gate.grace.unknown", { selector }), lines: [msg("gate.grace.unknown.hint")], data };
}
