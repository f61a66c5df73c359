import type { RollbackResult } from "../commands/rollback.js";
import type { RollbackPlan } from "../commands/rollbackPlan.js";
import { describeDkim } from "./describeDkim.js";
import { msg, type Msg } from "./messages/types.js";
import type { Output } from "./output.js";

export function renderRollbackPlan(out: Output, plan: RollbackPlan, warnings: readonly Msg[]): string {
  const { t, color } = out;
  const target =
    plan.target === "disable"
      ? t(msg("rollback.plan.disable"))
      : plan.previousSelector !== null
        ? t(msg("rollback.plan.previousExternal", { selector: plan.previousSelector, signing: plan.signingEnabledAfter ? "on" : "off" }))
        : t(msg("rollback.plan.previousEasy", { signing: plan.signingEnabledAfter ? "on" : "off" }));
  return [
    color.bold(t(msg("rollback.plan.title", { domain: plan.domain, account: plan.account, region: plan.region }))),
    `  ${t(msg("enable.plan.now"))}: ${describeDkim(out, plan.current)}`,
    `  ${t(msg("rollback.plan.target"))}: ${target}`,
    `  ${t(msg("enable.plan.calls"))}: ${plan.calls.join(", ")}`,
    ...warnings.map((warning) => color.yellow(`  ! ${t(warning)}`)),
    "",
  ].join("\n");
}

export function renderRollbackText(out: Output, result: RollbackResult): string {
  const { t, color } = out;
  const summaryKey = { rolledBack: "rollback.summary.done", declined: "enable.summary.declined", refused: "rollback.summary.refused", failedDuringChange: "enable.summary.failedDuringChange", interrupted: "enable.summary.interrupted" }[result.outcome];
  const lines = [
    (result.ok ? color.green : color.red)(t(msg(summaryKey, { domain: result.domain, target: result.plan?.target ?? "-" }))),
    ...(result.error ? [`  ${t(result.error.what)}`, ...(result.error.hint ? [color.dim(`  ${t(result.error.hint)}`)] : [])] : []),
    ...result.calls.map((call) => color.dim(`  ${t(msg(call.outcome === "ok" ? "enable.callDone" : "enable.callFailed", { call: call.name, requestId: call.requestId ?? "-" }))}`)),
    ...(result.calls.length > 0 ? [`  ${t(msg("enable.sesNow"))}: ${describeDkim(out, result.sesNow)}`] : []),
    ...(result.elapsedMs !== null ? [`  ${t(msg("rollback.elapsed", { seconds: (result.elapsedMs / 1000).toFixed(1) }))}`] : []),
    ...(result.outcome === "rolledBack" ? result.warnings.map((warning) => color.yellow(`  ! ${t(warning)}`)) : []),
    ...(result.dnsRecordsNeeded.length > 0 ? [color.bold(`  ${t(msg("rollback.dnsRecords"))}`), ...result.dnsRecordsNeeded.map((record) => `    ${record}`)] : []),
    ...(result.journalPath ? [color.dim(`  ${t(msg("enable.journal", { path: result.journalPath }))}`)] : []),
    "",
  ];
  return lines.join("\n");
}

export function rollbackJson(out: Output, result: RollbackResult): Record<string, unknown> {
  return {
    command: result.command,
    domain: result.domain,
    ok: result.ok,
    outcome: result.outcome,
    target: result.plan?.target ?? null,
    snapshotSource: result.plan?.snapshotSource ?? null,
    plan: result.plan,
    calls: result.calls,
    sesNow: result.sesNow,
    warnings: result.warnings.map((warning) => ({ code: warning.key, message: out.t(warning) })),
    dnsRecordsNeeded: result.dnsRecordsNeeded,
    elapsedMs: result.elapsedMs,
    journal: result.journalPath,
    error: result.error ? { code: result.error.what.key, message: out.t(result.error.what), hint: result.error.hint ? out.t(result.error.hint) : null } : null,
  };
}
