import { stateSecretId } from "../../config/config.js";
import { msg } from "../../messages/msg.js";
import { updateState } from "../../state/stateSecret.js";
import type { CommandContext } from "../context.js";
import type { ChangeCheck } from "./changePlan.js";
import { asByodkimError, type ChangeRun, type Ending, heldLock, recordTarget } from "./changeRun.js";
import type { ChangeSpec } from "./changeSpec.js";
import { finishedSnapshotPatch, LAST_RUN_FIELD } from "./snapshot.js";
import { anotherRunsChange } from "./stillOurs.js";

/**
 * Writes the command's record to the state secret, once proven that the change is still this
 * run's. A record that cannot be written fails the run, unless the command's record is optional.
 */
export async function recordChange<C extends ChangeCheck>(ctx: CommandContext, spec: ChangeSpec<C>, run: ChangeRun<C>): Promise<Ending> {
  const { plan, journal, runId, operator } = run.confirmed();
  try {
    const changedBy = run.proven ? run.proven.changedBy : await anotherRunsChange(ctx, spec.domain, heldLock(run), recordTarget(spec, run));
    if (changedBy) {
      journal.append("changed-by-another-run", { reason: changedBy.error.what, sesNow: changedBy.sesNow });
      return { outcome: "changedByAnotherRun", error: changedBy.error, sesNow: changedBy.sesNow };
    }
    const recorded = await updateState(ctx.aws.state, stateSecretId(ctx.config, spec.domain), (state) => ({
      ...spec.record(operator, ctx.clock.now(), state, run.check),
      ...(spec.snapshot === "restorable" ? finishedSnapshotPatch(state) : {}),
      [LAST_RUN_FIELD]: {
        runId,
        command: spec.command,
        completedAt: ctx.clock.now().toISOString(),
        completes: plan.earlierJournal,
        // Beside the run id, so the state says which ticket its last change answers; a record without it is an older run's, or one named by none.
        ...(ctx.changeId === undefined ? {} : { changeId: ctx.changeId }),
      },
    }));
    journal.append("state-recorded", { versionId: recorded.versionId ?? null, requestId: recorded.requestId ?? null, completes: plan.earlierJournal });
  } catch (err) {
    const error = asByodkimError(err);
    journal.append("state-not-recorded", { reason: error.what });
    if (!spec.recordOptional) return { outcome: "recordFailed", error, sesNow: run.sesAfter, sesChange: "target" };
    run.warnings.push(spec.recordNotWritten ?? msg("change.stateNotRecorded", { secretId: stateSecretId(ctx.config, spec.domain) }));
  }
  return { outcome: "completed", sesNow: run.sesAfter };
}
