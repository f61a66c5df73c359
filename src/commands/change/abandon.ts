import { ByodkimError, type StopSignal } from "../../errors.js";
import { msg } from "../../messages/msg.js";
import type { JournalWriter } from "../../state/journal.js";
import { releaseLock } from "../../state/lock.js";
import type { AbandonedChange, CommandContext } from "../context.js";

export interface InFlight {
  readonly domain: string;
  readonly runId: string;
  readonly signal: StopSignal;
  /** The SES call under way, if any: its answer will never be read. */
  readonly call: string | null;
  /** The lock is ours, or may be (a force while it was being taken); releasing only ever removes this run's lock. */
  readonly releaseLock: boolean;
  readonly undoCommand: string;
}

/**
 * A second stop signal: the operator will not wait for the call in flight. The process is about to
 * end, so what it can still do is leave a true journal and no lock for the next run to trip over.
 */
export async function abandonChange(ctx: Pick<CommandContext, "aws" | "config">, journal: JournalWriter, run: InFlight): Promise<AbandonedChange> {
  journal.append("abandoned", { signal: run.signal, inFlight: run.call });
  if (run.releaseLock) {
    await releaseLock(ctx.aws.state, ctx.config.state.secretId, run.runId).then(
      () => journal.append("lock-released"),
      (err: unknown) =>
        journal.append("lock-release-failed", {
          reason: err instanceof ByodkimError ? err.what : msg("cli.unexpected", { name: err instanceof Error ? err.name : typeof err }),
        }),
    );
  }
  return {
    summary: run.call ? msg("change.abandoned.call", { call: run.call, domain: run.domain }) : msg("change.abandoned", { domain: run.domain }),
    journalPath: journal.path,
    rollbackCommand: run.undoCommand,
  };
}
