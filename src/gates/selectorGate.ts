import { newestSelector, parseDatedSelector, isValidSelector } from "../config/names.js";
import { selectorFromObjectKey } from "../config/config.js";
import { msg } from "../messages/msg.js";
import type { Fetched } from "./fetched.js";
import { failFromError } from "./verdicts.js";
import type { GateResult } from "./types.js";

export type SelectorFacts =
  | { readonly source: "flag"; readonly selector: string }
  | {
      readonly source: "s3";
      readonly bucket: string;
      readonly listing: { readonly prefix: string; readonly suffix: string };
      readonly selectorPrefix: string;
      readonly objectKeys: Fetched<readonly string[]>;
    };

export interface SelectorVerdict {
  readonly gate: GateResult;
  /** The selector the later gates use; undefined when none could be chosen. */
  readonly selector: string | undefined;
}

export function chooseSelector(facts: SelectorFacts): SelectorVerdict {
  if (facts.source === "flag") {
    if (!isValidSelector(facts.selector)) {
      return {
        selector: undefined,
        gate: { id: "selector", status: "fail", detail: msg("gate.selector.invalid", { selector: facts.selector }) },
      };
    }
    return selectorFromFlag(facts.selector);
  }
  if (!facts.objectKeys.ok) return { selector: undefined, gate: failFromError("selector", facts.objectKeys.error) };

  const location = `s3://${facts.bucket}/${facts.listing.prefix}`;
  const dated = facts.objectKeys.value
    .map((key) => selectorFromObjectKey(key, facts.listing))
    .flatMap((selector) => (selector === undefined ? [] : [parseDatedSelector(selector, facts.selectorPrefix)]))
    .filter((parsed) => parsed !== undefined);
  const newest = newestSelector(dated);
  if (!newest) {
    return {
      selector: undefined,
      gate: {
        id: "selector",
        status: "fail",
        detail: msg("gate.selector.noneFound", { location, prefix: facts.selectorPrefix }),
        lines: [msg("gate.selector.noneFound.hint")],
      },
    };
  }
  return {
    selector: newest.selector,
    gate: {
      id: "selector",
      status: "pass",
      detail: msg("gate.selector.newest", { selector: newest.selector, count: dated.length, location }),
      data: { selector: newest.selector, source: "s3", candidates: dated.length },
    },
  };
}

/** The selector the operator named with --selector (or --to), once its syntax passed. */
export function selectorFromFlag(selector: string): SelectorVerdict {
  return {
    selector,
    gate: { id: "selector", status: "pass", detail: msg("gate.selector.fromFlag", { selector }), data: { selector, source: "flag" } },
  };
}
