import type { StepStatus, WalkResult, WalkStepDone } from "../engine/results.js";
import type { Runbook, RunbookStep } from "../runbook/runbook.js";
import type { JournaledWalk } from "../runbook/walkJournal.js";
import { type Msg, msg } from "../messages/msg.js";
import { describeDkim } from "./describeDkim.js";
import { contactLine } from "../config/contacts.js";
import { MARKS } from "./marks.js";
import type { Output } from "./output.js";
import { afterInParentheses, labelled } from "./punctuation.js";

const MARK: Record<StepStatus, string> = { done: MARKS.done, failed: MARKS.failed, notDone: MARKS.notDone, pending: MARKS.pending };

export function renderWalkStep(out: Output, runbook: Runbook, step: RunbookStep, index: number, dashboardUrl?: string | null): string {
  if (out.json) return "";
  const { color, t } = out;
  const link =
    step.link === "dashboardUrl" && dashboardUrl !== undefined
      ? [dashboardUrl === null ? color.yellow(`  ${t(msg("runbook.dashboard.none"))}`) : `  ${t(msg("runbook.dashboard", { url: dashboardUrl }))}`]
      : [];
  const header = `${color.bold(`[${index + 1}/${runbook.steps.length}] ${step.title[out.lang]}`)}${color.dim(afterInParentheses(out.lang, t(msg(`runbook.kind.${step.kind}`))))}`;
  const contact = step.contact === undefined ? null : contactLine(step.contact, { contacts: out.contacts() });
  const reach = contact ? [`  ${color.cyan(t(contact))}`] : [];
  return `${["", header, color.dim(`  ${step.help[out.lang]}`), ...link, ...reach].join("\n")}\n`;
}

/** When and by whom a step was done, as one phrase. */
export function doneByText(out: Output, done: Pick<WalkStepDone, "at" | "operator" | "host" | "byHand">): string {
  const params = {
    when: out.time(done.at),
    operator: done.operator ?? out.t(msg("runbook.walk.unknownOperator")),
    host: done.host ?? out.t(msg("runbook.walk.unknownHost")),
  };
  return out.t(done.byHand ? msg("runbook.walk.checkedBy", params) : msg("runbook.walk.runBy", params));
}

/** A resumed walk, before it goes on: what is already done, when and by whom. */
export function renderWalkResumed(out: Output, runbook: Runbook, domain: string, done: readonly WalkStepDone[]): string {
  if (out.json) return "";
  const { color, t } = out;
  const lines = done.map((step) => {
    const index = runbook.steps.findIndex((candidate) => candidate.id === step.step);
    const title = runbook.steps[index]?.title[out.lang] ?? step.step;
    return `  ${color.green(MARK.done)} ${String(index + 1).padStart(2)}. ${title} ${color.dim(t(msg("runbook.walk.doneAside", { said: doneByText(out, step) })))}`;
  });
  return `${[color.bold(t(msg("runbook.walk.resumed", { runbook: runbook.id, domain, count: done.length }))), ...lines].join("\n")}\n`;
}

/** The answer at a human check, as what it means for the walk (the prompt itself shows no verdict). */
export function renderWalkChecked(out: Output, done: boolean): string {
  if (out.json) return "";
  const { color, t } = out;
  return done
    ? `  ${color.green(`${MARK.done} ${t(msg("runbook.walk.checked"))}`)}\n`
    : `  ${color.yellow(`${MARK.notDone} ${t(msg("runbook.walk.notDoneHere"))}`)}\n`;
}

export function renderRunbookList(out: Output, runbooks: readonly Runbook[]): string {
  const width = Math.max(...runbooks.map((runbook) => runbook.id.length));
  return `${runbooks.map((runbook) => `${out.color.bold(runbook.id.padEnd(width))}  ${runbook.title[out.lang]} ${out.color.dim(out.t(msg("runbook.stepCount", { count: runbook.steps.length })))}`).join("\n")}\n`;
}

const warningLines = (out: Output, warnings: readonly Msg[]) => warnings.map((warning) => out.color.yellow(`  ! ${out.t(warning)}`));
const warningsJson = (out: Output, warnings: readonly Msg[]) => warnings.map((warning) => ({ code: warning.key, message: out.t(warning) }));

/** Numbered steps by section, each marked done, failed or pending from the newest walk journal, and what reading it skipped. */
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
    const paint = { done: color.green, failed: color.red, notDone: color.yellow, pending: color.dim }[status];
    lines.push(
      `${paint(MARK[status])} ${String(index + 1).padStart(2)}. ${step.title[out.lang]}${color.dim(afterInParentheses(out.lang, t(msg(`runbook.kind.${step.kind}`))))}`,
    );
  });
  if (warnings.length > 0) lines.push("", ...warningLines(out, warnings));
  return `${lines.join("\n")}\n`;
}

/** A Markdown checklist for the change ticket; with a walk, its check-offs ticked with when and by whom. */
export function renderRunbookMarkdown(out: Output, runbook: Runbook, walk?: JournaledWalk): string {
  const lines = [`# ${runbook.title[out.lang]}`];
  if (walk) {
    const operator = walk.operator ?? out.t(msg("runbook.walk.unknownOperator"));
    const host = walk.host ?? out.t(msg("runbook.walk.unknownHost"));
    lines.push("", out.t(msg("runbook.export.walk", { runId: walk.runId, domain: walk.domain, when: out.time(walk.startedAt), operator, host })));
  }
  let section = "";
  for (const step of runbook.steps) {
    if (step.section !== section) {
      section = step.section;
      lines.push("", `## ${out.t(msg(`runbook.section.${step.section}`))}`, "");
    }
    const done = walk?.done.get(step.id);
    const mark = done ? "[x]" : "[ ]";
    const said = done ? ` — ${doneByText(out, done)}` : walk?.notDone.has(step.id) ? ` — ${out.t(msg("runbook.export.notDone"))}` : "";
    lines.push(`- ${mark} ${step.title[out.lang]}${step.kind === "confirm" ? "" : afterInParentheses(out.lang, `byodkim ${step.run}`)}${said}`);
  }
  return `${lines.join("\n")}\n`;
}

export function renderWalkText(out: Output, result: WalkResult): string {
  const { t, color } = out;
  const key = result.ok ? "runbook.walk.done" : result.notDone ? "runbook.walk.paused" : "runbook.walk.stopped";
  const paint = result.ok ? color.green : result.notDone ? color.yellow : color.red;
  const summary = paint(t(msg(key, { runbook: result.runbook, domain: result.domain, step: result.stoppedAt ?? "-" })));
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
  const done = result.steps.flatMap((step) => (step.done ? [step] : []));
  // What "complete" rests on: how many steps a person checked off and how many byodkim ran, and how many an earlier walk did.
  const tally = `  ${t(
    msg("runbook.walk.tally", {
      done: done.length,
      total: result.steps.length,
      byHand: done.filter((step) => step.done?.byHand).length,
      run: done.filter((step) => !step.done?.byHand).length,
      earlier: done.filter((step) => step.resumed).length,
    }),
  )}`;
  const lines = [
    "",
    summary,
    tally,
    ...stopped,
    ...warningLines(out, result.warnings),
    color.dim(`  ${t(msg("change.journal", { path: result.journalPath }))}`),
  ];
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

type WalkOutcome = "complete" | "stopped" | "paused" | null;

/** complete, stopped (a failure or a signal), paused (a human check not done), or null: no end recorded. */
function walkOutcome(walk: JournaledWalk): WalkOutcome {
  if (!walk.ended) return null;
  if (walk.ended.exitCode === 0) return "complete";
  return walk.ended.stoppedAt !== null && walk.notDone.has(walk.ended.stoppedAt) ? "paused" : "stopped";
}

/** `report --list`: the walks, newest first, each with its human check-offs (when, by whom). */
export function renderWalkListLines(out: Output, walks: readonly JournaledWalk[]): string[] {
  if (walks.length === 0) return [];
  const { t, color } = out;
  const lines = ["", t(msg("runbook.list.walks"))];
  for (const walk of walks) {
    const outcome = walkOutcome(walk);
    const step = walk.ended?.stoppedAt ?? "-";
    const said =
      outcome === null
        ? t(msg("runbook.list.cutShort"))
        : outcome === "complete"
          ? t(msg("runbook.list.complete"))
          : t(msg(outcome === "paused" ? "runbook.list.paused" : "runbook.list.stopped", { step }));
    lines.push(`${out.time(walk.startedAt)}  ${walkCommandName(walk)}  ${walk.domain}  ${walk.runId}  ${said}`);
    for (const done of walk.done.values()) {
      if (done.byHand) lines.push(`    ${color.green(MARK.done)} ${labelled(out.lang, done.step, doneByText(out, done))}`);
    }
  }
  return lines;
}

const walkCommandName = (walk: JournaledWalk) => `run ${walk.runbook}`;

/** The walks in `report --list --json`: the journal's facts, times in UTC ISO. */
export function walkListJson(walks: readonly JournaledWalk[]): Record<string, unknown>[] {
  return walks.map((walk) => ({
    journal: walk.path,
    runId: walk.runId,
    command: walkCommandName(walk),
    runbook: walk.runbook,
    domain: walk.domain,
    startedAt: walk.startedAt,
    operator: walk.operator,
    host: walk.host,
    outcome: walkOutcome(walk),
    stoppedAt: walk.ended?.stoppedAt ?? null,
    done: [...walk.done.values()].map(({ step, at, operator, host, byHand, carried }) => ({ step, at, operator, host, byHand, carried })),
    notDone: [...walk.notDone],
  }));
}
