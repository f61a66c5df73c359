import {
  type BakeBreak,
  bakeAlarms,
  bakeBreak,
  earlierProgress,
  halfMoved,
  type SesDkimNow,
  type TargetEnd,
  targetKey,
  targetStanding,
} from "../campaign/applyRules.js";
import { type CampaignPlan, type PlanCommand, type ReadyPlanTarget, readyTargets } from "../campaign/planDocument.js";
import { PLAN_ID_PREFIX_LENGTH, planSummaryForApproval, wavesOfPlan } from "../campaign/planSummary.js";
import type { Wave } from "../campaign/waves.js";
import { APPROVALS_DEFAULTS } from "../config/approvalsConfig.js";
import { BAKE_DEFAULTS } from "../config/bakeConfig.js";
import { ByodkimError, ExitCode, type StopSignal } from "../errors.js";
import { checkApprovalsForApply } from "../gates/approvalGates.js";
import { checkChangeWindow } from "../gates/changeWindowGate.js";
import { fetchFact } from "../gates/fetched.js";
import { checkIdentity } from "../gates/identityGate.js";
import type { GateResult } from "../gates/types.js";
import { type Msg, msg, msgFromBag } from "../messages/msg.js";
import type { JournalWriter } from "../state/journal.js";
import type { CallRecord, ChangeOutcome, ChangeResult } from "../engine/change/changeTypes.js";
import { type ApprovalRecord, loadPlan, readApprovals, storedPlanFacts, typedPlanPrefix } from "../engine/campaignStore.js";
import type { CommandContext } from "../engine/context.js";
import { silentEvents } from "../engine/events.js";
import { fleetTargets, identityContext, limited, accountIdIn, portsForDomain } from "../engine/fleet.js";
import { sharedInterrupt } from "../engine/sharedInterrupt.js";
import { createNotifier } from "../notify/notifier.js";
import { lockLocation } from "../state/lock.js";

export interface ApplyInput {
  /** The plan file, or the plan's id (whole or its first 8+ hex digits). */
  readonly plan: string;
  readonly yes: boolean;
}

/** One target's change, confirmed already (the campaign was), run under the plan through its own command. */
export type TargetChange = (ctx: CommandContext, target: ReadyPlanTarget) => Promise<ChangeResult>;

/** The single commands apply runs, handed in by the composition root (a command never imports another). */
export interface ApplyCommands {
  readonly change: Readonly<Record<PlanCommand, TargetChange>>;
  /** `rollback --to previous` for one target: a bake that broke, an identity left moved in one region only. */
  readonly rollback: (ctx: CommandContext, target: ReadyPlanTarget, reason: string) => Promise<ChangeResult>;
}

export interface TargetOutcome {
  readonly domain: string;
  readonly region: string;
  readonly wave: number;
  readonly selector: string | null;
  readonly end: TargetEnd;
  /** The single command's outcome; null when it did not run (skipped, not started, done earlier). */
  readonly outcome: ChangeOutcome | null;
  readonly summary: Msg | null;
  readonly calls: readonly CallRecord[];
  readonly journalPath: string | null;
  /** Returned to where it was by the campaign (the bake broke, or the identity's other region failed). */
  readonly rolledBack: { readonly why: "bake" | "otherRegion"; readonly outcome: ChangeOutcome | "error"; readonly calls: readonly CallRecord[] } | null;
}

export interface WaveOutcome {
  readonly number: number;
  readonly kind: Wave<ReadyPlanTarget>["kind"];
  readonly targets: readonly TargetOutcome[];
  readonly bake: { readonly minutes: number; readonly alarms: readonly string[]; readonly broke: BakeBreak | null } | null;
}

export type ApplyOutcome = "completed" | "refused" | "declined" | "windowClosed" | "failed" | "rolledBack" | "interrupted" | "identityFailed";

export interface ApplyResult {
  readonly command: "apply";
  readonly ok: boolean;
  readonly outcome: ApplyOutcome;
  readonly exitCode: number;
  readonly id: string;
  readonly plan: CampaignPlan;
  readonly gates: readonly GateResult[];
  readonly waves: readonly WaveOutcome[];
  readonly journalPath: string | null;
  readonly summary: Msg;
  readonly next: Msg | null;
}

const EXIT: Record<ApplyOutcome, number> = {
  completed: ExitCode.ok,
  refused: ExitCode.checkFailed,
  identityFailed: ExitCode.checkFailed,
  windowClosed: ExitCode.checkFailed,
  declined: ExitCode.declined,
  failed: ExitCode.awsFailureDuringChange,
  // The contract: a bake that broke and was rolled back ends with 5, as an unconfirmed change does.
  rolledBack: ExitCode.unconfirmed,
  interrupted: ExitCode.interrupted,
};

const END_MARK: Record<TargetEnd, "done" | "failed" | "warning" | "notDone"> = {
  completed: "done",
  upToDate: "done",
  doneEarlier: "done",
  superseded: "warning",
  failed: "failed",
  notStarted: "notDone",
};

/** Identities moved at once within a wave; SES's pace per account and region holds the calls underneath. */
const IDENTITIES_AT_ONCE = 32;
/** How often a bake looks at its alarms; the wave's targets are read at the bake's end (SES reads are paced). */
const BAKE_LOOK_MS = 30_000;
const COUNTDOWN_STEP_MS = 1000;

/** The campaign's journal is named after its plan, as a run's is after its domain. */
export const campaignName = (id: string) => `campaign-${id.slice(0, PLAN_ID_PREFIX_LENGTH)}`;

/**
 * `apply`: the approved plan's waves in order, each target through its own command's guarded
 * change, a bake after each wave, an automatic rollback of a wave whose bake breaks, and a journal
 * that lets a second run of the same plan go on where the first stopped.
 */
export async function apply(ctx: CommandContext, input: ApplyInput, commands: ApplyCommands): Promise<ApplyResult> {
  const loaded = await loadPlan(ctx, input.plan);
  const { id, plan } = loaded;
  const base = { command: "apply" as const, id, plan, waves: [] as WaveOutcome[], journalPath: null as string | null, next: null as Msg | null };
  const end = (outcome: ApplyOutcome, gates: readonly GateResult[], summary: Msg, extra: Partial<ApplyResult> = {}): ApplyResult => ({
    ...base,
    ok: outcome === "completed",
    outcome,
    exitCode: EXIT[outcome],
    gates,
    summary,
    ...extra,
  });

  // A campaign is the operator's, in the operations account, even when tick runs it for a member account's identity.
  const caller = await fetchFact(() => (ctx.operations ?? ctx.aws).sts.getCallerIdentity());
  const identity = checkIdentity({ caller, expectedAccountId: ctx.config.accountId, region: ctx.region });
  if (identity.status === "fail" || !caller.ok) return end("identityFailed", [identity], msg("apply.summary.refused"));

  const earlier = earlierProgress(earlierEntries(ctx, id));
  let approvalsRead: readonly ApprovalRecord[] = [];
  const check = async (): Promise<GateResult[]> => {
    const { approvals } = await readApprovals(ctx, id);
    approvalsRead = approvals;
    const approval = checkApprovalsForApply({
      plan: storedPlanFacts(id, plan),
      approvals,
      now: ctx.clock.now(),
      config: ctx.config.approvals ?? APPROVALS_DEFAULTS,
    });
    return [identity, approval, windowGate(ctx)];
  };
  const first = await check();
  ctx.events.emit({ type: "checklist", gates: first });
  if (earlier.halted) {
    return end("refused", first, msg("apply.summary.halted", { wave: earlier.halted.wave, at: earlier.halted.at }), {
      next: msg("apply.next.planAgain", { command: plan.command }),
    });
  }
  if (first.some((gate) => gate.status === "fail")) return end(refusal(first), first, msg("apply.summary.refused"));

  for (const line of planSummaryForApproval(plan, id).lines) ctx.events.emit({ type: "step", message: line });
  if (earlier.done.size > 0) ctx.events.emit({ type: "step", message: msg("apply.resuming", { done: earlier.done.size }) });
  if (!input.yes && !(await typedPlanPrefix(ctx, (prefix) => msg("apply.confirm", { prefix }), id))) {
    return end("declined", first, msg("apply.summary.declined", { prefix: id.slice(0, PLAN_ID_PREFIX_LENGTH) }));
  }
  // The operator may have sat at the prompt: approvals, expiry and the window are judged again before the first call.
  const second = await check();
  if (second.some((gate) => gate.status === "fail")) return end(refusal(second), second, msg("apply.summary.refused"));

  const journal = ctx.journal.open("apply", campaignName(id), ctx.newRunId());
  journal.append("campaign-started", {
    domain: campaignName(id),
    runId: journal.runId,
    command: "apply",
    planId: id,
    change: plan.command,
    by: caller.value.arn,
    changeId: ctx.changeId ?? null,
    plan: {
      url: loaded.url,
      plannedBy: plan.plannedBy,
      createdAt: plan.createdAt,
      expiresAt: plan.expiresAt,
      waves: plan.waves,
      targets: readyTargets(plan).length,
    },
    // The approvals that counted, as the ticket shows them: who, when, and what they noted.
    approvals: approvalsRead
      .filter((approval) => ((second[1]?.data?.["approvedBy"] as string[] | undefined) ?? []).includes(approval.by))
      .map(({ by, at, comment }) => ({ by, at, comment })),
    gates: second.map((gate) => ({ id: gate.id, status: gate.status, detail: gate.detail })),
    resumedAfter: [...earlier.done].sort(),
  });
  const campaign = new Campaign(ctx, commands, plan, id, journal, earlier.done);
  const stop = campaign.listenForStop();
  try {
    const ended = await campaign.run();
    journal.append("campaign-ended", { outcome: ended.outcome, exitCode: EXIT[ended.outcome] });
    await campaignNotice(ctx, journal, { id, plan, by: caller.value.arn, account: caller.value.account, ended });
    return end(ended.outcome, second, ended.summary, { waves: campaign.waves, journalPath: journal.path, next: ended.next });
  } finally {
    stop();
  }
}

/** Refused by the window alone (go on in the next one), or by the plan or its approvals. */
const refusal = (gates: readonly GateResult[]): ApplyOutcome =>
  gates.every((gate) => gate.status !== "fail" || gate.id === "window") ? "windowClosed" : "refused";

function windowGate(ctx: CommandContext): GateResult {
  const calendar = ctx.config.changeCalendar;
  return checkChangeWindow(ctx.clock.now(), calendar?.window, calendar?.freezes ?? []);
}

/** Every entry of every earlier run of this plan, oldest run first. */
function earlierEntries(ctx: CommandContext, id: string) {
  const { paths } = ctx.journal.list(campaignName(id));
  return [...paths].reverse().flatMap((path) => ctx.journal.read(path).entries);
}

interface Ended {
  readonly outcome: ApplyOutcome;
  readonly summary: Msg;
  readonly next: Msg | null;
}

/** One run of a plan's waves: what each target did, the stop signal heard between changes, the journal. */
class Campaign {
  readonly waves: WaveOutcome[] = [];
  private errors = 0;
  private stopSignal: StopSignal | undefined;
  private readonly guards;

  constructor(
    private readonly ctx: CommandContext,
    private readonly commands: ApplyCommands,
    private readonly plan: CampaignPlan,
    private readonly id: string,
    private readonly journal: JournalWriter,
    private readonly doneEarlier: ReadonlySet<string>,
  ) {
    this.guards = sharedInterrupt(ctx.interrupt);
  }

  listenForStop(): () => void {
    this.ctx.interrupt.onStopBetweenChanges?.((signal) => {
      this.stopSignal = signal;
    });
    return () => this.ctx.interrupt.onStopBetweenChanges?.(undefined);
  }

  private stopped(): boolean {
    return this.stopSignal !== undefined || this.ctx.interrupt.requested();
  }

  async run(): Promise<Ended> {
    const waves = wavesOfPlan(this.plan);
    const maxErrors = this.plan.waves.maxErrors;
    const again = msg("apply.next.resume", { id: this.id });
    for (const wave of waves) {
      if (this.stopped()) return { outcome: "interrupted", summary: msg("apply.summary.interrupted", { wave: wave.number }), next: again };
      const window = windowGate(this.ctx);
      if (window.status === "fail") {
        this.journal.append("campaign-paused", { wave: wave.number, why: "window", detail: window.detail.key });
        return { outcome: "windowClosed", summary: msg("apply.summary.windowClosed", { wave: wave.number, waves: waves.length }), next: again };
      }
      this.ctx.events.emit({
        type: "step",
        message: msg(wave.kind === "canary" ? "apply.wave.canary" : "apply.wave.start", {
          wave: wave.number,
          waves: waves.length,
          identities: wave.domains.length,
          targets: wave.targets.length,
        }),
      });
      this.journal.append("wave-started", { wave: wave.number, kind: wave.kind, targets: wave.targets.map(targetKey) });
      const outcomes = await this.runWave(wave, maxErrors);
      const returned = await this.returnHalfMoved(outcomes);
      const failed = returned.some((target) => target.end === "failed");
      const record: WaveOutcome = { number: wave.number, kind: wave.kind, targets: returned, bake: null };
      this.waves.push(record);
      if (this.stopped()) {
        this.journal.append("wave-ended", { wave: wave.number, outcome: "interrupted" });
        return { outcome: "interrupted", summary: msg("apply.summary.interrupted", { wave: wave.number }), next: again };
      }
      if (failed && this.errors > maxErrors) {
        this.journal.append("wave-ended", { wave: wave.number, outcome: "failed", errors: this.errors });
        return { outcome: "failed", summary: msg("apply.summary.failed", { wave: wave.number, errors: this.errors, maxErrors }), next: null };
      }
      const bake = await this.bake(wave, returned);
      this.waves[this.waves.length - 1] = { ...record, bake };
      if (bake.broke) {
        await this.rollBackWave(wave, returned, bake.broke);
        this.journal.append("campaign-halted", { wave: wave.number, why: breakText(bake.broke), break: bake.broke });
        return {
          outcome: "rolledBack",
          summary: msg("apply.summary.rolledBack", { wave: wave.number, why: breakText(bake.broke) }),
          next: msg("apply.next.planAgain", { command: this.plan.command }),
        };
      }
      this.journal.append("wave-ended", { wave: wave.number, outcome: "completed", errors: this.errors });
    }
    return { outcome: "completed", summary: msg("apply.summary.completed", { waves: waves.length, targets: this.countMoved() }), next: null };
  }

  private countMoved(): number {
    return this.waves.reduce((sum, wave) => sum + wave.targets.filter((target) => target.end === "completed").length, 0);
  }

  private async runWave(wave: Wave<ReadyPlanTarget>, maxErrors: number): Promise<TargetOutcome[]> {
    const atOnce = limited(IDENTITIES_AT_ONCE);
    // An identity's regions under one lock go one after another; every other identity starts in its
    // last region, so each region's SES pace is used from the wave's first second.
    const perIdentity = wave.domains.map((domain, index) => {
      const regions = wave.targets.filter((target) => target.domain === domain);
      return this.underOneLock(index % 2 === 0 ? regions : [...regions].reverse());
    });
    const results = await Promise.all(
      perIdentity.map((lanes) =>
        atOnce(async () => {
          const outcomes: TargetOutcome[] = [];
          await Promise.all(
            lanes.map(async (lane) => {
              for (const target of lane) {
                const blocked = this.stopped() || this.errors > maxErrors || outcomes.some((done) => done.end === "failed" || done.end === "superseded");
                outcomes.push(blocked ? this.notStarted(target) : await this.runTarget(target));
              }
            }),
          );
          return outcomes;
        }),
      ),
    );
    // In the plan's order, however the lanes finished.
    const order = new Map(wave.targets.map((target, index) => [targetKey(target), index]));
    return results.flat().sort((a, b) => (order.get(targetKey(a)) ?? 0) - (order.get(targetKey(b)) ?? 0));
  }

  /** An identity's targets in lanes, one a change lock: a lane runs in order, lanes side by side (locks.ts: one lock a region, but the config's own). */
  private underOneLock<T extends { readonly domain: string; readonly region: string }>(targets: readonly T[]): T[][] {
    const lanes = new Map<string, T[]>();
    for (const target of targets) {
      const at = lockLocation(this.ctx.config.keys, target.domain, target.region, this.ctx.config.region).key;
      lanes.set(at, [...(lanes.get(at) ?? []), target]);
    }
    return [...lanes.values()];
  }

  private notStarted(target: ReadyPlanTarget): TargetOutcome {
    return this.ended(target, "notStarted", null);
  }

  /** `line`: what the operator reads for it (default: by how it ended); `why`: the reason kept with it (default: the command's summary). */
  private ended(target: ReadyPlanTarget, end: TargetEnd, result: ChangeResult | null, line: Msg | null = null, why: Msg | null = null): TargetOutcome {
    const summary = why ?? result?.summary ?? line;
    const outcome: TargetOutcome = {
      domain: target.domain,
      region: target.region,
      wave: target.wave,
      selector: target.selector,
      end,
      outcome: result?.outcome ?? null,
      summary,
      calls: result?.calls ?? [],
      journalPath: result?.journalPath ?? null,
      rolledBack: null,
    };
    this.journal.append("target-ended", {
      domain: target.domain,
      region: target.region,
      wave: target.wave,
      end,
      outcome: outcome.outcome,
      calls: outcome.calls,
      journal: outcome.journalPath,
    });
    this.ctx.events.emit({ type: "marked", mark: END_MARK[end], message: line ?? targetLine(outcome) });
    return outcome;
  }

  /** The context a target's own command runs in: its identity and region, the plan it runs under, its own share of the stop signals. */
  private targetContext(target: ReadyPlanTarget): CommandContext {
    const [identity] = fleetTargets(this.ctx.config, this.ctx.region, { domains: [target.domain], regions: [target.region] });
    const inner = identityContext(this.ctx, identity!, target.region, silentEvents);
    return { ...inner, interrupt: this.guards.forTarget(), planId: this.id };
  }

  private async runTarget(target: ReadyPlanTarget): Promise<TargetOutcome> {
    const where = { domain: target.domain, region: target.region };
    if (this.doneEarlier.has(targetKey(target))) return this.ended(target, "doneEarlier", null, msg("apply.target.doneEarlier", where));
    const ctx = this.targetContext(target);
    // What was approved is a change in one account: a config that has since moved the domain elsewhere does not carry the approval with it.
    const reached = accountIdIn(ctx);
    if (reached !== target.account)
      return this.ended(target, "superseded", null, msg("apply.target.otherAccount", { ...where, reached, planned: target.account }));
    const now = await fetchFact(() => ctx.aws.ses.getEmailIdentity(target.domain));
    const standing = targetStanding(target, now.ok ? sesDkim(now.value) : null);
    // Skipped and named, not counted against maxErrors: nothing of it failed, someone else changed it.
    if (standing === "superseded") return this.ended(target, "superseded", null, msg(now.ok ? "apply.target.superseded" : "apply.target.unreadable", where));
    try {
      const result = await this.commands.change[this.plan.command](ctx, target);
      const end: TargetEnd = result.ok ? (result.outcome === "upToDate" ? "upToDate" : "completed") : "failed";
      if (end === "failed") this.errors += 1;
      return this.ended(target, end, result);
    } catch (err) {
      if (!(err instanceof ByodkimError)) throw err;
      this.errors += 1;
      return this.ended(target, "failed", null, null, err.what);
    }
  }

  /** An identity that moved in one region and failed in the other goes back where it was in the region that moved. */
  private async returnHalfMoved(outcomes: TargetOutcome[]): Promise<TargetOutcome[]> {
    const toReturn = halfMoved(outcomes);
    if (toReturn.length === 0) return outcomes;
    const returned = await this.rollBackEach(toReturn, "otherRegion");
    return outcomes.map((outcome) => returned.find((done) => done.domain === outcome.domain && done.region === outcome.region) ?? outcome);
  }

  /** Identities side by side, an identity's regions as their locks allow. */
  private async rollBackEach(outcomes: readonly TargetOutcome[], why: "bake" | "otherRegion"): Promise<TargetOutcome[]> {
    const domains = [...new Set(outcomes.map((outcome) => outcome.domain))];
    const lanes = domains.flatMap((domain) => this.underOneLock(outcomes.filter((candidate) => candidate.domain === domain)));
    const perLane = await Promise.all(
      lanes.map(async (lane) => {
        const done: TargetOutcome[] = [];
        for (const outcome of lane) done.push(await this.rollBack(outcome, why));
        return done;
      }),
    );
    return perLane.flat();
  }

  private async rollBack(outcome: TargetOutcome, why: "bake" | "otherRegion"): Promise<TargetOutcome> {
    const target = this.plan.targets.find(
      (planned): planned is ReadyPlanTarget => planned.state === "ready" && planned.domain === outcome.domain && planned.region === outcome.region,
    )!;
    const reason =
      why === "bake"
        ? `campaign ${this.id.slice(0, PLAN_ID_PREFIX_LENGTH)}: bake broke`
        : `campaign ${this.id.slice(0, PLAN_ID_PREFIX_LENGTH)}: other region failed`;
    let rolledBack: TargetOutcome["rolledBack"];
    let journal: string | null = null;
    try {
      const result = await this.commands.rollback(this.targetContext(target), target, reason);
      rolledBack = { why, outcome: result.outcome, calls: result.calls };
      journal = result.journalPath;
    } catch (err) {
      if (!(err instanceof ByodkimError)) throw err;
      rolledBack = { why, outcome: "error", calls: [] };
    }
    this.journal.append("target-rolled-back", {
      domain: outcome.domain,
      region: outcome.region,
      wave: outcome.wave,
      why,
      outcome: rolledBack.outcome,
      calls: rolledBack.calls,
      // The rollback's own run journal: its report and its notices.
      journal,
    });
    this.ctx.events.emit({
      type: "marked",
      mark: "warning",
      message: msg("apply.target.rolledBack", { domain: outcome.domain, region: outcome.region, outcome: rolledBack.outcome }),
    });
    return { ...outcome, rolledBack };
  }

  private async rollBackWave(wave: Wave<ReadyPlanTarget>, outcomes: TargetOutcome[], broke: BakeBreak): Promise<void> {
    this.ctx.events.emit({ type: "step", message: msg("apply.bake.broke", { wave: wave.number, why: breakText(broke) }) });
    const moved = outcomes.filter((outcome) => outcome.end === "completed" || outcome.end === "doneEarlier");
    const rolled = await this.rollBackEach(moved, "bake");
    const last = this.waves[this.waves.length - 1]!;
    this.waves[this.waves.length - 1] = {
      ...last,
      targets: last.targets.map((outcome) => rolled.find((done) => done.domain === outcome.domain && done.region === outcome.region) ?? outcome),
    };
  }

  /**
   * Watches the wave: the alarms every BAKE_LOOK_MS until the bake time is up, then each target's
   * DKIM status once. The first break ends the bake. A stop signal ends it too, as unbroken: the
   * campaign then stops before the next wave, and a second apply bakes nothing twice.
   */
  private async bake(wave: Wave<ReadyPlanTarget>, outcomes: readonly TargetOutcome[]): Promise<NonNullable<WaveOutcome["bake"]>> {
    const config = this.ctx.config.bake ?? BAKE_DEFAULTS;
    const watched = bakeAlarms(this.ctx.config.alarms, config.alarms);
    const names = watched.map((alarm) => alarm.name);
    const started = this.ctx.clock.now().getTime();
    const until = started + config.minutes * 60_000;
    this.journal.append("bake-started", { wave: wave.number, minutes: config.minutes, alarms: names });
    const moved = outcomes.filter((outcome) => outcome.end === "completed" || outcome.end === "upToDate" || outcome.end === "doneEarlier");
    const lookAtAlarms = async () => {
      if (names.length === 0) return null;
      const alarms = await fetchFact(() => this.ctx.aws.alarms.describeAlarms(names));
      if (!alarms.ok) {
        this.journal.append("bake-alarms-unread", { wave: wave.number });
        return null;
      }
      return bakeBreak(alarms.value, watched, []);
    };
    let broke: BakeBreak | null = await lookAtAlarms();
    let lookedAt = this.ctx.clock.now().getTime();
    // The countdown moves every second; CloudWatch is asked every BAKE_LOOK_MS, and at the end.
    while (!broke && !this.stopped() && this.ctx.clock.now().getTime() < until) {
      const now = this.ctx.clock.now().getTime();
      this.ctx.events.emit({
        type: "progress",
        message: msg("apply.bake.countdown", { wave: wave.number, left: clockText(until - now), alarms: names.length }),
      });
      await this.ctx.clock.sleep(Math.min(COUNTDOWN_STEP_MS, until - now));
      const after = this.ctx.clock.now().getTime();
      if (after - lookedAt >= BAKE_LOOK_MS || after >= until) {
        broke = await lookAtAlarms();
        lookedAt = after;
      }
    }
    this.ctx.events.emit({ type: "progress", message: null });
    if (!broke && config.minutes > 0 && !this.stopped()) {
      const reads = await Promise.all(
        moved.map(async (outcome) => {
          const now = await fetchFact(() => portsForDomain(this.ctx)(outcome.domain, outcome.region).ses.getEmailIdentity(outcome.domain));
          return { domain: outcome.domain, region: outcome.region, expected: outcome.selector, now: now.ok ? sesDkim(now.value) : null };
        }),
      );
      broke = bakeBreak([], [], reads);
    }
    this.journal.append("bake-ended", { wave: wave.number, broke });
    return { minutes: config.minutes, alarms: names, broke };
  }
}

function sesDkim(identity: Awaited<ReturnType<CommandContext["aws"]["ses"]["getEmailIdentity"]>>): SesDkimNow | null {
  if (identity === null) return null;
  return {
    origin: identity.dkim?.origin ?? null,
    status: identity.dkim?.status ?? null,
    signingEnabled: identity.dkim?.signingEnabled ?? false,
    tokens: identity.dkim?.tokens ?? [],
  };
}

export function breakText(broke: BakeBreak): string {
  return broke.kind === "alarm" ? `alarm ${broke.name} ${broke.state}` : `${broke.domain} ${broke.region} DKIM ${broke.status ?? "-"} ${broke.selector ?? "-"}`;
}

function targetLine(outcome: TargetOutcome): Msg {
  const params = {
    domain: outcome.domain,
    region: outcome.region,
    selector: outcome.selector ?? "-",
    calls: outcome.calls.filter((call) => call.outcome === "ok").length,
  };
  return msgFromBag(`apply.target.${outcome.end}`, params);
}

/** What is left of a bake as a person reads a countdown: 29:30, 0:45. */
export function clockText(ms: number): string {
  const seconds = Math.max(0, Math.ceil(ms / 1000));
  return `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, "0")}`;
}

/**
 * A campaign that halted (a bake broke) or stopped on failures is told to whoever hears of changes,
 * once, beside each target's own notices; a notice that fails is a journal line, never the result.
 */
async function campaignNotice(
  ctx: CommandContext,
  journal: JournalWriter,
  facts: { id: string; plan: CampaignPlan; by: string; account: string; ended: Ended },
): Promise<void> {
  const channels = ctx.notices ?? [];
  if (channels.length === 0 || (facts.ended.outcome !== "rolledBack" && facts.ended.outcome !== "failed")) return;
  const notifier = createNotifier(channels);
  notifier.send(
    {
      event: "change-failed",
      command: "apply",
      domain: campaignName(facts.id),
      changeId: ctx.changeId ?? null,
      selector: null,
      region: ctx.region,
      account: facts.account,
      operator: facts.by,
      outcome: facts.ended.outcome,
      plan: `plan ${facts.id} (${facts.plan.command}, ${readyTargets(facts.plan).length} targets)`,
      summary: facts.ended.summary,
      sesNow: null,
      rollbackCommand: null,
      dnsRecordsNeeded: [],
      at: ctx.clock.now().toISOString(),
      contacts: ctx.config.contacts ?? [],
    },
    journal,
  );
  await notifier.settle();
}
