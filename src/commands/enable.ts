import type { SesIdentityFacts } from "../aws/types.js";
import { ByodkimError, ExitCode } from "../errors.js";
import type { GateResult } from "../gates/types.js";
import { Journal } from "../state/journal.js";
import { acquireLock, releaseLock, type LockRecord } from "../state/lock.js";
import { updateState } from "../state/stateSecret.js";
import { msg } from "../ui/messages/types.js";
import type { CommandContext } from "./context.js";
import { buildEnablePlan, snapshotDkim, stillTheSameChange, type DkimSnapshot, type EnablePlan } from "./enablePlan.js";
import { runGates } from "./gateRun.js";
import { journaledCall, type CallRecord } from "./journaledCall.js";
import { resolveGateTarget, type PrecheckInput } from "./precheck.js";
import { waitForDkimSuccess } from "./waitForDkim.js";

export interface EnableInput extends PrecheckInput {
  readonly yes: boolean;
  readonly dryRun: boolean;
  readonly waitSeconds: number;
  readonly forceUnlock: boolean;
}

export type { CallRecord } from "./journaledCall.js";

export type EnableOutcome =
  | "gatesFailed"
  | "alreadyActive"
  | "dryRun"
  | "declined"
  | "recheckFailed"
  | "enabled"
  | "verificationFailed"
  | "timedOut"
  | "failedDuringChange"
  | "interrupted";

export interface EnableResult {
  readonly command: "enable";
  readonly domain: string;
  readonly selector: string | null;
  readonly region: string;
  readonly ok: boolean;
  readonly outcome: EnableOutcome;
  readonly exitCode: number;
  readonly gates: readonly GateResult[];
  readonly plan: EnablePlan | null;
  readonly calls: readonly CallRecord[];
  /** SES's DKIM settings when the command stopped, if it changed anything. */
  readonly sesNow: DkimSnapshot | null;
  readonly verificationError: string | null;
  readonly journalPath: string | null;
  readonly error: ByodkimError | null;
}

const EXIT: Record<EnableOutcome, number> = {
  gatesFailed: ExitCode.checkFailed,
  alreadyActive: ExitCode.ok,
  dryRun: ExitCode.ok,
  declined: ExitCode.declined,
  recheckFailed: ExitCode.checkFailed,
  enabled: ExitCode.ok,
  verificationFailed: ExitCode.checkFailed,
  timedOut: ExitCode.checkFailed,
  failedDuringChange: ExitCode.awsFailureDuringChange,
  interrupted: ExitCode.interrupted,
};

/** Phase-7 Steps 22–23, guarded: gates, plan, typed confirmation, re-check, lock, snapshot, change, wait, record. */
export async function enable(ctx: CommandContext, input: EnableInput): Promise<EnableResult> {
  const target = resolveGateTarget(ctx, input);
  const { domain } = target;
  const base = { command: "enable" as const, domain, region: ctx.region, calls: [] as CallRecord[] };
  const finish = (outcome: EnableOutcome, fields: Partial<EnableResult>): EnableResult => ({
    ...base,
    selector: null,
    gates: [],
    plan: null,
    sesNow: null,
    verificationError: null,
    journalPath: null,
    error: null,
    ...fields,
    outcome,
    exitCode: EXIT[outcome],
    ok: EXIT[outcome] === ExitCode.ok,
  });

  const run = await runGates(ctx, target);
  const selector = run.selector ?? null;
  if (!run.ok) return finish("gatesFailed", { gates: run.gates, selector });
  if (run.alreadyActive) return finish("alreadyActive", { gates: run.gates, selector });

  const plan = buildEnablePlan(run, domain, ctx.region, ctx.clock.now());
  ctx.report.gates(run.gates);
  ctx.report.plan(plan);
  if (input.dryRun) return finish("dryRun", { gates: run.gates, selector, plan });

  const runId = ctx.newRunId();
  const journal = new Journal(ctx.journalDir, runId, "enable", domain, () => ctx.clock.now());
  const operator = plan.callerArn;
  const calls: CallRecord[] = [];
  journal.append("run-started", { command: "enable", runId, domain, selector: plan.selector, operator, host: ctx.host, region: ctx.region, account: plan.account });
  journal.append("gates", { gates: run.gates.map(({ id, status, detail }) => ({ id, status, code: detail.key })) });
  journal.append("plan", { plan });

  if (!input.yes) {
    const answer = await ctx.prompt.ask(msg("enable.confirm", { domain }));
    if (answer.trim().toLowerCase() !== domain) {
      journal.append("declined");
      return finish("declined", { gates: run.gates, selector, plan, journalPath: journal.path });
    }
  }
  journal.append("confirmed", { by: input.yes ? "--yes" : "typed domain" });

  // The operator may have sat at the prompt for minutes: the world is read again before any change.
  ctx.report.step(msg("enable.rechecking"));
  const recheck = await runGates(ctx, { domain, selector: plan.selector });
  journal.append("rechecked", { gates: recheck.gates.map(({ id, status, detail }) => ({ id, status, code: detail.key })) });
  const withJournal = { journalPath: journal.path, gates: recheck.gates, selector, plan, calls };
  if (!stillTheSameChange(plan, recheck)) return finish("recheckFailed", withJournal);

  const lock: LockRecord = {
    runId,
    owner: operator,
    host: ctx.host,
    pid: process.pid,
    command: "enable",
    startedAt: ctx.clock.now().toISOString(),
    expiresAt: new Date(ctx.clock.now().getTime() + (input.waitSeconds + 600) * 1000).toISOString(),
  };
  try {
    await acquireLock(ctx.aws.state, ctx.config.state.secretId, lock, ctx.clock.now(), input.forceUnlock);
  } catch (err) {
    journal.append("lock-refused", { reason: err instanceof ByodkimError ? err.what : String(err) });
    throw err;
  }
  journal.append("lock-acquired", { lock });
  ctx.interrupt.arm();
  try {
    return await change();
  } finally {
    ctx.interrupt.disarm();
    await releaseLock(ctx.aws.state, ctx.config.state.secretId, runId).then(
      () => journal.append("lock-released"),
      (err: unknown) => journal.append("lock-release-failed", { reason: err instanceof ByodkimError ? err.what : String(err) }),
    );
  }

  async function change(): Promise<EnableResult> {
    // Taken from the re-check, the last read before the first change.
    const snapshot = recheck.sesIdentity ? snapshotDkim(recheck.sesIdentity, ctx.clock.now()) : plan.current;
    await updateState(ctx.aws.state, ctx.config.state.secretId, () => ({ byodkim_snapshot: { ...snapshot, runId, journal: journal.path } }));
    journal.append("snapshot", { snapshot });

    const stopWith = async (outcome: EnableOutcome, error: ByodkimError | null): Promise<EnableResult> => {
      const now = await ctx.aws.ses.getEmailIdentity(domain).catch(() => null);
      journal.append("stopped", { outcome, error: error?.what ?? null, sesNow: now ? snapshotDkim(now, ctx.clock.now()) : null });
      return finish(outcome, { ...withJournal, sesNow: now ? snapshotDkim(now, ctx.clock.now()) : null, error });
    };

    const steps: [string, () => Promise<{ requestId: string | undefined }>][] = [
      ["PutEmailIdentityDkimSigningAttributes", () => ctx.aws.ses.putExternalSigning(domain, plan.selector, run.key!.material)],
      ["PutEmailIdentityDkimAttributes", () => ctx.aws.ses.putSigningEnabled(domain, true)],
    ];
    for (const [name, call] of steps) {
      if (ctx.interrupt.requested()) return stopWith("interrupted", null);
      const done = await journaledCall(ctx, journal, calls, name, call);
      if (!done.ok) return stopWith("failedDuringChange", done.error);
    }

    ctx.report.step(msg("enable.waiting", { seconds: input.waitSeconds }));
    const waited = await waitForDkimSuccess(ctx.aws.ses, domain, ctx.clock, {
      timeoutMs: input.waitSeconds * 1000,
      interrupted: () => ctx.interrupt.requested(),
      onStatus: (identity: SesIdentityFacts) => ctx.report.dkimStatus(identity),
    });
    const sesNow = waited.identity ? snapshotDkim(waited.identity, ctx.clock.now()) : null;
    const verificationError = waited.identity?.verificationInfo?.errorType ?? null;
    journal.append("wait-ended", { result: waited.kind, sesNow, verificationError });
    if (waited.kind === "interrupted") return finish("interrupted", { ...withJournal, sesNow, verificationError });
    if (waited.kind !== "success") return finish(waited.kind === "failed" ? "verificationFailed" : "timedOut", { ...withJournal, sesNow, verificationError });

    const completedAt = ctx.clock.now().toISOString();
    const recorded = await updateState(ctx.aws.state, ctx.config.state.secretId, () => ({
      current_phase: "7",
      byodkim_enabled: true,
      signing_enabled: true,
      selector: plan.selector,
      phase_7_completed_at: completedAt,
      phase_7_operator: operator,
    }));
    journal.append("state-recorded", { versionId: recorded.versionId ?? null, requestId: recorded.requestId ?? null, phase: "7" });
    return finish("enabled", { ...withJournal, sesNow, verificationError });
  }
}
