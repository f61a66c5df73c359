import { byodkimError } from "../../errors.js";
import { type Msg, msg } from "../../messages/msg.js";
import type { StateRecord } from "../../state/stateSecret.js";
import { type DkimSnapshot, isEasyDkimOrigin } from "./dkimSettings.js";

/** `easy-dkim`: back to Easy DKIM (origin AWS_SES), signing on; like disable, it needs no key of byodkim's. */
export type RollbackTarget = "disable" | "previous" | "easy-dkim";

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

/**
 * Why rollback treats an identity as one byodkim never switched: its records say so, or no
 * snapshot is known and SES does not sign with BYODKIM (origin not EXTERNAL), so there is no
 * BYODKIM to undo and turning signing off would only leave a working domain's mail unsigned.
 */
export type UntouchedReason = "neverSwitched" | "notByodkim";

/** What rollback will do: nothing, turn signing off, restore the snapshot, or go back to Easy DKIM. */
export type RollbackChoice =
  /** Nothing of byodkim's to undo. */
  | { readonly kind: "nothing"; readonly why: UntouchedReason }
  /** `typedConfirmation`: the operator must type the domain even with --yes (signing off on an identity treated as untouched, for `why`). */
  | { readonly kind: "disable"; readonly typedConfirmation: false }
  | { readonly kind: "disable"; readonly typedConfirmation: true; readonly why: UntouchedReason }
  | { readonly kind: "previous"; readonly snapshot: DkimSnapshot }
  | { readonly kind: "easy-dkim" };

/**
 * The target from --to, the snapshot, the history and SES's DKIM origin now (`undefined` when SES
 * could not be read). Rollback must never harm a healthy identity: without a record that byodkim
 * switched it, the default is to change nothing, and turning signing off has to be asked for by
 * name and confirmed by typing the domain. Without a snapshot the default (turn signing off) is
 * for an identity SES signs with BYODKIM only.
 */
export function chooseRollback(
  to: RollbackTarget | undefined,
  snapshot: DkimSnapshot | null,
  history: SwitchHistory,
  domain: string,
  sesOrigin?: string | null,
): RollbackChoice {
  const notByodkim = !snapshot && sesOrigin !== undefined && sesOrigin !== "EXTERNAL";
  const why: UntouchedReason | null =
    history === "neverSwitched" ? "neverSwitched" : notByodkim && (history === "unknown" || to === undefined) ? "notByodkim" : null;
  if (why) return to === "disable" ? { kind: "disable", typedConfirmation: true, why } : { kind: "nothing", why };
  const target = to ?? (snapshot ? "previous" : "disable");
  if (target === "disable") return { kind: "disable", typedConfirmation: false };
  if (target === "easy-dkim") return { kind: "easy-dkim" };
  if (!snapshot) throw byodkimError("usage", "rollback.noSnapshot", { domain }, "rollback.noSnapshot.hint");
  return { kind: "previous", snapshot };
}

/**
 * The rollbacks that need no key of byodkim's and would change something now, for a refusal of
 * the previous key: signing off while SES signs, Easy DKIM while SES is not on it. Null when neither would.
 */
export function otherTargets(domain: string, dkim: { readonly origin?: string | null; readonly signingEnabled?: boolean } | null): Msg | null {
  const disable = dkim?.signingEnabled === true;
  const easyDkim = dkim !== null && !isEasyDkimOrigin(dkim.origin ?? null);
  if (disable && easyDkim) return msg("rollback.otherTargets.both", { domain });
  if (disable) return msg("rollback.otherTargets.disable", { domain });
  if (easyDkim) return msg("rollback.otherTargets.easyDkim", { domain });
  return null;
}
