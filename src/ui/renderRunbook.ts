import type { StepStatus, WalkResult } from "../commands/results.js";
import type { Runbook, RunbookStep } from "../runbook/runbook.js";
import { type Msg, msg } from "../messages/msg.js";
import type { Output } from "./output.js";

const MARK: Record<StepStatus, string> = { done: "✔", failed: "✘", pending: "·" };

export function renderWalkStep(out: Output, runbook: Runbook, step: RunbookStep, index: number): string {
  if (out.json) return "";
  const { color } = out;
  return `\n${color.bold(`[${index + 1}/${runbook.steps.length}] ${step.title[out.lang]}`)} ${color.dim(`(${step.kind})`)}\n${color.dim(`  ${step.help[out.lang]}`)}\n`;
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
    lines.push(`${paint(MARK[status])} ${String(index + 1).padStart(2)}. ${step.title[out.lang]} ${color.dim(`(${step.kind})`)}`);
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
  const key = result.ok ? "runbook.walk.done" : "runbook.walk.stopped";
  const stopped = result.steps.find((step) => step.status === "failed");
  const summary = (result.ok ? out.color.green : out.color.red)(out.t(msg(key, { runbook: result.runbook, domain: result.domain, step: stopped?.id ?? "-" })));
  const lines = ["", summary, ...warningLines(out, result.warnings), out.color.dim(`  ${out.t(msg("change.journal", { path: result.journalPath }))}`)];
  return `${lines.join("\n")}\n`;
}

export function walkJson(out: Output, result: WalkResult): Record<string, unknown> {
  return {
    command: result.command,
    runbook: result.runbook,
    domain: result.domain,
    ok: result.ok,
    steps: result.steps,
    journal: result.journalPath,
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
