import { stateSecretId } from "../../config/config.js";
import type { JournalWriter } from "../../state/journal.js";
import { type StatePatch, type StateRecord, updateState } from "../../state/stateSecret.js";
import type { CommandContext } from "../context.js";
import { type DkimSettings, type DkimSnapshot, readSnapshot, sameSettings, settingsOf } from "./dkimSettings.js";

export const SNAPSHOT_FIELD = "byodkim_snapshot";
export const LAST_RUN_FIELD = "byodkim_last_run";

/**
 * Before the first call. A restorable snapshot goes to the state secret for `rollback --to
 * previous`, unless it belongs to an earlier run that changed SES part-way and never finished:
 * that one still describes the settings before the change, and this run completes it. Nor when
 * SES already has the target and this run only restarts a verification SES gave up on: the
 * settings before are the stuck ones, and the earlier run's snapshot is what the switch replaced.
 */
export async function takeSnapshot(
  ctx: Pick<CommandContext, "aws" | "config">,
  domain: string,
  kind: "restorable" | "journal",
  before: DkimSnapshot,
  state: StateRecord | undefined,
  journal: JournalWriter,
  target: DkimSettings,
): Promise<void> {
  if (kind === "journal") {
    journal.append("snapshot", { snapshot: before, restorable: false });
    return;
  }
  const earlier = keptSnapshot(state, before, target);
  if (earlier) {
    journal.append("snapshot", { snapshot: earlier.snapshot, restorable: true, keptFromRun: earlier.runId, sesBefore: before });
    return;
  }
  await updateState(ctx.aws.state, stateSecretId(ctx.config, domain), () => ({ [SNAPSHOT_FIELD]: { ...before, runId: journal.runId, journal: journal.path } }));
  journal.append("snapshot", { snapshot: before, restorable: true });
}

/** What `rollback --to previous` will restore once this run has taken its snapshot. */
export function restorableSnapshot(state: StateRecord | undefined, before: DkimSnapshot, target: DkimSettings): DkimSnapshot {
  return keptSnapshot(state, before, target)?.snapshot ?? before;
}

function keptSnapshot(state: StateRecord | undefined, before: DkimSnapshot, target: DkimSettings): { snapshot: DkimSnapshot; runId: string } | null {
  const stored = state?.[SNAPSHOT_FIELD] as { runId?: unknown } | undefined;
  const snapshot = readSnapshot(stored);
  const runId = typeof stored?.runId === "string" ? stored.runId : null;
  if (!snapshot || runId === null) return null;
  const lastRun = state?.[LAST_RUN_FIELD] as { runId?: unknown } | undefined;
  // A state written before byodkim marked finished snapshots says "finished" only by its phase. With
  // rotations phase 7 is the rule, not the sign of a finished run.
  const finished =
    (stored as { finished?: unknown }).finished === true || lastRun?.runId === runId || (lastRun === undefined && state?.["current_phase"] === "7");
  const restart = sameSettings(settingsOf(before), target);
  return (!finished || restart) && !sameSettings(settingsOf(snapshot), settingsOf(before)) ? { snapshot, runId } : null;
}

/**
 * The record of a finished change that snapshots: its snapshot (or the earlier run's it completed)
 * is marked finished, so later runs of other commands (keygen, retire) do not make it look unfinished.
 */
export function finishedSnapshotPatch(state: StateRecord): StatePatch {
  const stored = state[SNAPSHOT_FIELD];
  if (readSnapshot(stored) === null) return {};
  return { [SNAPSHOT_FIELD]: { ...(stored as Record<string, unknown>), finished: true } };
}
