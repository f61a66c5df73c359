import type { SesIdentityFacts } from "../aws/types.js";
import { readyTargets, isExpired } from "../campaign/planDocument.js";
import { APPROVALS_DEFAULTS } from "../config/approvalsConfig.js";
import { privateKeyObjectKey, ROTATION_DEFAULTS } from "../config/config.js";
import { byodkimError, ByodkimError, ExitCode } from "../errors.js";
import { judgeAnswer } from "../gates/dnsGate.js";
import { fetchFact } from "../gates/fetched.js";
import { tallyApprovals } from "../gates/approvalGates.js";
import {
  type ApprovalFacts,
  decideTick,
  identityHistory,
  type RecordAnswer,
  type TickDecision,
  type TickFacts,
  type TickReason,
  type TickStep,
} from "../gates/tickDecision.js";
import { msg, type Msg } from "../messages/msg.js";
import { createNotifier } from "../notify/notifier.js";
import { readKeyHistory } from "../state/keyHistory.js";
import { readStateObject } from "../state/stateSecret.js";
import { keyBirth } from "../status/keyBirth.js";
import { parseDatedSelector } from "../config/names.js";
import { isJournalOf, type JournalWriter } from "../state/journal.js";
import { loadPlan, readApprovals } from "../engine/campaignStore.js";
import type { ChangeResult } from "../engine/change/changeTypes.js";
import type { CommandContext, Prompter } from "../engine/context.js";
import type { CommandEvents } from "../engine/events.js";
import { type FleetTarget, fleetTargets, identityContext, accountIdIn } from "../engine/fleet.js";

export interface TickInput {
  readonly domains: readonly string[];
  readonly all: boolean;
  /** keygen's `--out`: where a new key's hand-off files go for the DNS team; undefined: none written. */
  readonly outDir: string | undefined;
}

/** What a step's command hands back that tick reports: its result, and for keygen the hand-off files. */
export type StepResult = ChangeResult & { readonly handoffFiles?: readonly string[] };

/** The created key's record published again (the engine's publish, when dns.publish is route53 or rfc2136). */
export type PublishAgain = (ctx: CommandContext, input: { readonly domain: string; readonly selector: string; readonly yes: boolean }) => Promise<StepResult>;

/** What a plan written for tick says: its id, and whether it holds this identity ready. */
export interface WrittenPlan {
  readonly id: string | null;
  /** Who planned it, as STS named them: the notice's operator. */
  readonly plannedBy: string | null;
  readonly ok: boolean;
  readonly problem: Msg | null;
}

/** The commands a person would type for each step, handed in by the cli (a command never imports another). */
export interface TickCommands {
  readonly keygen: (ctx: CommandContext, input: { readonly domain: string; readonly yes: boolean; readonly outDir: string | undefined }) => Promise<StepResult>;
  readonly rotate: (ctx: CommandContext, input: { readonly domain: string; readonly to: string; readonly yes: boolean }) => Promise<StepResult>;
  readonly retire: (ctx: CommandContext, input: { readonly domain: string; readonly selector: string; readonly yes: boolean }) => Promise<StepResult>;
  /** Absent until the engine's publish is wired: tick then asks a person to publish. */
  readonly publish?: PublishAgain;
  /** `plan rotate <domain>` in the identity's region. */
  readonly plan?: (ctx: CommandContext, input: { readonly domain: string }) => Promise<WrittenPlan>;
  /** `apply <plan id>`. */
  readonly apply?: (
    ctx: CommandContext,
    input: { readonly planId: string; readonly yes: boolean },
  ) => Promise<{ readonly exitCode: number; readonly outcome: string }>;
}

export type TickDecisionName = TickStep["kind"] | "nothing" | "needsPerson";

export interface TickIdentityResult {
  readonly domain: string;
  readonly region: string;
  readonly decision: TickDecisionName;
  readonly reason: TickReason;
  /** What the person types, exactly (needsPerson); null otherwise or when there is nothing to type. */
  readonly command: string | null;
  readonly step: {
    readonly command: string;
    readonly outcome: string;
    readonly exitCode: number;
    readonly summary: Msg | null;
    readonly journalPath: string | null;
    readonly handoffFiles: readonly string[];
    readonly dnsRecordsNeeded: readonly string[];
    /** The step's gates that failed, each with its words: why a step that stopped short stopped. */
    readonly failedGates: readonly { readonly id: string; readonly detail: Msg }[];
  } | null;
  readonly exitCode: number;
}

export type TickOutcome = "nothingToDo" | "progressed" | "needsPerson" | "failed" | "interrupted";

export interface TickResult {
  readonly command: "tick";
  readonly ok: boolean;
  readonly outcome: TickOutcome;
  readonly exitCode: number;
  readonly identities: readonly TickIdentityResult[];
  readonly checkedAt: string;
}

/**
 * Worst first: a stop signal, then a change the AWS side failed part-way (4), a change SES did not
 * confirm (5), a person needed (1), then all well (0). With several identities the worst one wins.
 */
const SEVERITY: readonly number[] = [
  ExitCode.terminated,
  ExitCode.hangup,
  ExitCode.interrupted,
  ExitCode.awsFailureDuringChange,
  ExitCode.unconfirmed,
  ExitCode.checkFailed,
  ExitCode.ok,
];
const rank = (code: number) => (SEVERITY.includes(code) ? SEVERITY.indexOf(code) : SEVERITY.indexOf(ExitCode.checkFailed));
export const worstExitCode = (codes: readonly number[]): number => codes.reduce((worst, code) => (rank(code) < rank(worst) ? code : worst), ExitCode.ok);

/** Never asked: a step that would need an answer is a person's, and tick says which command to type. */
const NO_PROMPT: Prompter = {
  ask: () => Promise.reject(byodkimError("declined", "confirm.noAnswer")),
  close: () => undefined,
};

/**
 * A step's progress (its lines, the DKIM wait) still shows; its checklist and plan, printed for a
 * person about to answer, do not: nobody answers here, the journal keeps them, and a scheduler
 * reads tick's own first line. A failed gate comes back in the step's result.
 */
const stepEvents = (events: CommandEvents): CommandEvents => ({
  emit: (event) => {
    if (event.type !== "checklist" && event.type !== "plan") events.emit(event);
  },
});

/** For each identity × region: read what the decision needs, decide, and do at most one step. */
export async function tick(ctx: CommandContext, input: TickInput, commands: TickCommands): Promise<TickResult> {
  if (input.all && input.domains.length > 0) throw byodkimError("usage", "status.allAndDomains", undefined);
  if (!input.all && input.domains.length === 0) throw byodkimError("usage", "tick.noTargets", undefined, "tick.noTargets.hint");
  const targets = fleetTargets(ctx.config, ctx.region, { domains: input.domains, regions: undefined });
  const identities: TickIdentityResult[] = [];
  // One after another: each step takes its identity's lock and waits on SES; SES's pace is per account and region anyway.
  for (const target of targets) {
    for (const region of target.regions) identities.push(await tickOne(ctx, target, region, input, commands));
  }
  const exitCode = worstExitCode(identities.map((identity) => identity.exitCode));
  return {
    command: "tick",
    ok: exitCode === ExitCode.ok,
    outcome: outcomeOf(exitCode, identities),
    exitCode,
    identities,
    checkedAt: ctx.clock.now().toISOString(),
  };
}

function outcomeOf(exitCode: number, identities: readonly TickIdentityResult[]): TickOutcome {
  if (exitCode === ExitCode.ok) return identities.some((identity) => identity.step !== null) ? "progressed" : "nothingToDo";
  if (exitCode === ExitCode.checkFailed) return "needsPerson";
  if (exitCode === ExitCode.awsFailureDuringChange || exitCode === ExitCode.unconfirmed) return "failed";
  return "interrupted";
}

async function tickOne(ctx: CommandContext, target: FleetTarget, region: string, input: TickInput, commands: TickCommands): Promise<TickIdentityResult> {
  const here: CommandContext = { ...identityContext(ctx, target, region, stepEvents(ctx.events)), prompt: NO_PROMPT };
  const { domain } = target;
  const base = { domain, region };
  try {
    let facts = await readFacts(here, target, region === ctx.region ? undefined : region);
    let decision = decideTick(facts);
    // The record and the plan are looked up only when the decision turns on them.
    while (decision.kind === "lookup") {
      facts =
        decision.need === "record"
          ? { ...facts, newestRecord: await recordAnswer(here, domain, decision.selector, facts.history?.[decision.selector]?.fingerprint) }
          : { ...facts, approval: await approvalOf(here, domain, region, decision.selector) };
      decision = decideTick(facts);
    }
    if (decision.kind === "nothing") return { ...base, decision: "nothing", reason: decision.reason, command: null, step: null, exitCode: ExitCode.ok };
    if (decision.kind === "needsPerson") return personNeeded(base, decision.reason, decision.command);
    return await takeStep(here, { ...base, regionFlag: facts.regionFlag }, decision, input, commands, facts.rotation.auto);
  } catch (err) {
    // One identity's failure is its own: the others still get their tick.
    if (!(err instanceof ByodkimError)) throw err;
    return {
      ...base,
      decision: "needsPerson",
      reason: { code: "stepFailed", params: { domain, problem: err.what.key } },
      command: null,
      step: stepSummary("tick", "error", err.exitCode, err.what),
      exitCode: err.exitCode === ExitCode.usage ? ExitCode.checkFailed : err.exitCode,
    };
  }
}

const personNeeded = (base: { domain: string; region: string }, reason: TickReason, command: string | null): TickIdentityResult => ({
  ...base,
  decision: "needsPerson",
  reason,
  command,
  step: null,
  exitCode: ExitCode.checkFailed,
});

async function takeStep(
  ctx: CommandContext,
  { regionFlag, ...base }: { domain: string; region: string; regionFlag: string | undefined },
  decision: Extract<TickDecision, { kind: "step" }>,
  input: TickInput,
  commands: TickCommands,
  yes: boolean,
): Promise<TickIdentityResult> {
  const { step, reason } = decision;
  const { domain } = base;
  let result: StepResult;
  switch (step.kind) {
    case "keygen":
      result = await commands.keygen(ctx, { domain, yes, outDir: input.outDir });
      break;
    case "rotate":
      result = await commands.rotate(ctx, { domain, to: step.selector, yes });
      break;
    case "retire":
      result = await commands.retire(ctx, { domain, selector: step.selector, yes });
      break;
    case "publish": {
      if (!commands.publish) return personNeeded(base, { code: "publishUnavailable", params: { ...reason.params, domain } }, null);
      // The record of a key keygen made, as keygen's confirmation already covered: finishing that change needs no new answer,
      // so the `byodkim tick <domain>` a failed publish prints works with rotation.auto off too.
      result = await commands.publish(ctx, { domain, selector: step.selector, yes: true });
      break;
    }
    case "plan": {
      if (!commands.plan) return personNeeded(base, { code: "planUnavailable", params: { ...reason.params, domain } }, `byodkim plan rotate ${domain}`);
      const written = await commands.plan(ctx, { domain });
      if (!written.ok || written.id === null) {
        return {
          ...personNeeded(base, { code: "planNotReady", params: { ...reason.params, domain } }, `byodkim plan rotate ${domain}`),
          step: stepSummary("plan", "notReady", ExitCode.checkFailed, written.problem),
        };
      }
      const journal = ctx.journal.open("tick", domain, ctx.newRunId());
      journal.append("plan-written", { domain, region: base.region, selector: step.selector, planId: written.id });
      await announcePlan(ctx, journal, { domain, region: base.region, selector: step.selector, planId: written.id, plannedBy: written.plannedBy });
      // Written and announced: the rotation now waits for a second person's word.
      return {
        ...personNeeded(base, { code: "approvalPending", params: { ...reason.params, domain, planId: written.id } }, `byodkim approve ${written.id}`),
        decision: "plan",
        step: stepSummary("plan", "planned", ExitCode.ok, null),
      };
    }
    case "apply": {
      if (!commands.apply) return personNeeded(base, { code: "planApproved", params: { ...reason.params, domain } }, `byodkim apply ${step.planId}`);
      const applied = await commands.apply(ctx, { planId: step.planId, yes });
      return {
        ...base,
        decision: "apply",
        reason,
        command: null,
        step: stepSummary("apply", applied.outcome, applied.exitCode, null),
        exitCode: stepExitCode(applied.exitCode),
      };
    }
  }
  const exitCode = publishOutcomeExitCode(result.summary) ?? stepExitCode(result.exitCode);
  return {
    ...base,
    decision: step.kind,
    reason,
    // A step that stopped short (its gates, a lock, a refusal) says what the person would type to see why.
    command:
      exitCode !== ExitCode.checkFailed
        ? null
        : result.summary?.key.startsWith("dnsPublish.failed.")
          ? `byodkim tick ${domain}${regionFlag ? ` --region ${regionFlag}` : ""}`
          : (result.finishCommand ?? null),
    step: {
      command: result.command,
      outcome: result.outcome,
      exitCode: result.exitCode,
      summary: result.summary,
      journalPath: result.journalPath,
      handoffFiles: result.handoffFiles ?? [],
      dnsRecordsNeeded: result.dnsRecordsNeeded,
      failedGates: result.gates.filter((gate) => gate.status === "fail").map((gate) => ({ id: gate.id, detail: gate.detail })),
    },
    exitCode,
  };
}

/** The approvers hear of the plan where the change notices go (config notify:): it waits for them, not for tick. */
async function announcePlan(
  ctx: CommandContext,
  journal: JournalWriter,
  plan: { domain: string; region: string; selector: string; planId: string; plannedBy: string | null },
): Promise<void> {
  if (!ctx.notices || ctx.notices.length === 0) return;
  const notifier = createNotifier(ctx.notices);
  notifier.send(
    {
      event: "approval-requested",
      command: "tick",
      domain: plan.domain,
      changeId: ctx.changeId ?? null,
      selector: plan.selector,
      region: plan.region,
      account: accountIdIn(ctx),
      operator: plan.plannedBy ?? "-",
      outcome: null,
      plan: `rotate → ${plan.selector}; byodkim approve ${plan.planId}`,
      summary: msg("tick.reason.approvalPending", { planId: plan.planId }),
      sesNow: null,
      rollbackCommand: null,
      dnsRecordsNeeded: [],
      at: ctx.clock.now().toISOString(),
      ...(ctx.config.contacts ? { contacts: ctx.config.contacts } : {}),
    },
    journal,
  );
  // A notice never holds tick back for long: each is answered or times out (NOTICE_TIMEOUT_MS); a failure is in the journal.
  await notifier.settle();
}

const stepSummary = (command: string, outcome: string, exitCode: number, summary: Msg | null): TickIdentityResult["step"] => ({
  command,
  outcome,
  exitCode,
  summary,
  journalPath: null,
  handoffFiles: [],
  dnsRecordsNeeded: [],
  failedGates: [],
});

/**
 * A key made but its record refused by the DNS provider needs a person (the provider's permission,
 * the zone), not a rollback: nothing signs with the key, so 1 and not the change contract's 4. A
 * record published but not yet answered everywhere is the next tick's to look at again: 0.
 */
function publishOutcomeExitCode(summary: Msg | null): number | undefined {
  if (summary?.key.startsWith("dnsPublish.failed.")) return ExitCode.checkFailed;
  if (summary?.key.startsWith("dnsPublish.notAnswering.")) return ExitCode.ok;
  return undefined;
}

/** A step declined (it asked, nobody answers here) or refused by its gates is a person's: 1. The change contract's 4 and 5 stay. */
const stepExitCode = (code: number): number => (code === ExitCode.declined || code === ExitCode.usage ? ExitCode.checkFailed : code);

/** One SES read and the state secret: all an idle tick asks. */
async function readFacts(ctx: CommandContext, target: FleetTarget, regionFlag: string | undefined): Promise<TickFacts> {
  const { config } = ctx;
  const [ses, secret] = await Promise.all([
    fetchFact(() => ctx.aws.ses.getEmailIdentity(target.domain)),
    fetchFact(() => ctx.aws.state.readStateSecret(config.state.secretId)),
  ]);
  const history = secret.ok
    ? identityHistory(readKeyHistory(secret.value ? readStateObject(secret.value.text) : undefined), {
        domain: target.domain,
        selectorPrefix: target.selectorPrefix,
        objectUrl: (selector) => `s3://${target.keys.bucket}/${privateKeyObjectKey(target.keys.key, target.domain, selector)}`,
      })
    : null;
  const provider = config.dns.publish?.provider ?? "handoff";
  const signing = ses.ok && ses.value?.dkim?.origin === "EXTERNAL" ? ses.value.dkim.tokens[0] : undefined;
  const signingEntry = signing === undefined ? undefined : history?.[signing];
  const now = ctx.clock.now();
  const born =
    signing === undefined
      ? undefined
      : keyBirth(
          {
            createdAt: signingEntry?.created_at,
            selectorDate: parseDatedSelector(signing, target.selectorPrefix)?.date,
            activeSince: signingEntry?.active_since,
          },
          now,
        );
  return {
    domain: target.domain,
    regionFlag,
    now,
    signingBorn: born?.at,
    rotation: {
      ...config.rotation,
      auto: config.rotation.auto ?? ROTATION_DEFAULTS.auto,
      dnsTimeoutDays: config.rotation.dnsTimeoutDays ?? ROTATION_DEFAULTS.dnsTimeoutDays,
    },
    ses: ses.ok ? { read: true, identity: ses.value === null ? null : sesFacts(ses.value) } : { read: false },
    history,
    publisher: provider === "handoff" ? "handoff" : "publishing",
    approvalsRequired: (config.approvals ?? APPROVALS_DEFAULTS).required,
  };
}

function sesFacts(identity: SesIdentityFacts): TickFacts["ses"] extends infer S ? (S extends { identity: infer I } ? NonNullable<I> : never) : never {
  const dkim = identity.dkim;
  return {
    origin: dkim?.origin,
    status: dkim?.status,
    selector: dkim?.origin === "EXTERNAL" ? dkim.tokens[0] : undefined,
    signingEnabled: dkim?.signingEnabled === true,
  };
}

/** Every server asked answers with one DKIM key record, and (when the history knows it) with the created key's. */
async function recordAnswer(ctx: CommandContext, domain: string, selector: string, fingerprint: string | undefined): Promise<RecordAnswer> {
  const lookup = await ctx.dns.lookupTxtEverywhere(`${selector}._domainkey.${domain}`);
  const verdicts = lookup.answers.map((answer) => judgeAnswer(answer, undefined));
  const answers =
    verdicts.length > 0 &&
    verdicts.every((verdict) => verdict.outcome === "unverifiable" && (fingerprint === undefined || verdict.fingerprint === fingerprint));
  return answers ? "everywhere" : "notEverywhere";
}

/**
 * The plan tick wrote for this rotation, from its own journal, and where its approvals stand. A plan
 * for another key, expired, or unreadable is stale: tick writes a new one.
 */
async function approvalOf(ctx: CommandContext, domain: string, region: string, selector: string): Promise<ApprovalFacts> {
  const written = lastWrittenPlan(ctx, domain, region, selector);
  if (written === undefined) return { state: "none" };
  try {
    const { id, plan } = await loadPlan(ctx, written);
    const covered = readyTargets(plan).some((target) => target.domain === domain && target.region === region && target.selector === selector);
    if (!covered || isExpired(plan, ctx.clock.now())) return { state: "stale", planId: id };
    const { approvals } = await readApprovals(ctx, id);
    const counted = tallyApprovals({ id, plannedBy: plan.plannedBy }, approvals, ctx.config.approvals ?? APPROVALS_DEFAULTS).counted.length;
    return counted >= (ctx.config.approvals ?? APPROVALS_DEFAULTS).required ? { state: "approved", planId: id } : { state: "pending", planId: id };
  } catch (err) {
    if (!(err instanceof ByodkimError)) throw err;
    return { state: "stale", planId: written };
  }
}

function lastWrittenPlan(ctx: CommandContext, domain: string, region: string, selector: string): string | undefined {
  for (const path of ctx.journal.list(domain).paths.filter((candidate) => isJournalOf(candidate, "tick"))) {
    const entry = ctx.journal.read(path).entries.find((line) => line.event === "plan-written" && line["region"] === region && line["selector"] === selector);
    if (entry && typeof entry["planId"] === "string") return entry["planId"];
  }
  return undefined;
}
