import { type Msg, msg } from "../messages/msg.js";
import { canonicalJson } from "./canonicalJson.js";
import { type CampaignPlan, isExpired, type LeftOutPlanTarget, leftOutTargets, type ReadyPlanTarget, readyTargets } from "./planDocument.js";
import { compareTargets, type Wave, wavesSummary } from "./waves.js";

/** How many characters of the id an approver types back, as `approve` asks for it (a git-style short id). */
export const PLAN_ID_PREFIX_LENGTH = 8;

/** The plan's waves in order, rebuilt from its targets' wave numbers: what `apply` runs and the approver sees. */
export function wavesOfPlan(plan: Pick<CampaignPlan, "targets" | "waves">): Wave<ReadyPlanTarget>[] {
  const numbers = new Map<number, ReadyPlanTarget[]>();
  for (const target of readyTargets(plan)) numbers.set(target.wave, [...(numbers.get(target.wave) ?? []), target]);
  return [...numbers.entries()]
    .sort(([a], [b]) => a - b)
    .map(([number, targets], index) => {
      const sorted = [...targets].sort(compareTargets);
      // The canary is wave 1 when the plan was made with one; without, wave 1 is an ordinary wave.
      const kind = index === 0 && plan.waves.canary > 0 ? ("canary" as const) : ("wave" as const);
      return { number, kind, domains: [...new Set(sorted.map((target) => target.domain))], targets: sorted };
    });
}

/** The refusal for an expired plan, or null while it holds. */
export function planExpiredProblem(plan: CampaignPlan, id: string, now: Date): { problem: Msg; hint: Msg } | null {
  return isExpired(plan, now) ? { problem: msg("campaign.plan.expired", { id, expiresAt: plan.expiresAt }), hint: msg("campaign.plan.expired.hint") } : null;
}

/** A left-out target in one line: the gates that failed, or the campaign's own reason when no gate did. */
function leftOutLine(target: LeftOutPlanTarget): Msg {
  const { domain, region } = target;
  const gates = [...new Set(target.reasons.filter((reason) => reason.gate !== "campaign").map((reason) => reason.gate))];
  if (gates.length > 0) return msg("campaign.summary.leftOutTarget", { domain, region, gates: gates.join(", ") });
  const others = target.reasons.filter((reason) => reason.code === "campaign.target.otherRegionLeftOut").map((reason) => String(reason.params?.["region"]));
  return others.length > 0
    ? msg("campaign.summary.leftOutWithRegion", { domain, region, other: others.join(", ") })
    : msg("campaign.summary.leftOutNotRead", { domain, region });
}

export interface PlanSummary {
  readonly idPrefix: string;
  readonly ready: number;
  readonly leftOut: number;
  readonly identities: number;
  readonly regions: readonly string[];
  readonly lines: readonly Msg[];
}

/**
 * The plan as a second person reads it before approving: what, how much and where, who planned it
 * and until when it holds, what was left out and why (by gate), the waves, the DNS work still to do.
 */
export function planSummaryForApproval(plan: CampaignPlan, id: string): PlanSummary {
  const ready = readyTargets(plan);
  const leftOut = leftOutTargets(plan);
  const regions = [...new Set(plan.targets.map((target) => target.region))].sort();
  const identities = new Set(ready.map((target) => target.domain)).size;
  const idPrefix = id.slice(0, PLAN_ID_PREFIX_LENGTH);
  const records = plan.dnsRecords.reduce((sum, zone) => sum + zone.records.length, 0);
  const lines: Msg[] = [
    msg("campaign.summary.head", {
      idPrefix,
      command: plan.command,
      ready: ready.length,
      targets: plan.targets.length,
      identities,
      regions: regions.join(", ") || "-",
    }),
    msg("campaign.summary.plannedBy", { arn: plan.plannedBy, createdAt: plan.createdAt, expiresAt: plan.expiresAt }),
    ...(plan.changeWindow === undefined ? [] : [msg("campaign.summary.changeWindow", { window: canonicalJson(plan.changeWindow) })]),
    ...(ready.length === 0 ? [msg("campaign.summary.nothingReady")] : wavesSummary(wavesOfPlan(plan), plan.waves)),
    ...(leftOut.length === 0 ? [] : [msg("campaign.summary.leftOut", { count: leftOut.length }), ...leftOut.map(leftOutLine)]),
    ...(records === 0 ? [] : [msg("campaign.summary.dnsRecords", { records, zones: plan.dnsRecords.length })]),
  ];
  return { idPrefix, ready: ready.length, leftOut: leftOut.length, identities, regions, lines };
}
