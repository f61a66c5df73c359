import { type PlanCandidate, buildPlan, gateReason } from "../campaign/buildPlan.js";
import type { JsonValue } from "../campaign/canonicalJson.js";
import {
  type CampaignPlan,
  PLAN_CALL_NAMES,
  type PlanCall,
  type PlanCallName,
  type PlanCommand,
  type PlanDnsRecord,
  type PlanGateReason,
} from "../campaign/planDocument.js";
import { type PlanSummary, planSummaryForApproval } from "../campaign/planSummary.js";
import type { ChangeCalendar } from "../config/changeWindow.js";
import { APPROVALS_DEFAULTS, PLANS_DEFAULTS } from "../config/approvalsConfig.js";
import { WAVES_DEFAULTS } from "../config/wavesConfig.js";
import { ByodkimError, byodkimError } from "../errors.js";
import { checkIdentity } from "../gates/identityGate.js";
import { fetchFact } from "../gates/fetched.js";
import type { GateResult } from "../gates/types.js";
import { type Msg, msg } from "../messages/msg.js";
import { settingsOf } from "../engine/change/dkimSettings.js";
import type { ChangeResult } from "../engine/change/changeTypes.js";
import { type StoredPlan, checkPlanOut, storePlan, writePlanFile } from "../engine/campaignStore.js";
import type { CommandContext } from "../engine/context.js";
import { accountIdOf } from "../config/config.js";
import { silentEvents } from "../engine/events.js";
import { type FleetTarget, fleetTargets, identityContext, limited, sharedStateSecrets, listEveryAccount } from "../engine/fleet.js";

export interface PlanInput {
  readonly command: PlanCommand;
  readonly domains: readonly string[];
  /** Every domain identity SES lists in the regions. */
  readonly all: boolean;
  /** Only identities whose key is due for rotation by status's rule (overdue, or due within rotation.warnDays). */
  readonly due: boolean;
  readonly regions: readonly string[] | undefined;
  /** `--out`: the sealed plan also written here, as approve and apply take it. */
  readonly outFile: string | undefined;
}

/** A single command's dry run for one identity in one region: handed in by the composition root (a command never imports another). */
export type DryRun = (ctx: CommandContext, domain: string) => Promise<ChangeResult>;

export interface PlanCommands {
  readonly dryRun: Readonly<Record<PlanCommand, DryRun>>;
  /** The identities × regions whose key is due, by status's rule. */
  readonly due: (
    ctx: CommandContext,
    targets: readonly FleetTarget[] | undefined,
    regions: readonly string[],
  ) => Promise<readonly { domain: string; region: string }[]>;
}

export type PlanResult =
  | {
      readonly command: "plan";
      readonly ok: boolean;
      readonly outcome: "planned" | "nothingReady";
      readonly id: string;
      readonly plan: CampaignPlan;
      readonly stored: StoredPlan;
      /** The local copy --out wrote, its full path. */
      readonly file: string | null;
      readonly summary: PlanSummary;
      readonly identity: GateResult;
      /** Approve it (approvals required) or apply it. */
      readonly next: Msg;
    }
  | {
      readonly command: "plan";
      readonly ok: false;
      readonly outcome: "identityFailed" | "noTargets";
      readonly identity: GateResult;
      readonly problem: Msg | null;
    };

/** Each identity × region planned at once, at most this many; SES's reads are paced per account and region underneath. */
const TARGETS_AT_ONCE = 8;

/**
 * `plan`: read-only. Chooses the targets, runs each one's own command as a dry run now (the same
 * gates, the same plan), and stores one sealed campaign plan in the keys bucket.
 */
export async function plan(ctx: CommandContext, input: PlanInput, commands: PlanCommands): Promise<PlanResult> {
  const requestedRegions = input.regions ?? [ctx.region];
  const named = input.all ? undefined : fleetTargets(ctx.config, ctx.region, input);
  // A bad --out is an input error found before anything is asked of AWS.
  if (input.outFile !== undefined) checkPlanOut(input.outFile);
  // A campaign is the operator's, in the operations account, even when tick runs it for a member account's identity.
  const caller = await fetchFact(() => (ctx.operations ?? ctx.aws).sts.getCallerIdentity());
  const identity = checkIdentity({ caller, expectedAccountId: ctx.config.accountId, region: ctx.region });
  if (identity.status === "fail" || !caller.ok) return { command: "plan", ok: false, outcome: "identityFailed", identity, problem: null };

  const pairs = await choosePairs(ctx, input, named, requestedRegions, commands);
  if (pairs.length === 0) return { command: "plan", ok: false, outcome: "noTargets", identity, problem: msg(input.due ? "plan.noneDue" : "plan.noTargets") };

  // Two identities recording into one state secret in one region would overwrite each other's selector and snapshot.
  const shared = sharedStateSecrets(
    pairs.map(({ target, region }) => ({ domain: target.domain, regions: [region], state: target.state })),
    ctx.config,
  );
  const sharing = (domain: string, region: string): PlanGateReason[] =>
    shared
      .filter((entry) => entry.region === region && entry.domains.includes(domain))
      .map((entry) => ({
        gate: "campaign",
        status: "fail",
        code: "campaign.target.sharedState",
        params: { secretId: entry.secretId, others: entry.domains.filter((other) => other !== domain).join(", ") },
      }));
  let done = 0;
  const atOnce = limited(TARGETS_AT_ONCE);
  const found = await Promise.all(
    pairs.map(({ target, region }) =>
      atOnce(async () => {
        const outcome = await dryRunOf(ctx, commands.dryRun[input.command], target, region);
        ctx.events.emit({ type: "statusProgress", done: ++done, total: pairs.length });
        const found = candidateOf(outcome, target, region, target.account ?? caller.value.account);
        const reasons = [...(found.candidate.reasons ?? []), ...sharing(target.domain, region)];
        return { ...found, candidate: { ...found.candidate, reasons } };
      }),
    ),
  );
  const built = buildPlan({
    command: input.command,
    candidates: found.map((entry) => entry.candidate),
    dnsRecords: found.flatMap((entry) => entry.records),
    waves: ctx.config.waves ?? WAVES_DEFAULTS,
    plannedBy: caller.value.arn,
    now: ctx.clock.now(),
    ttlHours: (ctx.config.plans ?? PLANS_DEFAULTS).ttlHours,
    changeWindow: windowOf(ctx.config.changeCalendar),
  });
  if (!built.ok) throw new ByodkimError("input", built.problem, built.hint);
  const stored = await storePlan(ctx, built.plan);
  const file = input.outFile === undefined ? null : writePlanFile(input.outFile, stored.bytes);
  const required = (ctx.config.approvals ?? APPROVALS_DEFAULTS).required;
  return {
    command: "plan",
    ok: built.ready > 0,
    outcome: built.ready > 0 ? "planned" : "nothingReady",
    id: stored.id,
    plan: built.plan,
    stored,
    file,
    summary: planSummaryForApproval(built.plan, stored.id),
    identity,
    next: required > 0 ? msg("plan.next.approve", { id: stored.id, required }) : msg("plan.next.apply", { id: stored.id }),
  };
}

interface Pair {
  readonly target: FleetTarget;
  readonly region: string;
}

async function choosePairs(
  ctx: CommandContext,
  input: PlanInput,
  named: readonly FleetTarget[] | undefined,
  regions: readonly string[],
  commands: PlanCommands,
): Promise<Pair[]> {
  // A domain named, or one SES listed: what the config says of it (its prefix, keys and state), else the config's own.
  const inherit = (domain: string): FleetTarget =>
    named?.find((target) => target.domain === domain) ?? fleetTargets(ctx.config, ctx.region, { domains: [domain], regions: undefined })[0]!;
  if (input.due) {
    const due = await commands.due(ctx, named, regions);
    return due.map(({ domain, region }) => ({ target: inherit(domain), region }));
  }
  if (named) return named.flatMap((target) => target.regions.map((region) => ({ target, region })));
  // Every account's identities: the operations account's in the regions asked, each member account's also where the config lists them.
  const listings = await listEveryAccount(ctx, regions, input.regions !== undefined);
  return listings.flatMap((listing) => listing.domains.map((domain) => ({ target: { ...inherit(domain), account: listing.account }, region: listing.region })));
}

type DryRunOutcome = { readonly kind: "result"; readonly result: ChangeResult } | { readonly kind: "error"; readonly error: ByodkimError };

async function dryRunOf(ctx: CommandContext, run: DryRun, target: FleetTarget, region: string): Promise<DryRunOutcome> {
  // Listed by one account's SES but put in another by the config: the commands typed for it (and apply's) would reach the config's.
  const configured = accountIdOf(ctx.config, target.domain);
  const listedIn = target.account ?? ctx.config.accountId;
  if (listedIn !== configured) {
    return { kind: "error", error: byodkimError("usage", "account.listedElsewhere", { domain: target.domain, listed: listedIn, configured }) };
  }
  try {
    return { kind: "result", result: await run(identityContext(ctx, target, region, silentEvents), target.domain) };
  } catch (err) {
    // One identity that cannot be planned (a bad name, an AWS error) is left out with its reason; the others are planned.
    if (err instanceof ByodkimError) return { kind: "error", error: err };
    throw err;
  }
}

const isPlanCallName = (name: string): name is PlanCallName => (PLAN_CALL_NAMES as readonly string[]).includes(name);

const DNS_MISSING = new Set(["gate.dns.noMatch", "gate.dns.disagree"]);

/** What a dry run found, as the plan keeps it; and the key record still to publish when DNS was all that failed. */
function candidateOf(
  outcome: DryRunOutcome,
  target: FleetTarget,
  region: string,
  account: string,
): { candidate: PlanCandidate; records: (PlanDnsRecord & { zone: string })[] } {
  const base = { domain: target.domain, region, account, selector: null, publicKeyFingerprint: null, current: null, calls: [], restores: null };
  if (outcome.kind === "error") {
    return { candidate: { ...base, gates: [], reasons: [reasonOf(outcome.error.what)] }, records: [] };
  }
  const { result } = outcome;
  const records = result.gates.flatMap((gate) => {
    const data = gate.data;
    if (gate.id !== "dns" || !DNS_MISSING.has(gate.detail.key) || typeof data?.["expectedRecord"] !== "string" || typeof data["name"] !== "string") return [];
    return [{ zone: target.domain, name: String(data["name"]).replace(/\.$/, ""), type: "TXT" as const, ttl: 3600, value: data["expectedRecord"] }];
  });
  const changePlan = result.plan;
  if (result.outcome !== "dryRun" || changePlan === null) {
    // Up to date, or refused before any question (a live run's lock): not a change this campaign makes.
    const reasons = result.outcome === "gatesFailed" ? [] : [reasonOf(result.outcome === "upToDate" ? msg("plan.target.upToDate") : result.summary)];
    return { candidate: { ...base, selector: result.selector, gates: result.gates, reasons }, records };
  }
  const calls: PlanCall[] = changePlan.calls.flatMap((call) =>
    isPlanCallName(call.name) && (call.intent.kind === "signWithExternalKey" || call.intent.kind === "signWithEasyDkim" || call.intent.kind === "setSigning")
      ? [{ name: call.name, intent: call.intent, needed: call.needed } as PlanCall]
      : [],
  );
  const before = settingsOf(changePlan.current);
  const fingerprint = changePlan.details["toFingerprint"] ?? changePlan.details["publicKeyFingerprint"] ?? null;
  return {
    candidate: {
      domain: target.domain,
      region,
      account: changePlan.account || account,
      selector: changePlan.target.selector,
      publicKeyFingerprint: typeof fingerprint === "string" ? fingerprint : null,
      current: {
        origin: changePlan.current.origin,
        status: changePlan.current.status,
        signingEnabled: changePlan.current.signingEnabled,
        tokens: changePlan.current.tokens,
      },
      calls,
      restores: { origin: before.origin, selector: before.selector, signingEnabled: before.signingEnabled },
      gates: result.gates,
    },
    records,
  };
}

const reasonOf = (what: Msg): PlanGateReason => {
  const reason = gateReason({ id: "identity", status: "fail", detail: what });
  return { ...reason, gate: "campaign" };
};

/** The change window as the plan carries it for the approver: the window and the freezes, when configured. */
function windowOf(calendar: ChangeCalendar | undefined): Readonly<Record<string, JsonValue>> | undefined {
  if (!calendar || (calendar.window === undefined && calendar.freezes.length === 0)) return undefined;
  const { window, freezes } = calendar;
  return {
    ...(window ? { timeZone: window.timeZone, days: [...window.days], start: window.start, end: window.end } : {}),
    ...(freezes.length > 0
      ? { freezes: freezes.map((freeze) => ({ from: freeze.from, until: freeze.until, ...(freeze.reason ? { reason: freeze.reason } : {}) })) }
      : {}),
  };
}
