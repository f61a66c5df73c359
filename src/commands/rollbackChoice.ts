import { byodkimError } from "../errors.js";
import type { StateRecord } from "../state/stateSecret.js";
import type { DkimSnapshot } from "./change/dkimSettings.js";

export type RollbackTarget = "disable" | "previous";

/**
 * What byodkim's own records say about the identity: it switched it (or rolled it back) before,
 * it never did, or the records could not be read. Only a record read and found silent proves
 * "never": an unreadable secret during an incident must not stop a rollback.
 */
export type SwitchHistory = "switched" | "neverSwitched" | "unknown";

/**
 * `state` is the state secret's JSON: `undefined` when it could not be read (or is not JSON),
 * `null` when the secret does not exist. A missing secret proves nothing (the config may name the
 * wrong one), so it counts as unknown, not as never switched.
 */
export function switchHistory(snapshot: DkimSnapshot | null, state: StateRecord | null | undefined): SwitchHistory {
  if (snapshot) return "switched";
  if (!state) return "unknown";
  const saidByodkim =
    String(state["current_phase"]) === "7" ||
    state["byodkim_enabled"] === true ||
    state["phase_7_completed_at"] !== undefined ||
    state["rollback_target"] !== undefined ||
    state["byodkim_snapshot"] !== undefined;
  return saidByodkim ? "switched" : "neverSwitched";
}

/** What rollback will do: nothing, turn signing off, or restore the snapshot. */
export type RollbackChoice =
  /** byodkim never switched the identity: there is nothing of its own to undo. */
  | { readonly kind: "nothing" }
  /** `typedConfirmation`: the operator must type the domain even with --yes (signing off on an identity byodkim never touched). */
  | { readonly kind: "disable"; readonly typedConfirmation: boolean }
  | { readonly kind: "previous"; readonly snapshot: DkimSnapshot };

/**
 * The target from --to, the snapshot and the history. Rollback must never harm a healthy identity:
 * without a record that byodkim switched it, the default is to change nothing, and turning signing
 * off has to be asked for by name and confirmed by typing the domain.
 */
export function chooseRollback(to: RollbackTarget | undefined, snapshot: DkimSnapshot | null, history: SwitchHistory, domain: string): RollbackChoice {
  if (history === "neverSwitched") return to === "disable" ? { kind: "disable", typedConfirmation: true } : { kind: "nothing" };
  const target = to ?? (snapshot ? "previous" : "disable");
  if (target === "disable") return { kind: "disable", typedConfirmation: false };
  if (!snapshot) throw byodkimError("usage", "rollback.noSnapshot", { domain }, "rollback.noSnapshot.hint");
  return { kind: "previous", snapshot };
}
