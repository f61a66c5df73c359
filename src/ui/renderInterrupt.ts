import type { AbandonedChange } from "../engine/context.js";
import { type Msg, msg } from "../messages/msg.js";
import type { Output } from "./output.js";

/** A change stopped by force: what is unknown, how to see it, how to undo, where the journal is. */
export function renderAbandonedText(out: Output, abandoned: AbandonedChange | undefined, command?: string): string {
  const { t, color } = out;
  if (!abandoned) return `${color.red(t(msg("cli.forcedUnreleased")))}\n`;
  return [
    color.red(t(abandoned.summary)),
    // A rollback stopped part-way is finished, not undone, by the same rollback.
    ...(abandoned.rollbackCommand
      ? [color.bold(`  ${t(msg(command === "rollback" ? "change.finishRollbackHint" : "change.undoHint", { command: abandoned.rollbackCommand }))}`)]
      : []),
    color.dim(`  ${t(msg("change.journal", { path: abandoned.journalPath }))}`),
    "",
  ].join("\n");
}

/** The `--json` document of a forced stop (README "--json output": outcome `abandoned`). */
export function abandonedJson(out: Output, command: string, abandoned: AbandonedChange | undefined): Record<string, unknown> {
  return {
    command,
    ok: false,
    outcome: "abandoned",
    summary: out.t(abandoned?.summary ?? msg("cli.forcedUnreleased")),
    journal: abandoned?.journalPath ?? null,
    rollbackCommand: abandoned?.rollbackCommand ?? null,
    error: null,
  };
}

/** The `--json` document of a run a stop signal ended before any change (outcome `interrupted`). */
export function interruptedJson(out: Output, command: string, message: Msg): Record<string, unknown> {
  return { command, ok: false, outcome: "interrupted", error: { code: message.key, kind: "interrupted", message: out.t(message), hint: null } };
}
