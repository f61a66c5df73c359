import type { AlarmFacts, SesIdentityFacts, StateSecretFacts } from "../aws/types.js";
import type { AlarmExpectation } from "../config/config.js";
import { msg, type Msg } from "../messages/msg.js";
import type { Fetched } from "./fetched.js";
import type { GateResult } from "./types.js";
import { failFromError } from "./verdicts.js";

/** The seed's success indicators for SES: signing on, origin EXTERNAL, SUCCESS, Tokens = [selector]. */
export function checkSesAfterEnable(identity: Fetched<SesIdentityFacts | null>, selector: string | undefined): GateResult {
  if (!identity.ok) return failFromError("ses", identity.error);
  const dkim = identity.value?.dkim;
  const facts = {
    origin: dkim?.origin ?? "-",
    signing: dkim?.signingEnabled ?? false,
    status: dkim?.status ?? "-",
    tokens: dkim?.tokens.join(", ") || "-",
  };
  const problems: Msg[] = [];
  if (!dkim?.signingEnabled) problems.push(msg("verify.ses.signingOff"));
  if (dkim?.origin !== "EXTERNAL") problems.push(msg("verify.ses.notExternal", { origin: facts.origin }));
  if (dkim?.status !== "SUCCESS")
    problems.push(msg("verify.ses.notSuccess", { status: facts.status, errorType: identity.value?.verificationInfo?.errorType ?? "-" }));
  if (selector === undefined || dkim?.tokens.length !== 1 || dkim.tokens[0] !== selector)
    problems.push(msg("verify.ses.tokens", { tokens: facts.tokens, selector: selector ?? "-" }));
  return {
    id: "ses",
    status: problems.length === 0 ? "pass" : "fail",
    detail: problems.length === 0 ? msg("verify.ses.pass", { selector: selector ?? "-" }) : msg("verify.ses.fail", { ...facts }),
    lines: problems,
    data: { ...facts, signingEnabled: dkim?.signingEnabled ?? false },
  };
}

/** Secrets Manager: current_phase "7", byodkim_enabled and signing_enabled true, phase_7_completed_at set. */
export function checkStateAfterEnable(secret: Fetched<StateSecretFacts | null>, secretId: string): GateResult {
  if (!secret.ok) return failFromError("state", secret.error);
  if (secret.value === null) return { id: "state", status: "fail", detail: msg("gate.state.missing", { secretId }) };
  let state: Record<string, unknown>;
  try {
    const parsed: unknown = JSON.parse(secret.value.text);
    if (parsed === null || typeof parsed !== "object" || Array.isArray(parsed)) throw new Error("not an object");
    state = parsed as Record<string, unknown>;
  } catch {
    return { id: "state", status: "fail", detail: msg("gate.state.notJson", { secretId }) };
  }
  const problems: Msg[] = [];
  if (String(state["current_phase"]) !== "7")
    problems.push(msg("verify.state.field", { field: "current_phase", expected: '"7"', actual: JSON.stringify(state["current_phase"] ?? null) }));
  for (const field of ["byodkim_enabled", "signing_enabled"]) {
    if (state[field] !== true) problems.push(msg("verify.state.field", { field, expected: "true", actual: JSON.stringify(state[field] ?? null) }));
  }
  if (typeof state["phase_7_completed_at"] !== "string")
    problems.push(msg("verify.state.field", { field: "phase_7_completed_at", expected: "a time", actual: "null" }));
  return {
    id: "state",
    status: problems.length === 0 ? "pass" : "fail",
    detail:
      problems.length === 0
        ? msg("verify.state.pass", { completedAt: String(state["phase_7_completed_at"]) })
        : msg("verify.state.fail", { count: problems.length }),
    lines: problems,
    data: { currentPhase: state["current_phase"] ?? null, selector: state["selector"] ?? null },
  };
}

/** After the change each alarm should be in its `after` state (the verification alarm going ALARM → OK). */
export function checkAlarmsAfterEnable(expected: readonly AlarmExpectation[], found: Fetched<readonly AlarmFacts[]>): GateResult {
  if (expected.length === 0) return { id: "alarms", status: "warn", detail: msg("gate.alarms.noneConfigured") };
  if (!found.ok) return failFromError("alarms", found.error);
  const byName = new Map(found.value.map((alarm) => [alarm.name, alarm]));
  const lines = expected.map((expectation) => {
    const alarm = byName.get(expectation.name);
    if (!alarm) return { ok: false, line: msg("gate.alarms.missing", { name: expectation.name }) };
    const ok = alarm.state === expectation.after;
    return { ok, line: msg(ok ? "gate.alarms.inState" : "gate.alarms.wrongState", { name: alarm.name, state: alarm.state, allowed: expectation.after }) };
  });
  const bad = lines.filter((entry) => !entry.ok).length;
  return {
    id: "alarms",
    status: bad === 0 ? "pass" : "fail",
    detail: bad === 0 ? msg("gate.alarms.pass", { count: lines.length }) : msg("gate.alarms.fail", { bad, count: lines.length }),
    lines: lines.map((entry) => entry.line),
    data: { settled: bad === 0 },
  };
}
