import type { StateSecretFacts } from "../aws/types.js";
import { msg } from "../messages/msg.js";
import type { Fetched } from "./fetched.js";
import { failFromError } from "./verdicts.js";
import type { GateResult } from "./types.js";

export interface StateFacts {
  readonly secretId: string;
  readonly secret: Fetched<StateSecretFacts | null>;
}

/**
 * Phases 1–5 are the operators' steps before Phase-6: switching SES then would sign with a key
 * whose DNS nobody has confirmed, so the gate fails. The phase may be a digit string ("5", " 05")
 * or a number; anything else stays a warning, as do phases the runbook does not know (0, 8).
 */
function isBeforePhase6(rawPhase: unknown): boolean {
  const phase = typeof rawPhase === "number" ? rawPhase : typeof rawPhase === "string" && /^\s*\d+\s*$/.test(rawPhase) ? Number(rawPhase) : Number.NaN;
  return Number.isInteger(phase) && phase >= 1 && phase <= 5;
}

/** Phase-7 follows Phase-6 (DNS published and verified); the state secret says where the migration is. */
export function checkMigrationState(facts: StateFacts): GateResult {
  if (!facts.secret.ok) return failFromError("state", facts.secret.error);
  if (facts.secret.value === null) {
    return { id: "state", status: "fail", detail: msg("gate.state.missing", { secretId: facts.secretId }), lines: [msg("gate.state.missing.hint")] };
  }
  let state: unknown;
  try {
    state = JSON.parse(facts.secret.value.text);
  } catch {
    state = undefined;
  }
  if (state === null || typeof state !== "object" || Array.isArray(state)) {
    return { id: "state", status: "fail", detail: msg("gate.state.notJson", { secretId: facts.secretId }) };
  }
  const record = state as Record<string, unknown>;
  const rawPhase = record["current_phase"];
  const phase = typeof rawPhase === "number" || typeof rawPhase === "string" ? String(rawPhase) : undefined;
  const data = { secretId: facts.secretId, currentPhase: phase ?? null, versionId: facts.secret.value.versionId ?? null };
  if (phase === "6") {
    return { id: "state", status: "pass", detail: msg("gate.state.phase6", { secretId: facts.secretId }), data };
  }
  if (phase === "7") {
    const completedAt = typeof record["phase_7_completed_at"] === "string" ? record["phase_7_completed_at"] : "?";
    return { id: "state", status: "warn", detail: msg("gate.state.alreadyDone", { completedAt }), data };
  }
  if (isBeforePhase6(rawPhase)) {
    return {
      id: "state",
      status: "fail",
      detail: msg("gate.state.phase6First", { phase: phase ?? "-" }),
      lines: [msg("gate.state.phase6First.hint", { secretId: facts.secretId })],
      data,
    };
  }
  if (phase === undefined) {
    return { id: "state", status: "warn", detail: msg("gate.state.noPhase", { secretId: facts.secretId }), data };
  }
  return { id: "state", status: "warn", detail: msg("gate.state.unexpectedPhase", { phase }), data };
}
