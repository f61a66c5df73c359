import type { ApprovalsConfig } from "../config/approvalsConfig.js";
import { type Msg, msg } from "../messages/msg.js";
import { isKnownPrincipal, type Principal, principalOf, samePrincipal } from "../permissions/principal.js";
import type { GateResult } from "./types.js";

/** What approve and apply know of a plan: its id (the SHA-256 of its canonical JSON) and who made it when. */
export interface PlanFacts {
  readonly id: string;
  /** The STS caller ARN of whoever ran `plan`. */
  readonly plannedBy: string;
  readonly createdAt: string;
  readonly expiresAt: string;
  /** Whether the bytes stored under the id still hash to it. */
  readonly storedHashOk: boolean;
}

export interface ApprovalFacts {
  /** The STS caller ARN of whoever ran `approve`. */
  readonly by: string;
  readonly at: string;
}

/** An approval object as stored next to the plan: the hash of the plan it approved travels with it. */
export interface RecordedApproval extends ApprovalFacts {
  readonly planHash: string;
}

export type ApprovalRefusal = "tampered" | "expired" | "expiryUnreadable" | "unknownApprover" | "unknownPlanner" | "selfApproval" | "alreadyApproved";

export type NotCountedReason = "otherPlan" | "byPlanner" | "twice" | "unknownBy";

export interface ApprovalTally {
  /** One approval a person, the earliest, in the order they were given. */
  readonly counted: readonly (ApprovalFacts & { readonly principal: Principal })[];
  readonly notCounted: readonly (ApprovalFacts & { readonly why: NotCountedReason; readonly planHash?: string })[];
}

const byTime = <T extends ApprovalFacts>(approvals: readonly T[]): T[] =>
  [...approvals].sort((a, b) => (Date.parse(a.at) || 0) - (Date.parse(b.at) || 0) || a.at.localeCompare(b.at));

/**
 * The approvals that count towards `approvals.required`: each from a person byodkim can tell apart,
 * for this plan's hash, not from the planner unless allowSelf, and a person once however often they approved.
 */
export function tallyApprovals(plan: Pick<PlanFacts, "id" | "plannedBy">, approvals: readonly RecordedApproval[], config: ApprovalsConfig): ApprovalTally {
  const planner = principalOf(plan.plannedBy);
  const counted: (ApprovalFacts & { principal: Principal })[] = [];
  const notCounted: (ApprovalFacts & { why: NotCountedReason; planHash?: string })[] = [];
  for (const approval of byTime(approvals)) {
    const { by, at } = approval;
    const principal = principalOf(by);
    if (!isKnownPrincipal(principal)) notCounted.push({ by, at, why: "unknownBy" });
    else if (approval.planHash !== plan.id) notCounted.push({ by, at, why: "otherPlan", planHash: approval.planHash });
    else if (!config.allowSelf && (!isKnownPrincipal(planner) || planner.key === principal.key)) notCounted.push({ by, at, why: "byPlanner" });
    else if (counted.some((earlier) => earlier.principal.key === principal.key)) notCounted.push({ by, at, why: "twice" });
    else counted.push({ by, at, principal });
  }
  return { counted, notCounted };
}

/** The plan's own refusals, the same for approve and apply: its bytes, then its age. */
function planRefusals(plan: PlanFacts, now: Date): ApprovalRefusal[] {
  const refusals: ApprovalRefusal[] = [];
  if (!plan.storedHashOk) refusals.push("tampered");
  const expiresAt = Date.parse(plan.expiresAt);
  if (Number.isNaN(expiresAt)) refusals.push("expiryUnreadable");
  else if (now.getTime() >= expiresAt) refusals.push("expired");
  return refusals;
}

function refusalLine(refusal: ApprovalRefusal, facts: { plan: PlanFacts; approver: string; earlier?: ApprovalFacts }): Msg {
  const { plan, approver } = facts;
  switch (refusal) {
    case "tampered":
      return msg("gate.approval.tampered", { planId: plan.id });
    case "expired":
      return msg("gate.approval.expired", { expiresAt: plan.expiresAt });
    case "expiryUnreadable":
      return msg("gate.approval.expiryUnreadable", { expiresAt: plan.expiresAt });
    case "unknownApprover":
      return msg("gate.approval.unknownApprover", { who: principalText(approver) });
    case "unknownPlanner":
      return msg("gate.approval.unknownPlanner", { who: principalText(plan.plannedBy) });
    case "selfApproval":
      return msg("gate.approval.self", { who: approver });
    case "alreadyApproved":
      return msg("gate.approval.already", { who: approver, at: facts.earlier?.at ?? "-" });
  }
}

const REFUSAL_HINT: Record<ApprovalRefusal, Msg> = {
  tampered: msg("gate.approval.tampered.hint"),
  expired: msg("gate.approval.expired.hint"),
  expiryUnreadable: msg("gate.approval.expired.hint"),
  unknownApprover: msg("gate.approval.unknownApprover.hint"),
  unknownPlanner: msg("gate.approval.tampered.hint"),
  selfApproval: msg("gate.approval.self.hint"),
  alreadyApproved: msg("gate.approval.already.hint"),
};

const principalText = (arn: string): string => {
  const reading = principalOf(arn);
  return isKnownPrincipal(reading) ? arn : reading.text;
};

/** The refusal first in line is the detail; the others follow it, then what to do about the first. */
function refused(
  refusals: readonly ApprovalRefusal[],
  line: (refusal: ApprovalRefusal) => Msg,
  data: Record<string, unknown>,
  more: readonly Msg[] = [],
): GateResult {
  const [first, ...rest] = refusals as [ApprovalRefusal, ...ApprovalRefusal[]];
  return { id: "approval", status: "fail", detail: line(first), lines: [...rest.map(line), ...more, REFUSAL_HINT[first]], data: { ...data, refusals } };
}

export interface ApprovalCheck {
  readonly plan: PlanFacts;
  readonly approver: string;
  /** The approvals already stored next to the plan. */
  readonly existingApprovals: readonly ApprovalFacts[];
  readonly now: Date;
  readonly config: ApprovalsConfig;
}

/**
 * `approve`: may this caller approve this plan now? Refused, with every reason that holds: a plan
 * whose bytes no longer hash to its id, an expired plan, a caller or planner that is no one byodkim
 * can tell apart, the planner (unless allowSelf), and a person who has approved it already.
 */
export function checkApproval(check: ApprovalCheck): GateResult {
  const { plan, approver, config } = check;
  const who = principalOf(approver);
  const planner = principalOf(plan.plannedBy);
  const existing = check.existingApprovals.map((approval) => ({ ...approval, planHash: plan.id }));
  const earlier = byTime(check.existingApprovals).find((approval) => samePrincipal(principalOf(approval.by), who));
  const refusals = planRefusals(plan, check.now);
  if (!isKnownPrincipal(who)) refusals.push("unknownApprover");
  if (!config.allowSelf && !isKnownPrincipal(planner)) refusals.push("unknownPlanner");
  if (!config.allowSelf && isKnownPrincipal(who) && isKnownPrincipal(planner) && who.key === planner.key) refusals.push("selfApproval");
  if (earlier !== undefined) refusals.push("alreadyApproved");
  const data = { planId: plan.id, approver, principal: isKnownPrincipal(who) ? who.key : null, required: config.required };
  if (refusals.length > 0) return refused(refusals, (refusal) => refusalLine(refusal, { plan, approver, ...(earlier ? { earlier } : {}) }), data);
  const count = tallyApprovals(plan, existing, config).counted.length + 1;
  const detail =
    config.required === 0
      ? msg("gate.approval.passNotRequired", { who: approver, planId: plan.id })
      : msg("gate.approval.pass", { who: approver, planId: plan.id, count, required: config.required });
  return { id: "approval", status: "pass", detail, data: { ...data, approvals: count } };
}

export interface ApplyApprovalCheck {
  readonly plan: PlanFacts;
  readonly approvals: readonly RecordedApproval[];
  readonly now: Date;
  readonly config: ApprovalsConfig;
}

function notCountedLine(approval: ApprovalTally["notCounted"][number]): Msg {
  switch (approval.why) {
    case "unknownBy":
      return msg("gate.approval.notCounted.unknownBy", { who: principalText(approval.by), at: approval.at });
    case "otherPlan":
      return msg("gate.approval.notCounted.otherPlan", { who: approval.by, at: approval.at, planHash: approval.planHash ?? "-" });
    case "byPlanner":
      return msg("gate.approval.notCounted.byPlanner", { who: approval.by, at: approval.at });
    case "twice":
      return msg("gate.approval.notCounted.twice", { who: approval.by, at: approval.at });
  }
}

/**
 * `apply`: enough distinct people approved this very plan (an approval of other bytes is named and
 * not counted), and the plan is still good. With `required: 0` no approval is asked, but a plan
 * that is tampered with or expired is still refused: its age and bytes are not the approvers' matter.
 */
export function checkApprovalsForApply(check: ApplyApprovalCheck): GateResult {
  const { plan, config } = check;
  const tally = tallyApprovals(plan, check.approvals, config);
  const count = tally.counted.length;
  const lines = [
    ...tally.counted.map((approval) => msg("gate.approval.counted", { who: approval.by, at: approval.at })),
    ...tally.notCounted.map(notCountedLine),
  ];
  const data = {
    planId: plan.id,
    required: config.required,
    approvals: count,
    approvedBy: tally.counted.map((approval) => approval.by),
    notCounted: tally.notCounted.map((approval) => ({ by: approval.by, at: approval.at, why: approval.why })),
  };
  const refusals = planRefusals(plan, check.now);
  if (refusals.length > 0) return refused(refusals, (refusal) => refusalLine(refusal, { plan, approver: "" }), data, lines);
  if (config.required === 0) return { id: "approval", status: "pass", detail: msg("gate.approval.notRequired"), lines, data };
  if (count < config.required) {
    return {
      id: "approval",
      status: "fail",
      detail: msg("gate.approval.notEnough", { count, required: config.required }),
      lines: [...lines, msg("gate.approval.notEnough.hint", { missing: config.required - count })],
      data: { ...data, refusals: ["notEnoughApprovals"] },
    };
  }
  return { id: "approval", status: "pass", detail: msg("gate.approval.enough", { count, required: config.required }), lines, data };
}

export type SingleChangeCommand = "enable" | "rotate" | "retire" | "rollback";

/** What a single command needs to know of a stored plan to run under it with `--plan <id>`. */
export interface ApprovedPlanSummary {
  readonly id: string;
  /** What the plan plans: enable, rotate or rollback. */
  readonly command: string;
  readonly targets: readonly { readonly domain: string; readonly region: string }[];
  readonly expiresAt: string;
  readonly storedHashOk: boolean;
  /** The approvals that count (tallyApprovals(…).counted.length). */
  readonly approvals: number;
}

export interface SingleChangeApprovalCheck {
  readonly command: SingleChangeCommand;
  readonly domain: string;
  readonly region: string;
  /** The id given with `--plan`; undefined when none was. */
  readonly planId: string | undefined;
  readonly approvedPlans: readonly ApprovedPlanSummary[];
  readonly required: number;
  readonly now: Date;
}

const sameDomain = (a: string, b: string) => a.toLowerCase().replace(/\.$/, "") === b.toLowerCase().replace(/\.$/, "");

/**
 * A retire ends a rotation (it revokes the selector the rotation moved away from), and `plan`
 * plans enable, rotate and rollback: the rotation's plan is the one that covers its retire.
 */
const planCovers = (plan: ApprovedPlanSummary, check: SingleChangeApprovalCheck) =>
  (plan.command === check.command || (check.command === "retire" && plan.command === "rotate")) &&
  plan.targets.some((target) => sameDomain(target.domain, check.domain) && target.region === check.region);

const planStillGood = (plan: ApprovedPlanSummary, now: Date) => plan.storedHashOk && now.getTime() < Date.parse(plan.expiresAt);

/**
 * With approvals required, a single enable, rotate or retire runs only under a plan that covers
 * it and is approved. A rollback never waits for a person: it is the incident path.
 */
export function checkSingleChangeApproval(check: SingleChangeApprovalCheck): GateResult {
  const { command, domain, region, required } = check;
  const data = { command, domain, region, required, planId: check.planId ?? null };
  const pass = (detail: Msg): GateResult => ({ id: "approval", status: "pass", detail, data });
  const fail = (detail: Msg, lines: readonly Msg[] = []): GateResult => ({ id: "approval", status: "fail", detail, lines, data });
  if (command === "rollback") return pass(msg("gate.approval.rollback"));
  if (required === 0) return pass(msg("gate.approval.notRequired"));
  if (check.planId === undefined) {
    const covering = check.approvedPlans.find((plan) => planCovers(plan, check) && planStillGood(plan, check.now) && plan.approvals >= required);
    return fail(msg("gate.approval.needsPlan", { required, command, domain, region }), [
      covering ? msg("gate.approval.coveringPlan", { planId: covering.id }) : msg("gate.approval.needsPlan.hint"),
    ]);
  }
  const plan = check.approvedPlans.find((candidate) => candidate.id === check.planId);
  if (plan === undefined) return fail(msg("gate.approval.noSuchPlan", { planId: check.planId }));
  const facts = { plan: { id: plan.id, plannedBy: "", createdAt: "", expiresAt: plan.expiresAt, storedHashOk: plan.storedHashOk }, approver: "" };
  const refusals = planRefusals(facts.plan, check.now);
  if (refusals.length > 0) return refused(refusals, (refusal) => refusalLine(refusal, facts), data);
  if (plan.command !== command && !(command === "retire" && plan.command === "rotate")) {
    return fail(msg("gate.approval.otherCommand", { planId: plan.id, planned: plan.command, command }));
  }
  if (!planCovers(plan, check)) return fail(msg("gate.approval.notCovered", { planId: plan.id, domain, region }));
  if (plan.approvals < required) {
    return fail(msg("gate.approval.planNotApproved", { planId: plan.id, count: plan.approvals, required }), [
      msg("gate.approval.notEnough.hint", { missing: required - plan.approvals }),
    ]);
  }
  return pass(msg("gate.approval.planCovers", { planId: plan.id, count: plan.approvals, required, command, domain, region }));
}
