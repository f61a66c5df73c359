import { ByodkimError, ExitCode, byodkimError } from "../errors.js";
import { fetchFact } from "../gates/fetched.js";
import { checkIdentity } from "../gates/identityGate.js";
import type { ParsedPrivateKey } from "../dkim/privateKey.js";
import { lookupCnames } from "../dns/cnameLookup.js";
import { Journal, journalsFor, readJournal } from "../state/journal.js";
import { acquireLock, releaseLock } from "../state/lock.js";
import { updateState } from "../state/stateSecret.js";
import { msg, type Msg } from "../ui/messages/types.js";
import type { CommandContext } from "./context.js";
import { snapshotDkim, type DkimSnapshot } from "./enablePlan.js";
import { journaledCall, type CallRecord } from "./journaledCall.js";
import { checkKeyAndDns } from "./gateRun.js";
import { resolveGateTarget } from "./precheck.js";
import { easyDkimRecords, isEasyDkimOrigin, readSnapshot, rollbackCalls, type RollbackPlan, type RollbackTarget } from "./rollbackPlan.js";

export interface RollbackInput {
  readonly domain: string | undefined;
  readonly to: RollbackTarget | undefined;
  readonly yes: boolean;
  readonly reason: string | undefined;
  readonly forceUnlock: boolean;
  readonly dnsServers: readonly string[];
}

export type RollbackOutcome = "rolledBack" | "declined" | "refused" | "failedDuringChange" | "interrupted";

export interface RollbackResult {
  readonly command: "rollback";
  readonly domain: string;
  readonly ok: boolean;
  readonly outcome: RollbackOutcome;
  readonly exitCode: number;
  readonly plan: RollbackPlan | null;
  readonly calls: readonly CallRecord[];
  readonly sesNow: DkimSnapshot | null;
  /** Plain warnings: missing DNS records, the journal fallback, a state secret not updated. */
  readonly warnings: readonly Msg[];
  /** Records the DNS team must publish for the target to verify. */
  readonly dnsRecordsNeeded: readonly string[];
  readonly elapsedMs: number | null;
  readonly journalPath: string | null;
  readonly error: ByodkimError | null;
}

/** The incident path: few questions, no blocking gates beyond the plan, every call journaled. */
export async function rollback(ctx: CommandContext, input: RollbackInput): Promise<RollbackResult> {
  const { domain } = resolveGateTarget(ctx, { domain: input.domain, selector: undefined });
  const { aws, config } = ctx;
  const warnings: Msg[] = [];
  const dnsRecordsNeeded: string[] = [];
  const calls: CallRecord[] = [];
  const finish = (outcome: RollbackOutcome, exitCode: number, fields: Partial<RollbackResult> = {}): RollbackResult => ({
    command: "rollback", domain, ok: exitCode === ExitCode.ok, outcome, exitCode, plan: null, calls, sesNow: null,
    warnings, dnsRecordsNeeded, elapsedMs: null, journalPath: null, error: null, ...fields,
  });

  // The one check kept: rolling back in the wrong account would change someone else's mail.
  const caller = await fetchFact(() => aws.sts.getCallerIdentity());
  const identityCheck = checkIdentity({ caller, expectedAccountId: config.accountId, region: ctx.region });
  if (identityCheck.status === "fail" || !caller.ok) throw new ByodkimError("aws", identityCheck.detail, identityCheck.lines?.[0]);
  const identity = await aws.ses.getEmailIdentity(domain);
  if (identity === null) throw byodkimError("aws", "gate.ses.notFound", { domain, region: ctx.region }, "gate.ses.notFound.hint");
  const current = snapshotDkim(identity, ctx.clock.now());

  const { snapshot, source } = await findSnapshot(ctx, domain, warnings);
  const target: RollbackTarget = input.to ?? (snapshot ? "previous" : "disable");
  if (target === "previous" && !snapshot) throw byodkimError("usage", "rollback.noSnapshot", { domain }, "rollback.noSnapshot.hint");
  const previousSelector = target === "previous" && snapshot && !isEasyDkimOrigin(snapshot.origin) ? (snapshot.tokens[0] ?? null) : null;
  const plan: RollbackPlan = {
    domain, account: caller.value.account, region: ctx.region, target, current, snapshotSource: source, snapshot, previousSelector,
    calls: rollbackCalls(target), signingEnabledAfter: target === "disable" ? false : (snapshot?.signingEnabled ?? false),
  };

  let previousKey: ParsedPrivateKey | undefined;
  if (previousSelector !== null) {
    const { dns, parsed } = await checkKeyAndDns(ctx, domain, previousSelector);
    previousKey = parsed;
    if (!parsed) throw byodkimError("aws", "rollback.previousKeyMissing", { selector: previousSelector }, "rollback.previousKeyMissing.hint");
    if (dns.status === "fail") {
      warnings.push(msg("rollback.previousTxtMissing", { selector: previousSelector }));
      dnsRecordsNeeded.push(`${previousSelector}._domainkey.${domain} TXT "v=DKIM1; k=rsa; p=${parsed.publicKeySpkiDer.toString("base64")}"`);
    }
  }
  ctx.report.rollbackPlan(plan, warnings);

  if (!input.yes) {
    const answer = await ctx.prompt.ask(msg("rollback.confirm", { domain, target }));
    if (answer.trim().toLowerCase() !== domain) return finish("declined", ExitCode.declined, { plan });
  }
  const confirmedAt = ctx.clock.now().getTime();
  const runId = ctx.newRunId();
  const journal = new Journal(ctx.journalDir, runId, "rollback", domain, () => ctx.clock.now());
  const operator = caller.value.arn;
  journal.append("run-started", { command: "rollback", runId, domain, operator, host: ctx.host, region: ctx.region, reason: input.reason ?? null });
  journal.append("plan", { plan });
  journal.append("confirmed", { by: input.yes ? "--yes" : "typed domain" });

  const lockRecord = {
    runId, owner: operator, host: ctx.host, pid: process.pid, command: "rollback",
    startedAt: ctx.clock.now().toISOString(), expiresAt: new Date(ctx.clock.now().getTime() + 600_000).toISOString(),
  };
  let locked = false;
  try {
    await acquireLock(aws.state, config.state.secretId, lockRecord, ctx.clock.now(), input.forceUnlock);
    locked = true;
    journal.append("lock-acquired", { lock: lockRecord });
  } catch (err) {
    if (err instanceof ByodkimError && err.kind === "lock") {
      journal.append("lock-refused", { reason: err.what });
      return finish("refused", ExitCode.checkFailed, { plan, error: err, journalPath: journal.path });
    }
    // Secrets Manager itself is failing: the incident must not wait for it.
    warnings.push(msg("rollback.noLock"));
    journal.append("lock-skipped", { reason: err instanceof ByodkimError ? err.what : "unknown" });
  }

  ctx.interrupt.arm();
  let lastCallAt = confirmedAt;
  try {
    const steps: [string, () => Promise<{ requestId: string | undefined; tokens?: readonly string[] }>][] =
      target === "disable"
        ? [["PutEmailIdentityDkimAttributes", () => aws.ses.putSigningEnabled(domain, false)]]
        : [
            [
              "PutEmailIdentityDkimSigningAttributes",
              () => (previousSelector !== null ? aws.ses.putExternalSigning(domain, previousSelector, previousKey!.material) : aws.ses.putEasyDkimSigning(domain)),
            ],
            ["PutEmailIdentityDkimAttributes", () => aws.ses.putSigningEnabled(domain, plan.signingEnabledAfter)],
          ];
    for (const [name, call] of steps) {
      if (ctx.interrupt.requested()) {
        journal.append("stopped", { outcome: "interrupted" });
        const now = await aws.ses.getEmailIdentity(domain).catch(() => null);
        return finish("interrupted", ExitCode.interrupted, { plan, sesNow: now ? snapshotDkim(now, ctx.clock.now()) : null, journalPath: journal.path });
      }
      const done = await journaledCall(ctx, journal, calls, name, call);
      lastCallAt = ctx.clock.now().getTime();
      if (!done.ok) {
        const now = await aws.ses.getEmailIdentity(domain).catch(() => null);
        return finish("failedDuringChange", ExitCode.awsFailureDuringChange, {
          plan, error: done.error, sesNow: now ? snapshotDkim(now, ctx.clock.now()) : null, journalPath: journal.path,
        });
      }
    }
  } finally {
    ctx.interrupt.disarm();
  }
  const elapsedMs = lastCallAt - confirmedAt;

  const after = await aws.ses.getEmailIdentity(domain).catch(() => null);
  const sesNow = after ? snapshotDkim(after, ctx.clock.now()) : null;
  if (target === "previous" && isEasyDkimOrigin(snapshot?.origin ?? null) && after?.dkim) {
    const records = easyDkimRecords(domain, after.dkim.tokens, after.dkim.signingHostedZone ?? "dkim.amazonses.com");
    const found = await lookupCnames(records.map((record) => record.name), input.dnsServers);
    const missing = records.filter((record, i) => found[i] !== record.target.toLowerCase());
    if (missing.length > 0) {
      warnings.push(msg("rollback.cnamesMissing", { count: missing.length }));
      dnsRecordsNeeded.push(...missing.map((record) => `${record.name} CNAME ${record.target}`));
    }
  }
  journal.append("ses-after", { sesNow, dnsRecordsNeeded, elapsedMs });

  try {
    await updateState(aws.state, config.state.secretId, () => ({
      rolled_back_at: ctx.clock.now().toISOString(),
      rollback_target: target,
      rollback_reason: input.reason ?? null,
      rollback_operator: operator,
      current_phase: "6",
      byodkim_enabled: previousSelector !== null,
      signing_enabled: plan.signingEnabledAfter,
    }));
    journal.append("state-recorded", { phase: "6" });
  } catch (err) {
    warnings.push(msg("rollback.stateNotRecorded", { secretId: config.state.secretId }));
    journal.append("state-not-recorded", { reason: err instanceof ByodkimError ? err.what : "unknown" });
  }
  if (locked) await releaseLock(aws.state, config.state.secretId, runId).then(() => journal.append("lock-released"), () => journal.append("lock-release-failed"));
  return finish("rolledBack", ExitCode.ok, { plan, sesNow, elapsedMs, journalPath: journal.path });
}

/** The snapshot enable took: from the state secret, or, when Secrets Manager fails, from the newest local journal. */
async function findSnapshot(ctx: CommandContext, domain: string, warnings: Msg[]): Promise<{ snapshot: DkimSnapshot | null; source: RollbackPlan["snapshotSource"] }> {
  const secret = await fetchFact(() => ctx.aws.state.readStateSecret(ctx.config.state.secretId));
  if (secret.ok) {
    let stored: unknown;
    try {
      stored = secret.value ? (JSON.parse(secret.value.text) as Record<string, unknown>)["byodkim_snapshot"] : undefined;
    } catch {
      stored = undefined;
    }
    const snapshot = readSnapshot(stored);
    if (snapshot) return { snapshot, source: "secret" };
  } else {
    warnings.push(msg("rollback.secretUnreadable"), secret.error.what);
  }
  for (const path of journalsFor(ctx.journalDir, domain)) {
    const entry = readJournal(path).find((line) => line.event === "snapshot");
    const snapshot = readSnapshot(entry?.["snapshot"]);
    if (snapshot) {
      warnings.push(msg("rollback.fromJournal", { path }));
      return { snapshot, source: "journal" };
    }
  }
  return { snapshot: null, source: "none" };
}
