import type { SesIdentityFacts } from "../aws/types.js";
import type { ChangeReporter } from "../commands/context.js";
import type { EnableOutcome, EnableResult } from "../commands/enable.js";
import type { EnablePlan } from "../commands/enablePlan.js";
import { msg, type Msg } from "./messages/types.js";
import type { Output } from "./output.js";
import { describeDkim } from "./describeDkim.js";
import { gateReportJson, renderGateRows } from "./renderPrecheck.js";
import { renderRollbackPlan, renderRollbackText } from "./renderRollback.js";
import { renderWalkStep } from "./renderRunbook.js";

export function renderPlan(out: Output, plan: EnablePlan): string {
  const { t, color } = out;
  const rows: [string, string][] = [
    ["enable.plan.where", t(msg("enable.plan.whereValue", { account: plan.account, arn: plan.callerArn, region: plan.region }))],
    ["enable.plan.now", describeDkim(out, plan.current)],
    ["enable.plan.after", t(msg("enable.plan.afterValue", { selector: plan.selector, bits: plan.intended.keyBits, fingerprint: plan.intended.publicKeyFingerprint }))],
    ["enable.plan.calls", t(msg("enable.plan.callsValue"))],
    ["enable.plan.rollback", t(msg("enable.plan.rollbackValue", { previous: describeDkim(out, plan.current), domain: plan.domain }))],
    ["enable.plan.risk", t(msg("enable.plan.riskValue", { domain: plan.domain }))],
  ];
  const width = Math.max(...rows.map(([key]) => t(msg(key)).length));
  return [
    color.bold(t(msg("enable.plan.title", { domain: plan.domain }))),
    ...rows.map(([key, value]) => `  ${color.bold(t(msg(key)).padEnd(width))}  ${value}`),
    "",
  ].join("\n");
}

/** Mid-run output: the plan on stdout before the question (human mode), steps on stderr. */
export function createChangeReporter(out: Output): ChangeReporter {
  const line = (message: Msg) => out.stderr.write(`${out.errorColor.dim(`· ${out.t(message)}`)}\n`);
  return {
    gates: (gates) => {
      if (!out.json) out.stdout.write(`${renderGateRows(out, gates).join("\n")}\n\n`);
    },
    plan: (plan) => {
      if (!out.json) out.stdout.write(`${renderPlan(out, plan)}\n`);
    },
    rollbackPlan: (plan, warnings) => {
      if (!out.json) out.stdout.write(`${renderRollbackPlan(out, plan, warnings)}\n`);
    },
    step: line,
    walkStep: (runbook, step, index) => out.stdout.write(renderWalkStep(out, runbook, step, index)),
    enableResult: (result) => {
      if (!out.json) out.stdout.write(renderEnableText(out, result));
    },
    rollbackResult: (result) => {
      if (!out.json) out.stdout.write(renderRollbackText(out, result));
    },
    dkimStatus: (identity: SesIdentityFacts) =>
      line(msg("enable.dkimStatus", { status: identity.dkim?.status ?? "-", errorType: identity.verificationInfo?.errorType ?? "-" })),
  };
}

const SUMMARY: Record<EnableOutcome, string> = {
  gatesFailed: "enable.summary.gatesFailed",
  alreadyActive: "enable.summary.alreadyActive",
  dryRun: "enable.summary.dryRun",
  declined: "enable.summary.declined",
  recheckFailed: "enable.summary.recheckFailed",
  enabled: "enable.summary.enabled",
  verificationFailed: "enable.summary.verificationFailed",
  timedOut: "enable.summary.timedOut",
  failedDuringChange: "enable.summary.failedDuringChange",
  interrupted: "enable.summary.interrupted",
};

export const rollbackCommand = (result: Pick<EnableResult, "domain">) => `byodkim rollback ${result.domain}`;

export function renderEnableText(out: Output, result: EnableResult): string {
  const { t, color } = out;
  const showGates = result.outcome === "gatesFailed" || result.outcome === "recheckFailed";
  const changed = result.calls.length > 0;
  const paint = result.ok ? color.green : color.red;
  const lines = [
    ...(showGates ? [...renderGateRows(out, result.gates), ""] : []),
    paint(t(msg(SUMMARY[result.outcome], { domain: result.domain, selector: result.selector ?? "-", errorType: result.verificationError ?? "-" }))),
    ...(result.error ? [`  ${t(result.error.what)}`, ...(result.error.hint ? [color.dim(`  ${t(result.error.hint)}`)] : [])] : []),
    ...result.calls.map((call) => color.dim(`  ${t(msg(call.outcome === "ok" ? "enable.callDone" : "enable.callFailed", { call: call.name, requestId: call.requestId ?? "-" }))}`)),
    ...(changed ? [`  ${t(msg("enable.sesNow"))}: ${describeDkim(out, result.sesNow)}`] : []),
    ...(changed && !result.ok ? [color.bold(`  ${t(msg("enable.rollbackHint", { command: rollbackCommand(result) }))}`)] : []),
    ...(result.outcome === "enabled" ? [t(msg("enable.next", { domain: result.domain }))] : []),
    ...(result.journalPath ? [color.dim(`  ${t(msg("enable.journal", { path: result.journalPath }))}`)] : []),
    "",
  ];
  return lines.join("\n");
}

export function enableJson(out: Output, result: EnableResult): Record<string, unknown> {
  return {
    ...gateReportJson(out, result),
    outcome: result.outcome,
    plan: result.plan,
    calls: result.calls,
    sesNow: result.sesNow,
    verificationError: result.verificationError,
    journal: result.journalPath,
    rollbackCommand: result.calls.length > 0 && !result.ok ? rollbackCommand(result) : null,
    error: result.error ? { code: result.error.what.key, message: out.t(result.error.what), hint: result.error.hint ? out.t(result.error.hint) : null } : null,
  };
}
