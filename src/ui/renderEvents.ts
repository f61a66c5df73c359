import { MARKS } from "./marks.js";
import type { CommandEvent, CommandEvents } from "../engine/events.js";
import { type Msg, msg } from "../messages/msg.js";
import type { Output } from "./output.js";
import { renderChangeText, renderPlan } from "./renderChange.js";
import { renderGateRows } from "./renderPrecheck.js";
import { renderWalkChecked, renderWalkResumed, renderWalkStep } from "./renderRunbook.js";
import { createSpinner } from "./spinner.js";

/**
 * Where each event a command emits shows up: gates on a spinner (stderr, terminals only), the
 * checklist and plan on stdout before the question (human mode), steps as dim lines on stderr.
 * In --json mode stdout carries the result document only.
 */
const RETRYING = { throttling: "aws.throttledRetrying", serverError: "aws.serverErrorRetrying", noAnswer: "aws.noAnswerRetrying" } as const;

/** A run this long is announced with its length before it starts. */
const LONG_RUN_SECONDS = 10;

/** 0:42, 30:00, 1:05:00: a wait's length as a clock shows it. */
export function clockDuration(ms: number): string {
  const seconds = Math.max(0, Math.floor(ms / 1000));
  const [hours, minutes, secs] = [Math.floor(seconds / 3600), Math.floor(seconds / 60) % 60, seconds % 60];
  const two = (n: number) => String(n).padStart(2, "0");
  return hours > 0 ? `${hours}:${two(minutes)}:${two(secs)}` : `${minutes}:${two(secs)}`;
}

type DkimStatusEvent = Extract<CommandEvent, { type: "dkimStatus" }>;

/** The wait's line: the status, SES's error only when it gave one, and how long of the --wait limit has gone. */
export function dkimStatusLine(event: DkimStatusEvent): Msg {
  const times = { status: event.status, elapsed: clockDuration(event.elapsedMs), limit: clockDuration(event.waitMs) };
  const settled = event.status === "SUCCESS" || event.status === "FAILED";
  if (event.errorType === null) return msg(settled ? "change.dkimStatus.settled" : "change.dkimStatus.waiting", times);
  return msg(settled ? "change.dkimStatus.settledError" : "change.dkimStatus.waitingError", { ...times, errorType: event.errorType });
}

export function createEventRenderer(out: Output, env: NodeJS.ProcessEnv): CommandEvents & { stop(): void } {
  const spinner = createSpinner(out, env);
  /** A counted run shows its spinner only once it has lasted a second: a quick one stays quiet. */
  let countingSince: number | undefined;
  const lineText = (message: Msg): string => `${out.errorColor.dim(`· ${out.t(message)}`)}\n`;
  const line = (message: Msg): void => {
    // A line says a new step has begun: whatever the spinner showed has ended with it.
    spinner.stop();
    out.stderr.write(lineText(message));
  };
  const text = (render: () => string): void => {
    spinner.stop();
    if (!out.json) out.stdout.write(render());
  };
  const show = (event: CommandEvent): void => {
    switch (event.type) {
      case "gateStarted":
        spinner.started(event.id);
        break;
      case "gateFinished":
        spinner.finished(event.result.id);
        break;
      case "checklist":
        text(() => `${renderGateRows(out, event.gates).join("\n")}\n\n`);
        break;
      case "plan":
        text(() => `${renderPlan(out, event.plan)}\n`);
        break;
      case "step":
        line(event.message);
        break;
      case "dkimStatus":
        line(dkimStatusLine(event));
        break;
      case "throttled":
        // A retry is not a new step: the gates still running keep their spinner.
        spinner.above(() => out.stderr.write(lineText(msg(RETRYING[event.retry.cause], { ...event.retry }))));
        break;
      case "walkStep":
        text(() => renderWalkStep(out, event.runbook, event.step, event.index, event.dashboardUrl));
        break;
      case "walkResumed":
        text(() => renderWalkResumed(out, event.runbook, event.domain, event.done));
        break;
      case "walkChecked":
        text(() => renderWalkChecked(out, event.done));
        break;
      case "statusPlanned":
        countingSince = Date.now();
        if (event.seconds >= LONG_RUN_SECONDS) line(msg("status.planned", { rows: event.rows, seconds: event.seconds }));
        break;
      case "marked": {
        spinner.stop();
        const paint = { done: out.errorColor.green, failed: out.errorColor.red, warning: out.errorColor.yellow, notDone: out.errorColor.dim }[event.mark];
        out.stderr.write(`${paint(MARKS[event.mark])} ${out.t(event.message)}\n`);
        break;
      }
      case "progress":
        if (event.message === null) spinner.stop();
        else spinner.progress(out.t(event.message));
        break;
      case "statusProgress":
        if (countingSince !== undefined && Date.now() - countingSince >= 1000 && event.done < event.total) {
          spinner.progress(out.t(msg("status.progress", { done: event.done, total: event.total })));
        }
        if (event.done >= event.total) spinner.stop();
        break;
      case "changeEnded":
        text(() => renderChangeText(out, event.result));
        break;
    }
  };
  return { emit: show, stop: () => spinner.stop() };
}
