import type { KeyObjectFacts } from "../aws/types.js";
import { selectorFromObjectKey } from "../config/config.js";
import { isValidSelector, nextSelectorFor, parseDatedSelector } from "../config/names.js";
import { msg } from "../messages/msg.js";
import type { Fetched } from "./fetched.js";
import { selectorFromFlag } from "./selectorGate.js";
import type { GateResult } from "./types.js";
import { failFromError } from "./verdicts.js";

export interface NewSelectorFacts {
  readonly requested: string | undefined;
  readonly selectorPrefix: string;
  readonly listing: { readonly prefix: string; readonly suffix: string };
  readonly objectKeys: Fetched<readonly string[]>;
  /** Selectors the key history knows, with their status, deleted ones included: a name once handed to the DNS team is never reused. */
  readonly known: Readonly<Record<string, string>>;
  readonly today: Date;
}

/** The selector for a new key: `--selector` if it is free, else the next free one for today. */
export function chooseNewSelector(facts: NewSelectorFacts): { gate: GateResult; selector: string | undefined } {
  if (facts.requested !== undefined && !isValidSelector(facts.requested)) {
    return { selector: undefined, gate: { id: "selector", status: "fail", detail: msg("gate.selector.invalid", { selector: facts.requested }) } };
  }
  if (!facts.objectKeys.ok) return { selector: undefined, gate: failFromError("selector", facts.objectKeys.error) };
  const inS3 = facts.objectKeys.value.flatMap((key) => selectorFromObjectKey(key, facts.listing) ?? []);
  const existing = [...new Set([...inS3, ...Object.keys(facts.known)])];
  if (facts.requested !== undefined) {
    const requested = facts.requested;
    // Said as it is: an object in S3, or only a name the key history keeps (its key retired and deleted).
    const status = facts.known[requested];
    const taken = inS3.includes(requested)
      ? msg("gate.selector.taken", { selector: requested })
      : status !== undefined
        ? msg("gate.selector.inHistory", { selector: requested, status })
        : null;
    if (taken) return { selector: undefined, gate: { id: "selector", status: "fail", detail: taken, lines: [msg("gate.selector.taken.hint")] } };
    return selectorFromFlag(requested);
  }
  const dated = existing.flatMap((selector) => parseDatedSelector(selector, facts.selectorPrefix) ?? []);
  const selector = nextSelectorFor(facts.selectorPrefix, dated, facts.today);
  return {
    selector,
    gate: { id: "selector", status: "pass", detail: msg("gate.selector.nextFree", { selector, count: dated.length }), data: { selector, source: "next" } },
  };
}

export interface NewKeyObjectFacts {
  readonly location: string;
  readonly existing: Fetched<KeyObjectFacts | null>;
  readonly bits: number;
  readonly fingerprint: string;
  readonly encryption: string;
}

/** keygen never overwrites: any object at the location stops it before the question. */
export function checkNewKeyObject(facts: NewKeyObjectFacts): GateResult {
  if (!facts.existing.ok) return failFromError("key", facts.existing.error);
  const data = { location: facts.location, bits: facts.bits, publicKeyFingerprint: facts.fingerprint, encryption: facts.encryption };
  if (facts.existing.value !== null) {
    return { id: "key", status: "fail", detail: msg("gate.key.exists", { location: facts.location }), lines: [msg("gate.key.exists.hint")], data };
  }
  return {
    id: "key",
    status: "pass",
    detail: msg("gate.key.new", { bits: facts.bits, fingerprint: facts.fingerprint }),
    lines: [msg("gate.key.newLocation", { location: facts.location, encryption: facts.encryption })],
    data,
  };
}

/**
 * With `--out`, the chosen selector's hand-off files must be new in the ticket folder: a name taken
 * there (an earlier hand-off, a link planted at the next predictable name) stops keygen before
 * any key is made, rather than leaving a key in S3 whose files could not be handed over.
 */
export function checkHandoffNames(selectorGate: GateResult, taken: string | null): GateResult {
  if (taken === null || selectorGate.status === "fail") return selectorGate;
  return { id: "selector", status: "fail", detail: msg("gate.selector.handoffTaken", { path: taken }), lines: [msg("gate.selector.handoffTaken.hint")] };
}
