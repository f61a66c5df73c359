import { msg } from "../../messages/msg.js";
import type { ProbeTargetResult } from "../../gates/probeVerdict.js";
import type { CommandContext } from "../context.js";
import type { ChangeCheck } from "./changePlan.js";
import { type ChangeRun, type Ending, heldLock, recordTarget } from "./changeRun.js";
import type { ChangeSpec } from "./changeSpec.js";
import { classifySesChange, snapshotDkim } from "./dkimSettings.js";
import { overtakenDuringWait, proveStillOurs } from "./stillOurs.js";

/**
 * A change that waits (enable, rotate) waits for SES's verdict, and stops when another run
 * overtakes it; one that does not proves the change is still its own. Then the command says what
 * else the operator must know. Null: the change stands, and is recorded next.
 */
export async function waitForChange<C extends ChangeCheck>(ctx: CommandContext, spec: ChangeSpec<C>, run: ChangeRun<C>): Promise<Ending | null> {
  const { journal } = run.confirmed();
  const ending = spec.wait ? await waitForSes(ctx, spec, run) : await proveUnwaited(ctx, spec, run);
  if (ending) return ending;
  const after = (await spec.afterCalls?.(run.sesNow, run.check)) ?? { warnings: [], dnsRecordsNeeded: [] };
  run.warnings.push(...after.warnings);
  run.dnsRecordsNeeded.push(...after.dnsRecordsNeeded);
  run.sesAfter = run.sesNow ? snapshotDkim(run.sesNow, ctx.clock.now()) : null;
  journal.append("ses-after", { sesNow: run.sesAfter, dnsRecordsNeeded: run.dnsRecordsNeeded, elapsedMs: run.elapsedMs });
  return null;
}

async function waitForSes<C extends ChangeCheck>(ctx: CommandContext, spec: ChangeSpec<C>, run: ChangeRun<C>): Promise<Ending | null> {
  const { plan, journal } = run.confirmed();
  ctx.events.emit({ type: "step", message: msg("change.waiting") });
  const waited = await spec.wait!(
    run.check,
    () => ctx.interrupt.requested(),
    (identity) => overtakenDuringWait(ctx, heldLock(run), identity, recordTarget(spec, run)),
  );
  run.sesNow = waited.identity;
  run.verificationError = waited.identity?.verificationInfo?.errorType ?? null;
  const snapshotNow = run.sesNow ? snapshotDkim(run.sesNow, ctx.clock.now()) : null;
  journal.append("wait-ended", { result: waited.kind, sesNow: snapshotNow, verificationError: run.verificationError });
  if (waited.probeWindow) {
    run.probeWindow = waited.probeWindow;
    journal.append("probe-window", { ...waited.probeWindow });
  }
  if (waited.probes) {
    run.probes = waited.probes;
    journal.append("probes-read", { targets: waited.probes.map(journaledProbe) });
  }
  if (waited.kind === "overtaken") {
    // An incident rollback took over: waiting on would wait for its settings, and this run's advice would undo it.
    journal.append("changed-by-another-run", { reason: waited.error.what, sesNow: snapshotNow });
    return { outcome: "changedByAnotherRun", error: waited.error, sesNow: snapshotNow };
  }
  const endedBy = { success: null, failed: "verificationFailed", timeout: "timedOut", interrupted: "interrupted" } as const;
  const outcome = endedBy[waited.kind];
  if (outcome === null) return null;
  return { outcome, sesNow: snapshotNow, sesChange: outcome === "interrupted" ? classifySesChange(plan.current, snapshotNow, plan.target) : null };
}

/**
 * The proof before the record reads SES after proving the lock: that one read is also what the
 * operator is told SES shows now. Should it fail, the record's own proof reads again.
 */
async function proveUnwaited<C extends ChangeCheck>(ctx: CommandContext, spec: ChangeSpec<C>, run: ChangeRun<C>): Promise<null> {
  const proof = await proveStillOurs(ctx, spec.domain, heldLock(run), recordTarget(spec, run)).catch(() => null);
  run.sesNow = proof?.identity ?? null;
  run.proven = proof && { changedBy: proof.changedBy };
  return null;
}

/** A probe as the journal keeps it: what was sent where, and the verdict with its signatures (no message body, nothing secret). */
function journaledProbe(probe: ProbeTargetResult) {
  const { problem, problemHint, ...facts } = probe;
  return { ...facts, problem: problem?.key ?? null };
}
