import type { NotifyTestResult } from "../commands/notifyTest.js";
import { msg } from "../messages/msg.js";
import { displayWidth, padToWidth } from "./displayWidth.js";
import { MARKS } from "./marks.js";
import { type Output, terminalWidth } from "./output.js";
import { wrapToWidth } from "./fitTable.js";

export function renderNotifyTestText(out: Output, result: NotifyTestResult): string {
  const { t, color } = out;
  const rows = result.results.map((row) => [row.target, row.ok ? t(msg("notify.sent", { ms: row.ms })) : t(row.reason!)] as const);
  const heading = [t(msg("notify.heading.target")), t(msg("notify.heading.result"))] as const;
  const width = Math.max(displayWidth(heading[0]), ...rows.map(([target]) => displayWidth(target)));
  const lines = [
    `  ${padToWidth(heading[0], width)}  ${heading[1]}`,
    ...result.results.flatMap((row, index) => {
      const [target, said] = rows[index]!;
      // The result folds under itself, so a terminal never breaks its words.
      const hang = width + 4;
      const [first = "", ...rest] = wrapToWidth(said, terminalWidth(out), " ".repeat(hang)).map((line) => line.slice(hang));
      const paint = (text: string) => (row.ok ? text : color.yellow(text));
      return [
        `${row.ok ? color.green(MARKS.done) : color.red(MARKS.failed)} ${padToWidth(target, width)}  ${paint(first)}`,
        ...rest.map((line) => `${" ".repeat(hang)}${paint(line)}`),
      ];
    }),
    "",
    result.ok
      ? t(msg("notify.summary.allSent", { count: result.results.length }))
      : t(msg("notify.summary.someFailed", { failed: result.failed, count: result.results.length })),
  ];
  return `${lines.join("\n")}\n`;
}

export function notifyTestJson(out: Output, result: NotifyTestResult): Record<string, unknown> {
  return {
    command: result.command,
    outcome: result.ok ? "sent" : "failed",
    sent: result.sent,
    failed: result.failed,
    results: result.results.map((row) => ({
      target: row.target,
      ok: row.ok,
      ms: row.ms,
      reason: row.reason ? { code: row.reason.key, message: out.t(row.reason) } : null,
    })),
  };
}
