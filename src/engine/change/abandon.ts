import { ByodkimError, type StopSignal } from "../../errors.js";
import { msg } from "../../messages/msg.js";
import type { JournalWriter } from "../../state/journal.js";
import type { AbandonedChange } from "../context.js";

export interface InFlight {
  readonly domain: string;
  readonly runId: string;
  readonly signal: StopSignal;
  /** The SES call under way, if any: its answer will never be read. */
  readonly call: string | null;
  /** Releases this run's lock, if it holds one; it never removes another run's lock. */
  readonly releaseLock: () => Promise<boolean>;
  readonly undoCommand: string | null;
}

/**
 * A second stop signal: the operator will not wait for the call in flight. The process is about to
 * end, so what it can still do is leave a true journal and no lock for the next run to trip over.
 */
export async function abandonChange(journal: JournalWriter, run: InFlight): Promise<AbandonedChange> {
  journal.append("abandoned", { signal: run.signal, inFlight: run.call });
  await run.releaseLock().then(
    (released) => journal.append(released ? "lock-released" : "lock-not-ours"),
    (err: unknown) =>
      journal.append("lock-release-failed", {
        reason: err instanceof ByodkimError ? err.what : msg("cli.unexpected", { name: err instanceof Error ? err.name : typeof err }),
      }),
  );
  return {
    summary: run.call ? msg("change.abandoned.call", { call: run.call, domain: run.domain }) : msg("change.abandoned", { domain: run.domain }),
    journalPath: journal.path,
    rollbackCommand: run.undoCommand,
  };
}
