import { type ReadyPlanTarget, readyTargets } from "../../campaign/planDocument.js";
import { APPROVALS_DEFAULTS } from "../../config/approvalsConfig.js";
import { ByodkimError } from "../../errors.js";
import { msg } from "../../messages/msg.js";
import { checkSingleChangeApproval, type SingleChangeCommand, tallyApprovals } from "../../gates/approvalGates.js";
import type { GateResult } from "../../gates/types.js";
import { loadPlan, readApprovals } from "../campaignStore.js";
import type { CommandContext } from "../context.js";
import type { ChangeCheck } from "./changePlan.js";
import type { ChangeRun, Ending } from "./changeRun.js";
import type { ChangeSpec } from "./changeSpec.js";
import { journaledGate } from "./runJournal.js";

/** The commands a required approval holds: keygen makes a key and changes no signing, and is not among them. */
const HELD: readonly string[] = ["enable", "rotate", "retire"] satisfies readonly SingleChangeCommand[];

/** Whether a change by this command waits for an approved plan under this config: `approvals.required: 0` holds none. */
export const approvalHolds = (ctx: CommandContext, command: string): boolean =>
  HELD.includes(command) && (ctx.config.approvals ?? APPROVALS_DEFAULTS).required > 0;

/**
 * The approval verdict for one change of `domain` in the context's region, under `ctx.planId`:
 * null when approvals are off (nothing is read), or for a command they never concern (keygen).
 * A rollback passes without reading anything: it is the incident path. A plan that cannot be
 * loaded (missing, tampered with, unreadable) is a failed verdict with the store's own words.
 * `selector`: the one the change moves to (enable, rotate), which must be the plan's.
 */
export async function judgeApproval(ctx: CommandContext, command: string, domain: string, selector: string | null): Promise<GateResult | null> {
  const config = ctx.config.approvals ?? APPROVALS_DEFAULTS;
  if (config.required === 0 || !isSingleChangeCommand(command)) return null;
  const base = { command, domain, region: ctx.region, required: config.required, now: ctx.clock.now() };
  if (command === "rollback" || ctx.planId === undefined) return checkSingleChangeApproval({ ...base, planId: ctx.planId, approvedPlans: [] });
  try {
    const { id, plan } = await loadPlan(ctx, ctx.planId);
    const { approvals } = await readApprovals(ctx, id);
    const counted = tallyApprovals({ id, plannedBy: plan.plannedBy }, approvals, config).counted.length;
    // A target the plan left out (its gates failed when planned) is not approved: only ready targets are covered.
    const targets = readyTargets(plan).map((target) => ({ domain: target.domain, region: target.region }));
    // loadPlan refuses a plan whose stored bytes do not hash to its id: one it returns is whole.
    const summary = { id, command: plan.command, targets, expiresAt: plan.expiresAt, storedHashOk: true, approvals: counted };
    const verdict = checkSingleChangeApproval({ ...base, planId: id, approvedPlans: [summary] });
    return verdict.status === "pass"
      ? (otherSelector(verdict, command, selector, readyTargets(plan).find(sameTarget(domain, ctx.region))) ?? verdict)
      : verdict;
  } catch (err) {
    if (!(err instanceof ByodkimError)) throw err;
    const data = { command, domain, region: ctx.region, required: config.required, planId: ctx.planId, refusals: [err.what.key] };
    return { id: "approval", status: "fail", detail: err.what, lines: err.hint ? [err.hint] : [], data };
  }
}

const sameTarget = (domain: string, region: string) => (target: ReadyPlanTarget) =>
  target.region === region && target.domain.toLowerCase().replace(/\.$/, "") === domain.toLowerCase().replace(/\.$/, "");

/**
 * An enable or a rotation moves to the key its approvers saw: another selector than the plan's is
 * refused. A retire is not matched: it revokes a key no longer signing, which the plan names nowhere.
 */
function otherSelector(verdict: GateResult, command: SingleChangeCommand, selector: string | null, target: ReadyPlanTarget | undefined): GateResult | null {
  const planned = target?.selector ?? null;
  if ((command !== "enable" && command !== "rotate") || planned === null || selector === null || planned === selector) return null;
  const params = { planId: String(verdict.data?.["planId"] ?? "-"), domain: target!.domain, region: target!.region, planned, selector };
  return {
    id: "approval",
    status: "fail",
    detail: msg("gate.approval.otherSelector", params),
    lines: [msg("gate.approval.otherSelector.hint", { planned })],
    data: { ...verdict.data, plannedSelector: planned, selector, refusals: ["otherSelector"] },
  };
}

const isSingleChangeCommand = (command: string): command is SingleChangeCommand => command === "rollback" || HELD.includes(command);

/** The run's check with the approval verdict among its gates (in place of an earlier one), so the result and the journal show it. */
export function withApprovalGate<C extends ChangeCheck>(run: ChangeRun<C>, gate: GateResult): void {
  const { check } = run;
  run.check = { ...check, gates: [...check.gates.filter((other) => other.id !== "approval"), gate], ok: check.ok && gate.status !== "fail" };
}

/**
 * Judged again once the operator has answered, before the lock: the plan may have expired, or an
 * approval been withdrawn, while they sat at the prompt. A refusal ends the run with no call made.
 */
export async function approvalStep<C extends ChangeCheck>(ctx: CommandContext, spec: ChangeSpec<C>, run: ChangeRun<C>): Promise<Ending | null> {
  const gate = await judgeApproval(ctx, spec.command, spec.domain, run.check.selector);
  if (gate === null) return null;
  withApprovalGate(run, gate);
  run.journal?.append("approval", { gate: journaledGate(gate) });
  return gate.status === "fail" ? { outcome: "gatesFailed" } : null;
}
