import { isValidSelector, normaliseDomain } from "../config/names.js";
import { byodkimError } from "../errors.js";
import type { CommandContext } from "./context.js";
import type { GateTarget } from "./gateRunner.js";

/** The domain and selector a command names, as given on the command line (or the config's domain). */
export interface TargetInput {
  readonly domain: string | undefined;
  readonly selector: string | undefined;
}

/** Bad domain or selector is an input error (exit 2), found before anything is asked of AWS. */
export function resolveGateTarget(ctx: Pick<CommandContext, "config">, input: TargetInput): GateTarget {
  const rawDomain = input.domain ?? ctx.config.domain;
  if (rawDomain === undefined) throw byodkimError("usage", "input.noDomain", undefined, "input.noDomain.hint");
  const domain = normaliseDomain(rawDomain);
  if (domain === undefined) throw byodkimError("input", "input.badDomain", { domain: rawDomain });
  if (input.selector !== undefined && !isValidSelector(input.selector)) {
    throw byodkimError("input", "input.badSelector", { selector: input.selector });
  }
  return { domain, selector: input.selector };
}
