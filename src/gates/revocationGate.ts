import { DKIM_REVOCATION_VALUE, dkimHandoff } from "../dkim/handoff.js";
import type { TxtLookupResult } from "../dns/types.js";
import { msg, type Msg } from "../messages/msg.js";
import { judgeAnswer } from "./dnsGate.js";
import type { GateResult } from "./types.js";

const DAY_MS = 86_400_000;

export interface RetiredSelector {
  readonly selector: string;
  readonly retiredAt: string;
}

/** Retired selectors whose record the DNS team has had `graceDays` to revoke: the ones worth a lookup. */
export function overdueRevocations(retired: readonly RetiredSelector[], now: Date, graceDays: number): RetiredSelector[] {
  return retired.filter(({ retiredAt }) => {
    const at = Date.parse(retiredAt);
    return !Number.isNaN(at) && now.getTime() - at > graceDays * DAY_MS;
  });
}

/**
 * A retired key whose record still serves it can still be used to forge mail that verifies: its
 * record should say revoked (an empty p=, RFC 6376 §3.6.1). A warning, never a block: the change
 * at hand does not depend on it. Undefined when there is nothing to say.
 */
export function checkRevocations(found: readonly { readonly retired: RetiredSelector; readonly lookup: TxtLookupResult }[]): GateResult | undefined {
  if (found.length === 0) return undefined;
  const live = found.filter(({ lookup }) =>
    lookup.answers.some((answer) => {
      const verdict = judgeAnswer(answer, undefined);
      return verdict.outcome === "unverifiable" || verdict.outcome === "match" || verdict.outcome === "mismatch";
    }),
  );
  const data = { checked: found.map(({ retired }) => retired.selector), live: live.map(({ retired }) => retired.selector) };
  if (live.length === 0) return { id: "revocation", status: "pass", detail: msg("gate.revocation.pass", { count: found.length }), data };
  const lines: Msg[] = live.flatMap(({ retired, lookup }) => [
    msg("gate.revocation.live", { selector: retired.selector, retiredAt: retired.retiredAt, name: lookup.name }),
    msg("gate.revocation.publish", { record: dkimHandoff(lookup.name, DKIM_REVOCATION_VALUE).bindLine }),
  ]);
  return { id: "revocation", status: "warn", detail: msg("gate.revocation.warn", { count: live.length }), lines, data };
}
