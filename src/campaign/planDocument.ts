import type { WavesConfig } from "../config/wavesConfig.js";
import type { GateId, GateStatus } from "../gates/types.js";
import type { JsonValue } from "./canonicalJson.js";

/**
 * A campaign's plan, as `plan` writes it, `approve` signs off and `apply` carries out. Every field
 * is public: the plan is stored in S3, attached to a ticket and shown to an approver. A key appears
 * only as the SHA-256 fingerprint of its public key and, in the DNS records, as the public key the
 * record publishes: nothing here has room for a private key (strings are checked on opening too).
 */
export const PLAN_VERSION = 1;

export type PlanCommand = "enable" | "rotate" | "rollback";
export const PLAN_COMMANDS: readonly PlanCommand[] = ["enable", "rotate", "rollback"];

/** SES's DKIM settings as the plan saw them for a target; `apply` skips a target whose SES no longer shows this. */
export interface PlanDkimSummary {
  readonly origin: string | null;
  readonly status: string | null;
  readonly signingEnabled: boolean;
  /** For BYODKIM `[selector]`; for Easy DKIM SES's CNAME tokens. */
  readonly tokens: readonly string[];
}

/** One SES call and what it asks for; the key it sends is fetched by `apply`, never written here. */
export type PlanCallIntent =
  | { readonly kind: "signWithExternalKey"; readonly selector: string }
  | { readonly kind: "signWithEasyDkim" }
  | { readonly kind: "setSigning"; readonly enabled: boolean };

export type PlanCallName = "PutEmailIdentityDkimSigningAttributes" | "PutEmailIdentityDkimAttributes";
export const PLAN_CALL_NAMES: readonly PlanCallName[] = ["PutEmailIdentityDkimSigningAttributes", "PutEmailIdentityDkimAttributes"];

export interface PlanCall {
  readonly name: PlanCallName;
  readonly intent: PlanCallIntent;
  /** False when SES already has what the call sets: listed, and not made. */
  readonly needed: boolean;
}

/** Where `rollback --to previous` returns a target after the change: its settings as the plan saw them. */
export interface PlanRestore {
  readonly origin: "EXTERNAL" | "AWS_SES" | null;
  readonly selector: string | null;
  readonly signingEnabled: boolean;
}

/** A failing (or warning) gate's verdict as a code: the gate and its message key, with the key's params. */
export interface PlanGateReason {
  readonly gate: GateId | "campaign";
  readonly status: GateStatus;
  readonly code: string;
  readonly params?: Readonly<Record<string, string | number | boolean>>;
}

export interface PlanTargetBase {
  readonly domain: string;
  readonly region: string;
  readonly account: string;
  /** The selector the target moves to; null when it moves to Easy DKIM or to no DKIM (rollback). */
  readonly selector: string | null;
  /** "SHA256:…" of the public key that selector publishes (as `ssh-keygen -l` writes it); null without one. */
  readonly publicKeyFingerprint: string | null;
  /** null when SES could not be read (then the target is left out). */
  readonly current: PlanDkimSummary | null;
}

export interface ReadyPlanTarget extends PlanTargetBase {
  readonly state: "ready";
  readonly calls: readonly PlanCall[];
  readonly restores: PlanRestore;
  /** The wave it moves in, 1 first (the canary when there is one). */
  readonly wave: number;
  /** Warnings its gates gave; they did not stop it. */
  readonly warnings: readonly PlanGateReason[];
}

export interface LeftOutPlanTarget extends PlanTargetBase {
  readonly state: "leftOut";
  readonly reasons: readonly PlanGateReason[];
}

export type PlanTarget = ReadyPlanTarget | LeftOutPlanTarget;

/** A DKIM key record to publish before `apply`: the public key (or a revocation), never a private one. */
export interface PlanDnsRecord {
  /** Without the trailing dot: `m01-pro-20261201-1._domainkey.m01.goo.ne.jp`. */
  readonly name: string;
  readonly type: "TXT";
  readonly ttl: number;
  /** The unsplit value, `v=DKIM1; k=rsa; p=…`. */
  readonly value: string;
}

export interface PlanDnsZone {
  readonly zone: string;
  readonly records: readonly PlanDnsRecord[];
}

export interface CampaignPlan {
  readonly version: typeof PLAN_VERSION;
  readonly command: PlanCommand;
  /** Ready targets by wave, domain, region; then the ones left out by domain, region. */
  readonly targets: readonly PlanTarget[];
  /** Records still missing from DNS, per zone (zones and records sorted). */
  readonly dnsRecords: readonly PlanDnsZone[];
  /** The waves as configured when planned: the approver approves these. */
  readonly waves: WavesConfig;
  /** The STS caller ARN of whoever planned it. */
  readonly plannedBy: string;
  /** UTC ISO. */
  readonly createdAt: string;
  /** UTC ISO: `createdAt` + `plans.ttlHours`. */
  readonly expiresAt: string;
  /** The change window the plan must run in, as the window's own slice describes it; absent when none is configured. */
  readonly changeWindow?: Readonly<Record<string, JsonValue>> | undefined;
}

/** `createdAt` + ttlHours (decimal hours allowed), as the plan stores it. */
export const planExpiry = (createdAt: Date, ttlHours: number): string => new Date(createdAt.getTime() + ttlHours * 3_600_000).toISOString();

/** Expired from `expiresAt` on: an approval or apply at that very millisecond is already too late. */
export const isExpired = (plan: Pick<CampaignPlan, "expiresAt">, now: Date): boolean => now.getTime() >= Date.parse(plan.expiresAt);

export const readyTargets = (plan: Pick<CampaignPlan, "targets">): ReadyPlanTarget[] =>
  plan.targets.filter((target): target is ReadyPlanTarget => target.state === "ready");

export const leftOutTargets = (plan: Pick<CampaignPlan, "targets">): LeftOutPlanTarget[] =>
  plan.targets.filter((target): target is LeftOutPlanTarget => target.state === "leftOut");
