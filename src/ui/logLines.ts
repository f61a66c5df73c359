import type { CommandEvent, CommandEvents } from "../engine/events.js";
import type { Msg } from "../messages/msg.js";
import { type LogLevel, type LogScope, writeLogLine } from "./logLine.js";
import type { Output } from "./output.js";
import { dkimStatusLine } from "./renderEvents.js";

const said = (out: Output, message: Msg) => ({ code: message.key, message: out.t(message) });

/** The fields a line gives each event: facts, never a rendering of a table or a plan. */
function lineOf(out: Output, event: CommandEvent): { level: LogLevel; fields: Record<string, unknown> } | null {
  switch (event.type) {
    case "gateStarted":
      return null;
    case "gateFinished":
      return {
        level: event.result.status === "fail" ? "error" : event.result.status === "warn" ? "warning" : "info",
        fields: { gate: event.result.id, status: event.result.status, ...said(out, event.result.detail) },
      };
    case "checklist":
      return { level: "info", fields: { gates: event.gates.map((gate) => ({ gate: gate.id, status: gate.status, code: gate.detail.key })) } };
    case "plan":
      return { level: "info", fields: { calls: event.plan.calls.filter((call) => call.needed).map((call) => call.name) } };
    case "step":
      return { level: "info", fields: said(out, event.message) };
    case "dkimStatus":
      return {
        level: "info",
        fields: { status: event.status, errorType: event.errorType, elapsedMs: event.elapsedMs, waitMs: event.waitMs, ...said(out, dkimStatusLine(event)) },
      };
    case "throttled":
      return { level: "warning", fields: { retry: event.retry } };
    case "walkStep":
      return { level: "info", fields: { runbook: event.runbook.id, step: event.step.id, index: event.index } };
    case "walkResumed":
      return { level: "info", fields: { runbook: event.runbook.id, done: event.done.length } };
    case "walkChecked":
      return { level: event.done ? "info" : "warning", fields: { step: event.step.id, done: event.done } };
    case "statusPlanned":
      return { level: "info", fields: { rows: event.rows, sesCalls: event.sesCalls, seconds: event.seconds } };
    case "statusProgress":
      // The last one only: a collector wants the count, not a progress bar.
      return event.done >= event.total ? { level: "info", fields: { done: event.done, total: event.total } } : null;
    case "changeEnded":
      return { level: event.result.exitCode === 0 ? "info" : "error", fields: { outcome: event.result.outcome, exitCode: event.result.exitCode } };
    case "marked":
      return {
        level: event.mark === "failed" ? "error" : event.mark === "warning" ? "warning" : "info",
        fields: { mark: event.mark, ...said(out, event.message) },
      };
    case "progress":
      return event.message === null ? null : { level: "info", fields: said(out, event.message) };
  }
}

/** The event sink for `--log-format json`: each event a line on stderr, nothing on stdout but the result. */
export function createJsonLog(out: Output, scope: () => LogScope, now: () => Date): CommandEvents & { stop(): void } {
  return {
    emit(event) {
      const line = lineOf(out, event);
      if (line) writeLogLine(out, scope(), now(), line.level, event.type, line.fields);
    },
    stop() {},
  };
}
