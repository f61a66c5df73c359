import type { StepStatus, WalkResult } from "../engine/results.js";
import type { Runbook, RunbookStep } from "../runbook/runbook.js";
import { type Msg, msg } from "../messages/msg.js";
import { describeDkim } from "./describeDkim.js";
import type { Output } from "./output.js";
import { afterInParentheses, labelled } from "./punctuation.js";

const MARK: Record<StepStatus, string> = { done: "✔", failed: "✘", pending: "·" };

export function renderWalkStep(out: Output, runbook: Runbook, step: RunbookStep, index: number): string {
  if (out.json) return "";
  const { color } = out;
  return `\n${color.bold(`[${index + 1}/${runbook.steps.length}] ${step.title[out.lang]}`)}${color.dim(afterInParentheses(out.lang, out.t(msg(`runbook.kind.${step.kind}`))))}\n${color.dim(`  ${step.help[out.lang]}`)}\n`;
}

export function renderRunbookList(out: Output, runbooks: readonly Runbook[]): string {
  const width = Math.max(...runbooks.map((runbook) => runbook.id.length));
  return `${runbooks.map((runbook) => `${out.color.bold(runbook.id.padEnd(width))}  ${runbook.title[out.lang]} ${out.color.dim(out.t(msg("runbook.stepCount", { count: runbook.steps.length })))}`).join("\n")}\n`;
}

const warningLines = (out: Output, warnings: readonly Msg[]) => warnings.map((warning) => out.color.yellow(`  ! ${out.t(warning)}`));
const warningsJson = (out: Output, warnings: readonly Msg[]) => warnings.map((warning) => ({ code: warning.key, message: out.t(warning) }));

/** Numbered steps by section, with ✔ / ✘ / · from the newest walk journal, and what reading it skipped. */
export function renderRunbookShow(
  out: Output,
  runbook: Runbook,
  statuses: ReadonlyMap<string, StepStatus>,
  domain: string | undefined,
  warnings: readonly Msg[] = [],
): string {
  const { color, t } = out;
  const lines = [color.bold(`${runbook.title[out.lang]}${domain ? ` · ${domain}` : ""}`)];
  let section = "";
  runbook.steps.forEach((step, index) => {
    if (step.section !== section) {
      section = step.section;
      lines.push("", color.bold(t(msg(`runbook.section.${step.section}`))));
    }
    const status = statuses.get(step.id) ?? "pending";
    const paint = { done: color.green, failed: color.red, pending: color.dim }[status];
    lines.push(
      `${paint(MARK[status])} ${String(index + 1).padStart(2)}. ${step.title[out.lang]}${color.dim(afterInParentheses(out.lang, t(msg(`runbook.kind.${step.kind}`))))}`,
    );
  });
  if (warnings.length > 0) lines.push("", ...warningLines(out, warnings));
  return `${lines.join("\n")}\n`;
}

/** A Markdown checklist for the change ticket. */
export function renderRunbookMarkdown(out: Output, runbook: Runbook): string {
  const lines = [`# ${runbook.title[out.lang]}`];
  let section = "";
  for (const step of runbook.steps) {
    if (step.section !== section) {
      section = step.section;
      lines.push("", `## ${out.t(msg(`runbook.section.${step.section}`))}`, "");
    }
    lines.push(`- [ ] ${step.title[out.lang]}${step.kind === "confirm" ? "" : ` (byodkim ${step.run})`}`);
  }
  return `${lines.join("\n")}\n`;
}

export function renderWalkText(out: Output, result: WalkResult): string {
  const { t, color } = out;
  const key = result.ok ? "runbook.walk.done" : "runbook.walk.stopped";
  const summary = (result.ok ? color.green : color.red)(t(msg(key, { runbook: result.runbook, domain: result.domain, step: result.stoppedAt ?? "-" })));
  // A stopped walk says what it changed and where SES is: "nothing was changed" is never assumed.
  const stopped =
    result.stoppedAt === null
      ? []
      : [
          ...(result.stopReason ? [`  ${t(msg("runbook.walk.reason", { reason: t(result.stopReason) }))}`] : []),
          ...(result.stopHint ? [color.dim(`  ${t(result.stopHint)}`)] : []),
          `  ${t(result.changed.length > 0 ? msg("runbook.walk.changed", { steps: result.changed.join(", ") }) : msg("runbook.walk.nothingChanged"))}`,
          ...(result.sesNow ? [`  ${labelled(out.lang, t(msg("change.sesNow")), describeDkim(out, result.sesNow))}`] : []),
          ...(result.undoCommand ? [color.bold(`  ${t(msg("change.undoHint", { command: result.undoCommand }))}`)] : []),
          ...(result.resumeCommand ? [`  ${t(msg("runbook.walk.resumeHint", { command: result.resumeCommand }))}`] : []),
        ];
  const lines = ["", summary, ...stopped, ...warningLines(out, result.warnings), color.dim(`  ${t(msg("change.journal", { path: result.journalPath }))}`)];
  return `${lines.join("\n")}\n`;
}

/** The `run` document (README "Runbooks"): the same for a walk that finished and one that stopped. */
export function walkJson(out: Output, result: WalkResult): Record<string, unknown> {
  return {
    command: result.command,
    runbook: result.runbook,
    domain: result.domain,
    ok: result.ok,
    steps: result.steps,
    journal: result.journalPath,
    stoppedAt: result.stoppedAt,
    reason: result.stopReason
      ? { code: result.stopReason.key, message: out.t(result.stopReason), hint: result.stopHint ? out.t(result.stopHint) : null }
      : null,
    changed: result.changed,
    sesNow: result.sesNow,
    undoCommand: result.undoCommand,
    resumeCommand: result.resumeCommand,
    warnings: warningsJson(out, result.warnings),
  };
}

export function runbookListJson(runbooks: readonly Runbook[]): Record<string, unknown> {
  return { command: "runbook list", runbooks: runbooks.map(({ id, title, steps }) => ({ id, title, steps: steps.length })) };
}

export function runbookShowJson(
  out: Output,
  runbook: Runbook,
  statuses: ReadonlyMap<string, StepStatus>,
  domain: string | undefined,
  warnings: readonly Msg[] = [],
): Record<string, unknown> {
  return {
    command: "runbook show",
    runbook: runbook.id,
    domain: domain ?? null,
    steps: runbook.steps.map((step) => ({ id: step.id, kind: step.kind, title: step.title[out.lang], status: statuses.get(step.id) ?? "pending" })),
    warnings: warningsJson(out, warnings),
  };
}
