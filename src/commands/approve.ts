import { type PlanSummary, PLAN_ID_PREFIX_LENGTH, planSummaryForApproval } from "../campaign/planSummary.js";
import type { CampaignPlan } from "../campaign/planDocument.js";
import { APPROVALS_DEFAULTS } from "../config/approvalsConfig.js";
import { checkApproval } from "../gates/approvalGates.js";
import { fetchFact } from "../gates/fetched.js";
import { checkIdentity } from "../gates/identityGate.js";
import type { GateResult } from "../gates/types.js";
import { type Msg, msg } from "../messages/msg.js";
import { loadPlan, readApprovals, storeApproval, storedPlanFacts, typedPlanPrefix } from "../engine/campaignStore.js";
import type { CommandContext } from "../engine/context.js";

export interface ApproveInput {
  /** The plan file, or the plan's id (whole or its first 8+ hex digits). */
  readonly plan: string;
  readonly comment: string | undefined;
  readonly yes: boolean;
}

export type ApproveOutcome = "approved" | "refused" | "declined" | "identityFailed";

export interface ApproveResult {
  readonly command: "approve";
  readonly ok: boolean;
  readonly outcome: ApproveOutcome;
  readonly id: string;
  readonly plan: CampaignPlan;
  readonly summary: PlanSummary;
  /** The identity gate, then the approval gate (the re-check's when there was one). */
  readonly gates: readonly GateResult[];
  readonly approval: { readonly by: string; readonly at: string; readonly url: string; readonly requestId: string | undefined } | null;
  /** Approvals that count now, this one included, and how many are required. */
  readonly approvals: { readonly count: number; readonly required: number };
  readonly declined: Msg | null;
  readonly next: Msg | null;
}

/** Comments are read by people in a ticket: one line, not a page. */
const MAX_COMMENT = 500;

/**
 * `approve`: a second person signs off a stored plan. Shown the plan, they type its id's first 8
 * characters; the approval is judged again just before it is written (once, never over another).
 */
export async function approve(ctx: CommandContext, input: ApproveInput): Promise<ApproveResult> {
  const comment = input.comment === undefined ? null : oneLine(input.comment);
  const config = ctx.config.approvals ?? APPROVALS_DEFAULTS;
  const loaded = await loadPlan(ctx, input.plan);
  const { id, plan } = loaded;
  const summary = planSummaryForApproval(plan, id);
  // A campaign is the operator's, in the operations account, even when tick runs it for a member account's identity.
  const caller = await fetchFact(() => (ctx.operations ?? ctx.aws).sts.getCallerIdentity());
  const identity = checkIdentity({ caller, expectedAccountId: ctx.config.accountId, region: ctx.region });
  const base = { command: "approve" as const, id, plan, summary, approval: null, declined: null, next: null };
  if (identity.status === "fail" || !caller.ok) {
    return { ...base, ok: false, outcome: "identityFailed", gates: [identity], approvals: { count: 0, required: config.required } };
  }
  const approver = caller.value.arn;
  const judge = async () => {
    const { approvals } = await readApprovals(ctx, id);
    return checkApproval({ plan: storedPlanFacts(id, plan), approver, existingApprovals: approvals, now: ctx.clock.now(), config });
  };
  const counted = (gate: GateResult) => (typeof gate.data?.["approvals"] === "number" ? gate.data["approvals"] : 0);
  const first = await judge();
  ctx.events.emit({ type: "checklist", gates: [identity, first] });
  if (first.status === "fail") return { ...base, ok: false, outcome: "refused", gates: [identity, first], approvals: { count: 0, required: config.required } };

  for (const line of summary.lines) ctx.events.emit({ type: "step", message: line });
  if (!input.yes && !(await typedPlanPrefix(ctx, (prefix) => msg("approve.confirm", { prefix }), id))) {
    const declined = msg("approve.declined", { prefix: id.slice(0, PLAN_ID_PREFIX_LENGTH) });
    return { ...base, ok: false, outcome: "declined", gates: [identity, first], approvals: { count: 0, required: config.required }, declined };
  }
  // They may have read the plan for minutes: it may have expired, or they may have approved it from another shell.
  const second = await judge();
  if (second.status === "fail")
    return { ...base, ok: false, outcome: "refused", gates: [identity, second], approvals: { count: 0, required: config.required } };
  const at = ctx.clock.now().toISOString();
  const stored = await storeApproval(ctx, id, { by: approver, at, planHash: id, comment });
  if (!stored.written) {
    // Another approval by this person landed between the re-check and the write: S3 kept the first.
    const third = await judge();
    return { ...base, ok: false, outcome: "refused", gates: [identity, third], approvals: { count: 0, required: config.required } };
  }
  const count = counted(second);
  const enough = count >= config.required;
  return {
    ...base,
    ok: true,
    outcome: "approved",
    gates: [identity, second],
    approval: { by: approver, at, url: stored.url, requestId: stored.requestId },
    approvals: { count, required: config.required },
    next: enough ? msg("approve.next.apply", { id }) : msg("approve.next.more", { missing: config.required - count, id }),
  };
}

function oneLine(text: string): string {
  const line = text.replace(/[\p{Cc}\p{Cf}]+/gu, " ").trim();
  return line.length > MAX_COMMENT ? `${line.slice(0, MAX_COMMENT - 1)}…` : line;
}
