import { isValidSelector, normaliseDomain } from "../config/names.js";
import type { PrecheckResult } from "./results.js";
import { byodkimError } from "../errors.js";
import type { CommandContext } from "./context.js";
import { runGates, type GateTarget } from "./gateRun.js";

export { GATE_ORDER } from "./gateRun.js";

export interface PrecheckInput {
  readonly domain: string | undefined;
  readonly selector: string | undefined;
}

/** Bad domain or selector is an input error (exit 2), found before anything is asked of AWS. */
export function resolveGateTarget(ctx: Pick<CommandContext, "config">, input: PrecheckInput): GateTarget {
  const rawDomain = input.domain ?? ctx.config.domain;
  if (rawDomain === undefined) throw byodkimError("usage", "input.noDomain", undefined, "input.noDomain.hint");
  const domain = normaliseDomain(rawDomain);
  if (domain === undefined) throw byodkimError("input", "input.badDomain", { domain: rawDomain });
  if (input.selector !== undefined && !isValidSelector(input.selector)) {
    throw byodkimError("input", "input.badSelector", { selector: input.selector });
  }
  return { domain, selector: input.selector };
}

/** Read-only: runs every gate and reports; nothing is changed anywhere. */
export async function precheck(ctx: CommandContext, input: PrecheckInput): Promise<PrecheckResult> {
  const target = resolveGateTarget(ctx, input);
  const run = await runGates(ctx, target);
  return {
    command: "precheck",
    domain: target.domain,
    selector: run.selector ?? null,
    region: ctx.region,
    ok: run.ok,
    gates: run.gates,
    alreadyActive: run.alreadyActive,
  };
}
