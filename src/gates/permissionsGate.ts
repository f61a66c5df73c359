import type { SimulatedDecision } from "../aws/types.js";
import { type Msg, msg } from "../messages/msg.js";
import type { GateResult } from "./types.js";

export type PermissionsFacts =
  | { readonly kind: "simulated"; readonly principal: string; readonly decisions: readonly SimulatedDecision[] }
  | { readonly kind: "notChecked"; readonly reason: Msg };

/**
 * A denied action fails the gate (nothing is changed), except on the incident path, where the
 * operator may have another way and rollback goes ahead: there it is a warning on the plan. A
 * simulation that could not run is a warning either way: it proves nothing in either direction.
 */
/** The actions only change notices make (notify.sns). */
const NOTICE_ACTIONS: ReadonlySet<string> = new Set(["sns:Publish"]);

export function checkPermissions(facts: PermissionsFacts, deniedIs: "fail" | "warn" = "fail"): GateResult {
  if (facts.kind === "notChecked") return { id: "permissions", status: "warn", detail: msg("gate.permissions.notChecked"), lines: [facts.reason] };
  const { principal, decisions } = facts;
  const coverage = msg("gate.permissions.coverage", { principal });
  const denied = decisions.filter((decision) => decision.decision !== "allowed");
  const data = { principal, decisions: decisions.map(({ action, resource, decision }) => ({ action, resource, decision })) };
  if (denied.length === 0) {
    return { id: "permissions", status: "pass", detail: msg("gate.permissions.pass", { count: decisions.length, principal }), lines: [coverage], data };
  }
  const actions = [...new Set(denied.map((decision) => decision.action))].join(", ");
  const params = { principal, count: denied.length, total: decisions.length, actions };
  // A notice never blocks a change: without sns:Publish the change goes ahead and its notices fail as warnings.
  if (denied.every((decision) => NOTICE_ACTIONS.has(decision.action))) {
    const lines = [...denied.map(({ action, resource, decision }) => msg("gate.permissions.deniedLine", { action, resource, decision })), coverage];
    return { id: "permissions", status: "warn", detail: msg("gate.permissions.noticesDenied", params), lines, data };
  }
  const lines = [
    ...denied.map(({ action, resource, decision }) => msg("gate.permissions.deniedLine", { action, resource, decision })),
    ...(deniedIs === "fail" ? [msg("gate.permissions.denied.hint")] : []),
    coverage,
  ];
  return deniedIs === "fail"
    ? { id: "permissions", status: "fail", detail: msg("gate.permissions.denied", params), lines, data }
    : { id: "permissions", status: "warn", detail: msg("gate.permissions.deniedWarning", params), lines, data };
}

/**
 * One verdict from several simulations (a member account's identity: the operator's own policy in
 * the operations account, the assumed role's in the member account). A denial anywhere counts; a
 * part that could not be simulated leaves the whole a warning at best, its reason on the first line.
 */
export function checkPermissionsAcross(parts: readonly PermissionsFacts[], deniedIs: "fail" | "warn" = "fail"): GateResult {
  const simulated = parts.filter((part) => part.kind === "simulated");
  const reasons = parts.flatMap((part) => (part.kind === "notChecked" ? [part.reason] : []));
  const [firstPart] = parts;
  if (simulated.length === 0 || firstPart === undefined)
    return checkPermissions(firstPart ?? { kind: "notChecked", reason: msg("gate.permissions.noIam") }, deniedIs);
  const merged = checkPermissions(
    { kind: "simulated", principal: simulated.map((part) => part.principal).join(", "), decisions: simulated.flatMap((part) => part.decisions) },
    deniedIs,
  );
  if (reasons.length === 0) return merged;
  const lines = [...reasons, ...(merged.lines ?? [])];
  return merged.status === "pass" ? { ...merged, status: "warn", detail: msg("gate.permissions.notChecked"), lines } : { ...merged, lines };
}
