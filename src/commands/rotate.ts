import { stateSecretId } from "../config/config.js";
import type { ParsedPrivateKey } from "../dkim/privateKey.js";
import { checkCurrentSelector, checkRotation, checkRotationState, rotationSource } from "../gates/rotationGates.js";
import type { GateResult } from "../gates/types.js";
import { msg } from "../messages/msg.js";
import { afterSwitch, readKeyHistory, KEY_HISTORY_FIELD } from "../state/keyHistory.js";
import type { ChangeCheck } from "../engine/change/changePlan.js";
import type { ChangeResult } from "../engine/change/changeTypes.js";
import { signingWith, snapshotDkim } from "../engine/change/dkimSettings.js";
import { runChange } from "../engine/change/pipeline.js";
import { rollbackChoices } from "../engine/change/rollbackPreview.js";
import { restorableSnapshot } from "../engine/change/snapshot.js";
import type { CommandContext } from "../engine/context.js";
import { checkKeyAndDns, type GateRun, runGates } from "../engine/gateRunner.js";
import { resolveGateTarget } from "../engine/gateTarget.js";
import { waitForSwitch } from "../engine/waitForDkim.js";
import { type ChangeProbeRequest, changeProbing } from "../engine/probe/changeProbes.js";
import { requireProbeConfig } from "../engine/probe/probe.js";

export interface RotateInput {
  readonly domain: string | undefined;
  /** The selector to rotate to; the newest key in S3 when absent. */
  readonly to: string | undefined;
  readonly yes: boolean;
  readonly dryRun: boolean;
  readonly waitSeconds: number;
  readonly forceUnlock: boolean;
  /** `--probe`, `--probe-every`: probe mail read back during and after the wait. */
  readonly probe?: ChangeProbeRequest;
}

type RotateCheck = ChangeCheck & {
  readonly run: GateRun;
  /** --to, or the one the first check chose: the re-check judges this one, the record and the finish command name it. */
  readonly chosenSelector: string | undefined;
  /** The selector SES moves away from. */
  readonly from: string | null;
  readonly fromKey: ParsedPrivateKey | undefined;
  /** SES and the state record already say the target: a re-run restarts or records, it does not switch. */
  readonly alreadyRotated: boolean;
};

const DAY_MS = 86_400_000;
const recorded = (value: unknown) => (typeof value === "string" ? value : null);

/** The monthly rotation: every precheck gate for the new selector, the old one kept verifiable, one call, the wait, the record. */
export async function rotate(ctx: CommandContext, input: RotateInput): Promise<ChangeResult> {
  const { domain, selector: requested } = resolveGateTarget(ctx, { domain: input.domain, selector: input.to });
  // Asked for probes with nowhere to read them back: said now, before anything changes.
  if (input.probe) requireProbeConfig(ctx.config);
  const graceDays = ctx.config.rotation.graceDays;
  return runChange<RotateCheck>(
    ctx,
    {
      command: "rotate",
      domain,
      async check(first) {
        // As in enable: the selector the first check chose is the one confirmed and re-checked.
        const asked = requested ?? first?.chosenSelector;
        const run = await runGates(ctx, { domain, selector: asked, permissionsFor: "rotate", probing: input.probe !== undefined });
        return judgeRotation(ctx, domain, run, asked ?? run.selector);
      },
      describe({ run, from, fromKey, alreadyRotated }) {
        const to = run.selector ?? "";
        const retireFrom = graceEnd(ctx.clock.now(), graceDays);
        return {
          title: msg("rotate.plan.title", { domain, from: from ?? "-", to }),
          intents: [
            { kind: "signWithExternalKey", selector: to },
            { kind: "setSigning", enabled: true },
          ],
          rows: [
            { label: msg("rotate.plan.from"), value: fromRow(from, fromKey, to, alreadyRotated) },
            {
              label: msg("rotate.plan.to"),
              value: msg("rotate.plan.key", { selector: to, bits: run.key?.bits ?? 0, fingerprint: run.key?.publicKeyFingerprint ?? "-" }),
            },
            {
              label: msg("enable.plan.rollback"),
              // What rollback really does with the snapshot this run takes, for each --to.
              ...(run.sesIdentity
                ? rollbackChoices(domain, restorableSnapshot(run.state, snapshotDkim(run.sesIdentity, ctx.clock.now()), signingWith(to)))
                : { value: msg("enable.plan.rollbackValue", { domain }), dkim: null }),
            },
            { label: msg("rotate.plan.retire"), value: msg("rotate.plan.retireValue", { selector: from ?? "-", date: retireFrom, days: graceDays, domain }) },
          ],
          details: {
            from,
            to,
            fromFingerprint: fromKey?.publicKeyFingerprint ?? null,
            toFingerprint: run.key?.publicKeyFingerprint ?? null,
            keyBits: run.key?.bits ?? null,
          },
        };
      },
      signingKey: ({ run }) => run.key?.material,
      sameChange: (first, second) =>
        first.run.selector === second.run.selector &&
        first.from === second.from &&
        first.run.key?.publicKeyFingerprint === second.run.key?.publicKeyFingerprint,
      isRecorded: ({ state, run }) => state?.["selector"] === run.selector && state?.["current_phase"] === "7",
      confirmQuestion: msg("rotate.confirm", { domain }),
      snapshot: "restorable",
      lock: { ttlMs: (input.waitSeconds + 600) * 1000, optional: false, force: input.forceUnlock },
      wait: waitForSwitch(ctx, domain, input.waitSeconds, (check: RotateCheck) => changeProbing(ctx, domain, check.chosenSelector ?? "", input.probe)),
      record: (operator, now, state, { run, chosenSelector, from }) => ({
        current_phase: "7",
        byodkim_enabled: true,
        signing_enabled: true,
        selector: chosenSelector,
        previous_selector: from,
        rotated_at: now.toISOString(),
        rotated_by: operator,
        [KEY_HISTORY_FIELD]: afterSwitch(readKeyHistory(state), {
          from,
          to: chosenSelector ?? "",
          at: now,
          graceDays,
          key: { bits: run.key?.bits, fingerprint: run.key?.publicKeyFingerprint },
        }),
      }),
      recordOptional: false,
      undoCommand: () => `byodkim rollback ${domain} --to previous`,
      // The selector the run confirmed: without --to a re-run might pick a newer key.
      finishCommand: ({ chosenSelector }) => `byodkim rotate ${domain} --to ${chosenSelector ?? "<selector>"}`,
      summaries: { completed: "rotate.summary.rotated", upToDate: "rotate.summary.upToDate" },
      // Read when the run ends: the old selector's grace period counts from then.
      next: ({ from }) => msg("rotate.next", { domain, from: from ?? "-", date: graceEnd(ctx.clock.now(), graceDays) }),
    },
    input,
  );
}

/** Precheck's gates judged for a rotation: where SES moves from, that key kept verifiable, and the switch itself. */
async function judgeRotation(ctx: CommandContext, domain: string, run: GateRun, chosenSelector: string | undefined): Promise<RotateCheck> {
  const dkim = run.sesIdentity?.dkim;
  const sesSelector = dkim?.origin === "EXTERNAL" ? (dkim.tokens[0] ?? null) : null;
  const from = rotationSource(sesSelector, recorded(run.state?.["selector"]), recorded(run.state?.["previous_selector"]), run.selector);
  const alreadyRotated = run.selector !== undefined && sesSelector === run.selector && recorded(run.state?.["selector"]) === run.selector;
  // The old selector's key and record: kept verifiable through the grace period, and what rollback restores.
  const current = from !== null && !alreadyRotated && run.gates[0]?.status !== "fail" ? await checkKeyAndDns(ctx, domain, from) : undefined;
  const stateGate = run.gates.find((gate) => gate.id === "state")!;
  const gates: GateResult[] = [
    ...run.gates.map((gate) => (gate.id === "state" ? checkRotationState(stateSecretId(ctx.config, domain), run.state, stateGate) : gate)),
    alreadyRotated
      ? { id: "current", status: "pass", detail: msg("gate.rotation.already", { selector: run.selector ?? "-" }) }
      : checkCurrentSelector(from, current?.key, current?.dns),
    checkRotation({
      identity: run.sesIdentity,
      from,
      target: run.selector,
      targetFingerprint: run.key?.publicKeyFingerprint,
      fromFingerprint: current?.parsed?.publicKeyFingerprint,
      alreadyRotated,
      targetRetiredAt: retiredAt(run.state, run.selector),
    }),
  ];
  return {
    run,
    chosenSelector,
    gates,
    ok: gates.every((gate) => gate.status !== "fail"),
    selector: run.selector ?? null,
    caller: run.caller,
    sesIdentity: run.sesIdentity,
    state: run.state,
    from,
    fromKey: current?.parsed,
    alreadyRotated,
  };
}

/** The plan's "from" row: the key read for it, or, when an earlier run already switched SES (no key read), that. */
function fromRow(from: string | null, fromKey: ParsedPrivateKey | undefined, to: string, alreadyRotated: boolean) {
  if (alreadyRotated) return from === null ? msg("rotate.plan.noFrom", { to }) : msg("rotate.plan.fromEarlier", { selector: from, to });
  return msg("rotate.plan.key", { selector: from ?? "-", bits: fromKey?.bits ?? 0, fingerprint: fromKey?.publicKeyFingerprint ?? "-" });
}

function retiredAt(state: GateRun["state"], selector: string | undefined): string | undefined {
  const entry = selector === undefined ? undefined : readKeyHistory(state)[selector];
  return entry?.status === "retired" ? (entry.retired_at ?? "?") : undefined;
}

/**
 * When retire will first allow the old selector, rounded up to the minute (it is shown to the
 * minute, in the operator's zone, and must not read earlier than the gate counts from). ISO, so
 * the journal keeps UTC and the terminal shows local time. Not part of the compared plan details,
 * since it moves with the clock while the operator sits at the prompt.
 */
function graceEnd(now: Date, graceDays: number): string {
  return new Date(Math.ceil((now.getTime() + graceDays * DAY_MS) / 60_000) * 60_000).toISOString();
}
