import type { CommandContext } from "../engine/context.js";
import { runGates } from "../engine/gateRunner.js";
import { resolveGateTarget, type TargetInput } from "../engine/gateTarget.js";
import type { PrecheckResult } from "../engine/results.js";

export type PrecheckInput = TargetInput;

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
