import { accountIdIn } from "../engine/fleet.js";
import { stateSecretId } from "../config/config.js";
import type { CallerIdentity, SesIdentityFacts, StateSecretFacts } from "../aws/types.js";
import { type Fetched, fetchFact } from "../gates/fetched.js";
import { checkIdentity } from "../gates/identityGate.js";
import { checkSesIdentityExists } from "../gates/sesGate.js";
import type { GateResult } from "../gates/types.js";
import { type MessageKey, type Msg, msg } from "../messages/msg.js";
import { afterSwitch, KEY_HISTORY_FIELD, readKeyHistory } from "../state/keyHistory.js";
import { readStateObject } from "../state/stateSecret.js";
import { dkimHandoff, dkimKeyRecordValue } from "../dkim/handoff.js";
import type { ParsedPrivateKey } from "../dkim/privateKey.js";
import type { ChangeCheck } from "../engine/change/changePlan.js";
import type { ChangeResult } from "../engine/change/changeTypes.js";
import { type CallIntent, isEasyDkimOrigin } from "../engine/change/dkimSettings.js";
import { runChange } from "../engine/change/pipeline.js";
import { rollbackEffect } from "../engine/change/rollbackPreview.js";
import type { CommandContext } from "../engine/context.js";
import { checkCommandPermissions } from "../engine/permissionsCheck.js";
import { checkPermissions } from "../gates/permissionsGate.js";
import { checkKeyAndDns } from "../engine/gateRunner.js";
import { resolveGateTarget } from "../engine/gateTarget.js";
import { publishPlanRows } from "../engine/dnsPublish.js";
import { chooseRollback, otherTargets, type RollbackChoice, type RollbackTarget, type UntouchedReason } from "../engine/change/rollbackChoice.js";
import { easyDkimRecords, findSnapshot } from "../engine/change/rollbackSnapshot.js";

export type { RollbackTarget } from "../engine/change/rollbackChoice.js";

export interface RollbackInput {
  readonly domain: string | undefined;
  readonly to: RollbackTarget | undefined;
  readonly yes: boolean;
  readonly dryRun: boolean;
  readonly reason: string | undefined;
  readonly forceUnlock: boolean;
}

type RollbackCheck = ChangeCheck & { readonly previousKey: ParsedPrivateKey | undefined; readonly previousTxtRecord: string | null };

/** The incident path: few questions, the identity and the snapshot as its only gates, every call journaled. */
export async function rollback(ctx: CommandContext, input: RollbackInput): Promise<ChangeResult> {
  const { domain } = resolveGateTarget(ctx, { domain: input.domain, selector: undefined });
  // The first check's reads start with the snapshot's: one state secret read serves both.
  const firstReads = readForRollback(ctx, domain);
  firstReads.catch(() => {});
  const { snapshot, source, history, phase, warnings } = await findSnapshot(
    ctx,
    domain,
    firstReads.then(([, , secret]) => secret),
  );
  // Without a snapshot, whether SES signs with BYODKIM decides whether there is anything to undo.
  const sesOrigin = await firstReads.then(
    ([, identity]) => (identity.ok ? (identity.value?.dkim?.origin ?? null) : undefined),
    () => undefined,
  );
  const choice = chooseRollback(input.to, snapshot, history, domain, sesOrigin);
  const target: RollbackTarget | "none" = choice.kind === "nothing" ? "none" : choice.kind;
  const restored = choice.kind === "previous" ? choice.snapshot : null;
  const previousSelector = restored && !isEasyDkimOrigin(restored.origin) ? (restored.tokens[0] ?? null) : null;
  // Back to Easy DKIM is for signing again: with signing off the domain's mail would leave unsigned anyway.
  const signingAfter = choice.kind === "previous" ? choice.snapshot.signingEnabled : choice.kind === "easy-dkim";
  const intents: CallIntent[] =
    choice.kind === "nothing"
      ? []
      : choice.kind === "disable"
        ? [{ kind: "setSigning", enabled: false }]
        : [
            previousSelector !== null ? { kind: "signWithExternalKey", selector: previousSelector } : { kind: "signWithEasyDkim" },
            { kind: "setSigning", enabled: signingAfter },
          ];
  // Signing off on an identity byodkim never switched is asked for by name and confirmed by typing the domain: --yes is not enough.
  const untouched = choice.kind === "nothing" || (choice.kind === "disable" && choice.typedConfirmation) ? choice.why : null;
  const typed = choice.kind === "disable" && choice.typedConfirmation;
  // Restoring an earlier BYODKIM selector (after a rotation) leaves the identity on BYODKIM: Phase-7 still holds.
  const phaseAfter = previousSelector !== null ? "7" : "6";

  /** Back to Easy DKIM on an identity whose Easy DKIM verification SES gave up on: the put restarts it (planCalls). */
  const restartsEasyDkim = (check: RollbackCheck) =>
    (target === "previous" || target === "easy-dkim") &&
    previousSelector === null &&
    isEasyDkimOrigin(check.sesIdentity?.dkim?.origin ?? null) &&
    check.sesIdentity?.dkim?.status === "FAILED";

  const backToEasyDkim = (target === "previous" || target === "easy-dkim") && previousSelector === null;

  return runChange<RollbackCheck>(
    ctx,
    {
      command: "rollback",
      domain,
      // The re-check reads the world again.
      check: async (first) => checkRollback(ctx, domain, previousSelector, await (first ? readForRollback(ctx, domain) : firstReads)),
      // With --yes the check just ran: the Put goes out now, not after a second SES read a second later.
      recheckUnlessAnsweredWithinMs: 1_000,
      describe: (check) => ({
        title: msg("rollback.plan.title", { domain }),
        intents,
        rows: [
          { label: msg("rollback.plan.target"), value: describeTarget(target, previousSelector, signingAfter) },
          ...(choice.kind === "nothing"
            ? []
            : [{ label: msg("rollback.plan.meanwhile"), value: rollbackEffect(domain, choice.kind, choice.kind === "previous" ? choice.snapshot : null) }]),
          ...(restartsEasyDkim(check) ? [{ label: msg("rollback.plan.restart"), value: msg("rollback.plan.restartEasy") }] : []),
          ...(backToEasyDkim ? publishPlanRows(ctx, domain, msg("dnsPublish.plan.easyDkimNames", { domain })) : []),
          ...(typed ? [{ label: msg("rollback.plan.caution"), value: signingOffUntouched(domain, check, untouched) }] : []),
        ],
        details: { target, snapshotSource: source, snapshot, previousSelector, signingEnabledAfter: signingAfter, history },
      }),
      signingKey: ({ previousKey }) => previousKey?.material,
      sameChange: (first, second) => first.previousKey?.publicKeyFingerprint === second.previousKey?.publicKeyFingerprint,
      // byodkim never switched it: an identity already at the target has nothing of byodkim's to record.
      isRecorded: ({ state }) =>
        untouched !== null ||
        (state?.["current_phase"] === phaseAfter &&
          state["rollback_target"] === target &&
          state["signing_enabled"] === signingAfter &&
          // An earlier rollback leaves its target behind: after a rotation only the selector says this one was recorded.
          (previousSelector === null || state["selector"] === previousSelector)),
      confirmQuestion: !typed
        ? msg("rollback.confirm", { domain, target })
        : untouched === "notByodkim"
          ? msg("rollback.confirmNotByodkim", { domain })
          : msg("rollback.confirmUntouched", { domain }),
      snapshot: "journal",
      lock: {
        ttlMs: 600_000,
        optional: true,
        force: input.forceUnlock,
        heldHint: msg("rollback.lockHeld.hint", { command: `byodkim rollback ${domain}${input.to ? ` --to ${input.to}` : ""} --force-unlock` }),
      },
      warnings: (check) => [
        ...warnings,
        ...(typed ? [signingOffUntouched(domain, check, untouched)] : []),
        ...(check.previousTxtRecord !== null ? [msg("rollback.previousTxtMissing", { selector: previousSelector ?? "-" })] : []),
      ],
      async afterCalls(sesNow, check) {
        const dnsRecordsNeeded = check.previousTxtRecord ? [check.previousTxtRecord] : [];
        const dkim = sesNow?.dkim;
        if (target === "none" || target === "disable" || previousSelector !== null || !dkim) return { warnings: [], dnsRecordsNeeded };
        const restarted = restartsEasyDkim(check) ? [msg("rollback.easyRestarted")] : [];
        // byodkim publishes the CNAMEs itself next, and says so if it cannot.
        if (ctx.dnsPublisher) return { warnings: restarted, dnsRecordsNeeded };
        // Easy DKIM again: SES issued new tokens, whose CNAMEs the DNS team may not have yet.
        const records = easyDkimRecords(domain, dkim.tokens, dkim.signingHostedZone ?? "dkim.amazonses.com");
        const found = await ctx.dns.lookupCnames(records.map((record) => record.name));
        const missing = records.filter((record, i) => found[i] !== record.target.toLowerCase());
        return {
          warnings: [...restarted, ...(missing.length > 0 ? [msg("rollback.cnamesMissing", { count: missing.length })] : [])],
          dnsRecordsNeeded: [...dnsRecordsNeeded, ...missing.map((record) => `${record.name} CNAME ${record.target}`)],
        };
      },
      // Before the record: a rollback whose CNAMEs were not published stays unrecorded, so running it again publishes them again.
      dnsRecords: (_check, sesNow) => {
        const dkim = sesNow?.dkim;
        if (!backToEasyDkim || !dkim || !isEasyDkimOrigin(dkim.origin ?? null)) return null;
        const records = easyDkimRecords(domain, dkim.tokens, dkim.signingHostedZone ?? "dkim.amazonses.com");
        return { selectors: dkim.tokens, records: records.map(({ name, target: cnameTarget }) => ({ name, type: "CNAME" as const, target: cnameTarget })) };
      },
      publishBeforeRecord: true,
      record: (operator, now, state, check) => ({
        rolled_back_at: now.toISOString(),
        rollback_target: target,
        rollback_reason: input.reason ?? null,
        rollback_operator: operator,
        current_phase: phaseAfter,
        byodkim_enabled: previousSelector !== null,
        signing_enabled: signingAfter,
        // Back to the selector a rotation replaced: BYODKIM stays on (Phase-7), with the old key active again.
        // The key it replaced is the one a later retire (or the rotate walk) retires.
        ...(previousSelector !== null ? { selector: previousSelector, previous_selector: switchedFrom(check) } : {}),
        // The key SES signed with until now starts its grace period, whether an older key or Easy DKIM takes over.
        ...((target === "previous" || target === "easy-dkim") && (previousSelector !== null || switchedFrom(check) !== null)
          ? {
              [KEY_HISTORY_FIELD]: afterSwitch(readKeyHistory(state), {
                from: switchedFrom(check),
                to: previousSelector,
                at: now,
                graceDays: ctx.config.rotation.graceDays,
              }),
            }
          : {}),
      }),
      recordOptional: true,
      undoCommand: () => `byodkim rollback ${domain} --to ${target}`,
      summaries: {
        completed: "rollback.summary.done",
        upToDate: upToDateSummary(choice.kind, untouched),
      },
      summaryParams: () => ({ target, phase, secretId: stateSecretId(ctx.config, domain), origin: sesOrigin ?? "-" }),
    },
    { yes: input.yes && !typed, dryRun: input.dryRun },
  );
}

/**
 * The one check kept from precheck is the account: rolling back in the wrong one would change
 * someone else's mail. For a previous BYODKIM selector its key must be in S3; a missing TXT record
 * is a warning with the record to publish, since SES still takes the key.
 */
async function checkRollback(ctx: CommandContext, domain: string, previousSelector: string | null, reads: RollbackReads): Promise<RollbackCheck> {
  const { region } = ctx;
  const [caller, identity, secret, permissions] = reads;
  const gates: GateResult[] = [checkIdentity({ caller, expectedAccountId: accountIdIn(ctx), region })];
  if (gates[0]!.status !== "fail") gates.push(permissions, checkSesIdentityExists({ domain, region, identity }));
  let previousKey: ParsedPrivateKey | undefined;
  let previousTxtRecord: string | null = null;
  const state = secret.ok && secret.value ? readStateObject(secret.value.text) : undefined;
  const retired = previousSelector !== null ? readKeyHistory(state)[previousSelector] : undefined;
  if (previousSelector !== null && retired?.status === "retired") {
    // Its record is revoked (or about to be): signing with it again would fail DKIM on every message.
    gates.push({
      id: "key",
      status: "fail",
      detail: msg("rollback.previousRetired", { selector: previousSelector, at: retired.retired_at ?? "?" }),
    });
  } else if (previousSelector !== null && gates.every((gate) => gate.status !== "fail")) {
    const { key, dns, parsed } = await checkKeyAndDns(ctx, domain, previousSelector);
    previousKey = parsed;
    gates.push(key, dns.status === "fail" ? { ...dns, status: "warn" } : dns);
    if (dns.status === "fail" && parsed) {
      previousTxtRecord = dkimHandoff(`${previousSelector}._domainkey.${domain}`, dkimKeyRecordValue(parsed.publicKeySpkiDer)).bindLine;
    }
  }
  // A refused old key is no dead end in an incident: the rollbacks that need no key, as SES stands now, are named under it.
  const keyRefused = gates.findIndex((gate) => gate.id === "key" && gate.status === "fail");
  const instead = keyRefused >= 0 ? otherTargets(domain, identity.ok ? (identity.value?.dkim ?? null) : null) : null;
  if (instead) gates[keyRefused] = { ...gates[keyRefused]!, lines: [...(gates[keyRefused]!.lines ?? []), instead] };
  return {
    gates,
    ok: gates.every((gate) => gate.status !== "fail"),
    selector: previousSelector,
    caller: caller.ok ? caller.value : undefined,
    sesIdentity: identity.ok ? identity.value : undefined,
    state,
    previousKey,
    previousTxtRecord,
  };
}

type RollbackReads = [Fetched<CallerIdentity>, Fetched<SesIdentityFacts | null>, Fetched<StateSecretFacts | null>, GateResult];

/**
 * The caller, the SES identity and the state secret, read together; the permission simulation
 * runs beside the SES read, as soon as STS has named the caller. A denied action warns and does not
 * block: in an incident the operator may have another way.
 */
function readForRollback(ctx: CommandContext, domain: string): Promise<RollbackReads> {
  const { aws, config } = ctx;
  const caller = fetchFact(() => aws.sts.getCallerIdentity());
  const secret = fetchFact(() => aws.state.readStateSecret(stateSecretId(config, domain)));
  const permissions = Promise.all([caller, secret]).then(([who, read]) =>
    who.ok
      ? checkCommandPermissions(ctx, who.value, { command: "rollback", domain, selectors: [], secretArn: read.ok ? read.value?.arn : undefined }, "warn")
      : undefined,
  );
  const reads = Promise.all([caller, fetchFact(() => aws.ses.getEmailIdentity(domain)), secret]);
  return reads.then(async ([who, identity, read]) => [who, identity, read, await soonOrNotAtAll(permissions, config.rollback.permissionsGraceMs)]);
}

/**
 * IAM answers from one region for the world: from Tokyo its two calls can take longer than every
 * read rollback needs. The incident waits for the simulation this long after its reads
 * (config `rollback.permissionsGraceMs`, 300 ms unless set), no more.
 */
async function soonOrNotAtAll(permissions: Promise<GateResult | undefined>, graceMs: number): Promise<GateResult> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<GateResult>((resolve) => {
    timer = setTimeout(() => resolve(checkPermissions({ kind: "notChecked", reason: msg("gate.permissions.late") }, "warn")), graceMs);
    timer.unref();
  });
  const answered = permissions.then((gate) => gate ?? checkPermissions({ kind: "notChecked", reason: msg("gate.permissions.noIam") }, "warn"));
  return Promise.race([answered, late]).finally(() => clearTimeout(timer));
}

/** The BYODKIM selector SES signed with before the rollback, whose grace period starts now. */
function switchedFrom(check: RollbackCheck): string | null {
  const dkim = check.sesIdentity?.dkim;
  return dkim?.origin === "EXTERNAL" ? (dkim.tokens[0] ?? null) : null;
}

/** The plan row and warning for signing off on an identity treated as never switched: said before the question, with SES's status. */
function signingOffUntouched(domain: string, check: RollbackCheck, why: UntouchedReason | null): Msg {
  const dkim = check.sesIdentity?.dkim;
  const healthy = dkim?.status === "SUCCESS" && dkim.signingEnabled;
  if (why === "notByodkim") {
    const origin = dkim?.origin ?? "-";
    return healthy
      ? msg("rollback.plan.notByodkimHealthy", { domain, origin })
      : msg("rollback.plan.notByodkim", { domain, origin, status: dkim?.status ?? "-" });
  }
  if (healthy) return msg("rollback.plan.untouchedHealthy", { domain });
  return msg("rollback.plan.untouched", { domain, status: dkim?.status ?? "-" });
}

/** Why there was nothing to do, in the words that are true: byodkim's records, or SES not signing with BYODKIM. */
function upToDateSummary(kind: RollbackChoice["kind"], why: UntouchedReason | null): MessageKey {
  if (why === null) return "rollback.summary.upToDate";
  if (kind === "nothing") return why === "notByodkim" ? "rollback.summary.notByodkim" : "rollback.summary.neverSwitched";
  return why === "notByodkim" ? "rollback.summary.notByodkimOff" : "rollback.summary.alreadyOff";
}

function describeTarget(target: RollbackTarget | "none", previousSelector: string | null, signing: boolean): Msg {
  if (target === "none") return msg("rollback.plan.nothing");
  if (target === "disable") return msg("rollback.plan.disable");
  return previousSelector !== null
    ? msg("rollback.plan.previousExternal", { selector: previousSelector, signing })
    : msg("rollback.plan.previousEasy", { signing });
}
