import { hasControlCharacter } from "../config/names.js";
import type { WavesConfig } from "../config/wavesConfig.js";
import type { GateResult } from "../gates/types.js";
import { type Msg, msg } from "../messages/msg.js";
import type { JsonValue } from "./canonicalJson.js";
import {
  type CampaignPlan,
  type LeftOutPlanTarget,
  PLAN_VERSION,
  type PlanCall,
  type PlanCommand,
  type PlanTargetBase,
  type PlanDnsRecord,
  type PlanDnsZone,
  type PlanGateReason,
  type PlanRestore,
  type ReadyPlanTarget,
  planExpiry,
} from "./planDocument.js";
import { assignWaves, compareTargets } from "./waves.js";

/** One identity in one region as `plan` found it now: its gates' verdicts and, when they pass, its change. */
export interface PlanCandidate extends PlanTargetBase {
  readonly calls: readonly PlanCall[];
  /** null when there is nothing to restore to (SES could not be read). */
  readonly restores: PlanRestore | null;
  readonly gates: readonly GateResult[];
  /** Why it cannot go that no gate says (already up to date, a refusal before any gate ran). */
  readonly reasons?: readonly PlanGateReason[];
}

export interface PlanInput {
  readonly command: PlanCommand;
  readonly candidates: readonly PlanCandidate[];
  /** Records still missing from DNS, with the zone each belongs to (both regions of an identity may give the same one). */
  readonly dnsRecords: readonly (PlanDnsRecord & { readonly zone: string })[];
  readonly waves: WavesConfig;
  readonly plannedBy: string;
  readonly now: Date;
  readonly ttlHours: number;
  readonly changeWindow?: Readonly<Record<string, JsonValue>> | undefined;
}

export type BuiltPlan =
  | { readonly ok: true; readonly plan: CampaignPlan; readonly ready: number; readonly leftOut: number }
  | { readonly ok: false; readonly problem: Msg; readonly hint: Msg };

const MAX_PARAM_TEXT = 500;

/** A gate's verdict as the plan keeps it: the message key is the reason's code; long or multi-line params cut to one short line. */
export function gateReason(gate: GateResult): PlanGateReason {
  const params = Object.fromEntries(
    Object.entries(gate.detail.params ?? {}).map(([name, value]) => {
      if (typeof value !== "string") return [name, value];
      const line = [...value].map((char) => (hasControlCharacter(char) ? " " : char)).join("");
      return [name, line.length > MAX_PARAM_TEXT ? `${line.slice(0, MAX_PARAM_TEXT - 1)}…` : line];
    }),
  );
  return { gate: gate.id, status: gate.status, code: gate.detail.key, ...(Object.keys(params).length > 0 ? { params } : {}) };
}

/**
 * The plan from what `plan` found: targets whose gates pass go in waves, the rest are listed with
 * their gates' reasons. For enable and rotate an identity moves in all its regions or in none (a
 * region left out takes its partners with it); a rollback, the incident path, takes each region
 * that can go.
 */
export function buildPlan(input: PlanInput): BuiltPlan {
  const whole = input.command !== "rollback";
  const failing = (candidate: PlanCandidate): PlanGateReason[] => {
    const reasons = [...candidate.gates.filter((gate) => gate.status === "fail").map(gateReason), ...(candidate.reasons ?? [])];
    if (reasons.length === 0 && (candidate.current === null || candidate.restores === null)) {
      return [{ gate: "campaign", status: "fail", code: "campaign.target.notRead" }];
    }
    return reasons;
  };
  const ownReasons = new Map(input.candidates.map((candidate) => [candidate, failing(candidate)]));
  // An identity is a domain in one account: another account's identity of the same name is not its partner.
  const identityOf = (candidate: PlanCandidate) => `${candidate.account} ${candidate.domain}`;
  const leftOutRegions = new Map<string, string[]>();
  for (const [candidate, reasons] of ownReasons) {
    if (reasons.length > 0) leftOutRegions.set(identityOf(candidate), [...(leftOutRegions.get(identityOf(candidate)) ?? []), candidate.region]);
  }
  const reasonsOf = (candidate: PlanCandidate): PlanGateReason[] => {
    const own = ownReasons.get(candidate) ?? [];
    if (own.length > 0 || !whole) return own;
    const others = (leftOutRegions.get(identityOf(candidate)) ?? []).filter((region) => region !== candidate.region).sort();
    return others.map((region) => ({ gate: "campaign", status: "fail", code: "campaign.target.otherRegionLeftOut", params: { region } }));
  };
  const base = (candidate: PlanCandidate) => ({
    domain: candidate.domain,
    region: candidate.region,
    account: candidate.account,
    selector: candidate.selector,
    publicKeyFingerprint: candidate.publicKeyFingerprint,
    current: candidate.current,
  });
  const ready = input.candidates.filter((candidate) => reasonsOf(candidate).length === 0);
  const leftOut: LeftOutPlanTarget[] = input.candidates
    .filter((candidate) => reasonsOf(candidate).length > 0)
    .sort(compareTargets)
    .map((candidate) => ({ ...base(candidate), state: "leftOut", reasons: reasonsOf(candidate) }));

  const assigned = assignWaves(ready, input.waves, { sameSelector: whole });
  if (!assigned.ok) return { ok: false, problem: assigned.problem, hint: assigned.hint };
  const inWaves: ReadyPlanTarget[] = assigned.waves.flatMap((wave) =>
    wave.targets.map((candidate) => ({
      ...base(candidate),
      state: "ready" as const,
      calls: candidate.calls,
      // Checked by failing(): a ready candidate has something to restore to.
      restores: candidate.restores as PlanRestore,
      wave: wave.number,
      warnings: candidate.gates.filter((gate) => gate.status === "warn").map(gateReason),
    })),
  );
  const zones = dnsZones(input.dnsRecords);
  if (!zones.ok) return zones;
  return {
    ok: true,
    ready: inWaves.length,
    leftOut: leftOut.length,
    plan: {
      version: PLAN_VERSION,
      command: input.command,
      targets: [...inWaves, ...leftOut],
      dnsRecords: zones.zones,
      waves: { canary: input.waves.canary, size: input.waves.size, maxErrors: input.waves.maxErrors },
      plannedBy: input.plannedBy,
      createdAt: input.now.toISOString(),
      expiresAt: planExpiry(input.now, input.ttlHours),
      ...(input.changeWindow === undefined ? {} : { changeWindow: input.changeWindow }),
    },
  };
}

/** The records per zone, each once (an identity's two regions publish one record), zones and names sorted. */
function dnsZones(records: PlanInput["dnsRecords"]): { ok: true; zones: PlanDnsZone[] } | { ok: false; problem: Msg; hint: Msg } {
  const byName = new Map<string, PlanDnsRecord & { zone: string }>();
  for (const record of records) {
    const seen = byName.get(record.name);
    if (seen !== undefined && seen.value !== record.value) {
      return { ok: false, problem: msg("campaign.plan.dnsConflict", { name: record.name }), hint: msg("campaign.plan.dnsConflict.hint") };
    }
    byName.set(record.name, record);
  }
  const zones = new Map<string, PlanDnsRecord[]>();
  for (const { zone, name, type, ttl, value } of byName.values()) zones.set(zone, [...(zones.get(zone) ?? []), { name, type, ttl, value }]);
  const byText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
  return {
    ok: true,
    zones: [...zones.entries()]
      .sort(([a], [b]) => byText(a, b))
      .map(([zone, zoneRecords]) => ({ zone, records: zoneRecords.sort((a, b) => byText(a.name, b.name)) })),
  };
}
