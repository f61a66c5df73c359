import type { SesIdentityFacts } from "../aws/types.js";
import { msg } from "../messages/msg.js";
import type { StateRecord } from "../state/stateSecret.js";
import type { GateResult } from "./types.js";

/**
 * The selector a rotation moves away from. Normally the one SES signs with; when SES already signs
 * with the target (an earlier rotate changed SES, then died before its record), the one the state
 * still records, so that run can be completed; null when both already say the target.
 */
export function rotationSource(
  sesSelector: string | null,
  recordedSelector: string | null,
  recordedPrevious: string | null,
  target: string | undefined,
): string | null {
  if (target === undefined || sesSelector !== target) return sesSelector;
  if (recordedSelector !== null && recordedSelector !== target) return recordedSelector;
  return recordedPrevious;
}

export interface RotationFacts {
  readonly identity: SesIdentityFacts | null | undefined;
  readonly from: string | null;
  readonly target: string | undefined;
  readonly targetFingerprint: string | undefined;
  readonly fromFingerprint: string | undefined;
  /** SES and the state record both already say the target: nothing to rotate. */
  readonly alreadyRotated: boolean;
  /** When the key history says the target was retired: its record is revoked. */
  readonly targetRetiredAt?: string | undefined;
}

/** Rotation is for an identity that signs with BYODKIM, to another selector with another key. */
export function checkRotation(facts: RotationFacts): GateResult {
  const dkim = facts.identity?.dkim;
  const data = { from: facts.from, to: facts.target ?? null, fromFingerprint: facts.fromFingerprint ?? null, toFingerprint: facts.targetFingerprint ?? null };
  const fail = (detail: GateResult["detail"], lines: GateResult["lines"] = []): GateResult => ({ id: "rotation", status: "fail", detail, lines, data });
  if (facts.identity === undefined) return fail(msg("gate.rotation.sesUnknown"));
  if (dkim?.origin !== "EXTERNAL") return fail(msg("gate.rotation.notByodkim", { origin: dkim?.origin ?? "-" }), [msg("gate.rotation.notByodkim.hint")]);
  if (facts.alreadyRotated) return { id: "rotation", status: "pass", detail: msg("gate.rotation.already", { selector: facts.target ?? "-" }), data };
  if (facts.from === null || facts.target === undefined) return fail(msg("gate.rotation.noSource"));
  if (facts.from === facts.target) return fail(msg("gate.rotation.sameSelector", { selector: facts.target }), [msg("gate.rotation.sameSelector.hint")]);
  if (facts.targetRetiredAt !== undefined) {
    return fail(msg("gate.rotation.targetRetired", { selector: facts.target, at: facts.targetRetiredAt }), [msg("gate.rotation.sameSelector.hint")]);
  }
  if (facts.targetFingerprint !== undefined && facts.targetFingerprint === facts.fromFingerprint) {
    return fail(msg("gate.rotation.sameKey", { from: facts.from, to: facts.target, fingerprint: facts.targetFingerprint }), [
      msg("gate.rotation.sameKey.hint"),
    ]);
  }
  return { id: "rotation", status: "pass", detail: msg("gate.rotation.pass", { from: facts.from, to: facts.target }), data };
}

/**
 * The selector SES signs with now must stay verifiable through the rotation: mail signed minutes
 * ago is checked against its record for days. The key gate and DNS gate for that selector decide.
 */
export function checkCurrentSelector(from: string | null, key: GateResult | undefined, dns: GateResult | undefined): GateResult {
  if (from === null || key === undefined || dns === undefined) return { id: "current", status: "fail", detail: msg("gate.current.unknown") };
  const lines = [...(key.status === "pass" ? [] : [key.detail, ...(key.lines ?? [])]), ...(dns.lines ?? [])];
  const data = { selector: from, key: key.status, dns: dns.status, servers: dns.data?.["servers"] ?? [] };
  if (key.status === "fail") return { id: "current", status: "fail", detail: msg("gate.current.noKey", { selector: from }), lines, data };
  if (dns.status === "fail")
    return {
      id: "current",
      status: "fail",
      detail: msg("gate.current.dnsGone", { selector: from }),
      lines: [...lines, msg("gate.current.dnsGone.hint")],
      data,
    };
  return { id: "current", status: dns.status, detail: msg("gate.current.pass", { selector: from }), lines, data };
}

/** A rotation follows Phase-7 (or an earlier rotation): before that, `enable` is the command. */
export function checkRotationState(secretId: string, state: StateRecord | undefined, stateGate: GateResult): GateResult {
  if (stateGate.status === "fail") return stateGate;
  if (state === undefined) return { id: "state", status: "fail", detail: msg("gate.state.notJson", { secretId }) };
  const phase = String(state["current_phase"] ?? "-");
  if (phase !== "7")
    return {
      id: "state",
      status: "fail",
      detail: msg("gate.state.rotationNeedsPhase7", { phase }),
      lines: [msg("gate.rotation.notByodkim.hint")],
      data: stateGate.data ?? {},
    };
  const since =
    typeof state["rotated_at"] === "string" ? state["rotated_at"] : typeof state["phase_7_completed_at"] === "string" ? state["phase_7_completed_at"] : "?";
  return { id: "state", status: "pass", detail: msg("gate.state.rotationReady", { since }), data: stateGate.data ?? {} };
}
