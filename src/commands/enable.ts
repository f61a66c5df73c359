import { msg } from "../messages/msg.js";
import { afterSwitch, KEY_HISTORY_FIELD, readKeyHistory } from "../state/keyHistory.js";
import type { ChangeCheck } from "../engine/change/changePlan.js";
import type { ChangeResult } from "../engine/change/changeTypes.js";
import { signingWith, snapshotDkim } from "../engine/change/dkimSettings.js";
import { rollbackChoices } from "../engine/change/rollbackPreview.js";
import { restorableSnapshot } from "../engine/change/snapshot.js";
import { runChange } from "../engine/change/pipeline.js";
import type { CommandContext } from "../engine/context.js";
import { type GateRun, runGates } from "../engine/gateRunner.js";
import { resolveGateTarget, type TargetInput } from "../engine/gateTarget.js";
import { waitForSwitch } from "../engine/waitForDkim.js";
import { type ChangeProbeRequest, changeProbing } from "../engine/probe/changeProbes.js";
import { requireProbeConfig } from "../engine/probe/probe.js";

export interface EnableInput extends TargetInput {
  readonly yes: boolean;
  readonly dryRun: boolean;
  readonly waitSeconds: number;
  readonly forceUnlock: boolean;
  /** `--probe`, `--probe-every`: probe mail read back during and after the wait. */
  readonly probe?: ChangeProbeRequest;
}

type EnableCheck = ChangeCheck & {
  readonly run: GateRun;
  /** --selector, or the one the first check chose: the re-check judges this one, the record and the finish command name it. */
  readonly chosenSelector: string | undefined;
  /** Another BYODKIM selector SES signs with now: the switch replaces it, and it starts its grace period. */
  readonly signingBefore: string | null;
};

/** Phase-7 Steps 22–23 through the guarded-change pipeline: the gates are precheck's, the record is Phase-7's. */
export async function enable(ctx: CommandContext, input: EnableInput): Promise<ChangeResult> {
  const { domain, selector: requested } = resolveGateTarget(ctx, input);
  // Asked for probes with nowhere to read them back: said now, before anything changes.
  if (input.probe) requireProbeConfig(ctx.config);
  return runChange<EnableCheck>(
    ctx,
    {
      command: "enable",
      domain,
      async check(first) {
        // The selector the first check chose is the one confirmed: the re-check must judge that one.
        const asked = requested ?? first?.chosenSelector;
        const run = await runGates(ctx, { domain, selector: asked, permissionsFor: "enable", probing: input.probe !== undefined });
        const dkim = run.sesIdentity?.dkim;
        return {
          run,
          gates: run.gates,
          ok: run.ok,
          selector: run.selector ?? null,
          caller: run.caller,
          sesIdentity: run.sesIdentity,
          state: run.state,
          chosenSelector: asked ?? run.selector,
          signingBefore: dkim?.origin === "EXTERNAL" && dkim.tokens[0] !== undefined && dkim.tokens[0] !== run.selector ? dkim.tokens[0] : null,
        };
      },
      describe({ run, selector }) {
        const chosen = selector ?? "";
        return {
          title: msg("enable.plan.title", { domain }),
          intents: [
            { kind: "signWithExternalKey", selector: chosen },
            { kind: "setSigning", enabled: true },
          ],
          rows: [
            {
              label: msg("enable.plan.after"),
              value: msg("enable.plan.afterValue", { selector: chosen, bits: run.key?.bits ?? 0, fingerprint: run.key?.publicKeyFingerprint ?? "-" }),
            },
            {
              label: msg("enable.plan.rollback"),
              // What rollback really does with the snapshot this run takes, for each --to.
              ...(run.sesIdentity
                ? rollbackChoices(domain, restorableSnapshot(run.state, snapshotDkim(run.sesIdentity, ctx.clock.now()), signingWith(chosen)))
                : { value: msg("enable.plan.rollbackValue", { domain }), dkim: null }),
            },
            { label: msg("enable.plan.risk"), value: msg("enable.plan.riskValue", { domain }) },
          ],
          details: { selector: chosen, keyBits: run.key?.bits ?? null, publicKeyFingerprint: run.key?.publicKeyFingerprint ?? null },
        };
      },
      signingKey: ({ run }) => run.key?.material,
      sameChange: (first, second) => first.selector === second.selector && first.run.key?.publicKeyFingerprint === second.run.key?.publicKeyFingerprint,
      isRecorded: ({ state, selector }) => state?.["current_phase"] === "7" && state["selector"] === selector && state["byodkim_enabled"] === true,
      confirmQuestion: msg("enable.confirm", { domain }),
      snapshot: "restorable",
      lock: { ttlMs: (input.waitSeconds + 600) * 1000, optional: false, force: input.forceUnlock },
      wait: waitForSwitch(ctx, domain, input.waitSeconds, (check: EnableCheck) => changeProbing(ctx, domain, check.chosenSelector ?? "", input.probe)),
      record: (operator, now, state, { run, chosenSelector, signingBefore }) => ({
        current_phase: "7",
        byodkim_enabled: true,
        signing_enabled: true,
        selector: chosenSelector,
        phase_7_completed_at: now.toISOString(),
        phase_7_operator: operator,
        // The first BYODKIM key starts its life here, as a rotated one does: later rotations and retire read it.
        [KEY_HISTORY_FIELD]: afterSwitch(readKeyHistory(state), {
          from: signingBefore,
          to: chosenSelector ?? "",
          at: now,
          graceDays: ctx.config.rotation.graceDays,
          key: { bits: run.key?.bits, fingerprint: run.key?.publicKeyFingerprint },
        }),
      }),
      recordOptional: false,
      undoCommand: () => `byodkim rollback ${domain}`,
      // The selector the run confirmed, as rotate's --to: without it a re-run might pick a newer key.
      finishCommand: ({ chosenSelector }) => `byodkim enable ${domain} --selector ${chosenSelector ?? "<selector>"}`,
      summaries: { completed: "enable.summary.enabled", upToDate: "enable.summary.alreadyActive" },
      next: () => msg("enable.next", { domain }),
    },
    input,
  );
}
