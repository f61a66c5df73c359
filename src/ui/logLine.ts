import type { Output } from "./output.js";

/** What every line says of the run it belongs to; domain and run id once the run's journal is open. */
export interface LogScope {
  readonly command: string;
  readonly domain: string | null;
  readonly runId: string | null;
}

export type LogLevel = "info" | "warning" | "error";

/**
 * `--log-format json`: one JSON object a line on stderr, for CloudWatch Logs and other collectors.
 * Every line has `at` (UTC ISO), `level`, `command`, `domain`, `runId` and `event`; the rest is the
 * event's own fields. A message is the catalogue's sentence in the run's language with its `code`
 * (the message key) beside it, so a filter matches on the code whatever the language. No colour,
 * no spinner, and nothing but what the terminal would show (never key material).
 */
export function writeLogLine(out: Output, scope: LogScope, at: Date, level: LogLevel, event: string, fields: Record<string, unknown> = {}): void {
  out.stderr.write(`${JSON.stringify({ at: at.toISOString(), level, command: scope.command, domain: scope.domain, runId: scope.runId, event, ...fields })}\n`);
}
