import type { AbandonedChange, InterruptGuard } from "../engine/context.js";
import { type StopSignal, signalExitCode } from "../errors.js";
import { type Msg, msg } from "../messages/msg.js";
import type { Output } from "../ui/output.js";

type Printing = typeof import("./printing.js");

/** What a stop signal needs of the command running: its name, its output, and the one document's turn. */
export interface StopSignalHost {
  /** The words of the command running (`enable`, `runbook show`), for the document a stop prints. */
  commandName(): string;
  /** The command's output, or one made for the stop when none was made yet. */
  output(): Promise<Output>;
  /** The renderers, loaded once and kept: printing a stop must not wait on a load. */
  printing(): Promise<Printing>;
  /** True once, for whoever prints the run's one document first; false after it was printed. */
  claimDocument(): boolean;
}

/** A change under way: a stop signal is noted; a second one forces it to stop. */
interface ArmedChange {
  readonly out: Output;
  readonly abandon: (signal: StopSignal) => Promise<AbandonedChange>;
}

/** How long a forced stop may spend journaling and releasing the lock before the process ends anyway. */
const FORCE_GRACE_MS = 10_000;

/**
 * What Ctrl-C, SIGTERM and SIGHUP do, by what the process is doing: with no change under way it
 * ends now; a runbook walk between changes stops at its step; a change under way is noted and stops
 * cleanly after the call in flight; a second signal forces it, with a grace for the journal and lock.
 */
export class StopSignals {
  /** A command that a stop signal ends normally (the sandbox) handles it itself. */
  interruptHandler: (() => void) | undefined;
  private change: ArmedChange | undefined;
  /** The first stop signal of a change: the run ends with its exit code (128 + its number). */
  private notedSignal: StopSignal | undefined;
  private forcingStop = false;
  /** A change ran to its end earlier in this process (a runbook walk): "nothing was changed" would no longer be true. */
  private changedEarlier = false;
  /** A runbook walk between its steps' changes: the first stop signal is its to handle. */
  private stopBetweenChanges: ((signal: StopSignal) => void) | undefined;

  constructor(private readonly host: StopSignalHost) {}

  /** The signal noted during a change, if one was. */
  get noted(): StopSignal | undefined {
    return this.notedSignal;
  }

  /** A forced stop prints its own document and ends the process: nothing may follow it. */
  get forcing(): boolean {
    return this.forcingStop;
  }

  /** The guard a command's context arms around its change. */
  guard(out: Output): InterruptGuard {
    return {
      arm: (abandon) => {
        this.change = { out, abandon };
      },
      disarm: () => {
        this.change = undefined;
        this.changedEarlier = true;
      },
      requested: () => this.notedSignal !== undefined,
      onStopBetweenChanges: (handler) => {
        this.stopBetweenChanges = handler;
      },
    };
  }

  /** The command ended (or failed): a change that ended early may not have disarmed, and has nothing left to stop. */
  commandEnded(): void {
    this.change = undefined;
  }

  /** Resolves to the exit code when the process must end now; undefined when the command goes on. */
  async signalled(signal: StopSignal): Promise<number | undefined> {
    if (this.interruptHandler) {
      this.interruptHandler();
      return undefined;
    }
    const change = this.change;
    const walk = this.stopBetweenChanges;
    if (!change && walk && this.notedSignal === undefined) {
      // The walk stops at the step it is on and prints its document; a second signal ends the process.
      this.notedSignal = signal;
      this.stopBetweenChanges = undefined;
      const out = await this.host.output();
      out.stderr.write(`\n${out.t(msg("cli.walkStopNoted", { signal }))}\n`);
      walk(signal);
      return undefined;
    }
    if (!change) return this.stopped(signal);
    if (this.notedSignal === undefined) {
      this.notedSignal = signal;
      const noted = { SIGINT: msg("cli.interruptNoted"), SIGHUP: msg("cli.hangupNoted"), SIGTERM: msg("cli.signalNoted", { signal }) }[signal];
      change.out.stderr.write(`\n${change.out.t(noted)}\n`);
      return undefined;
    }
    // One hang-up can arrive twice (from the kernel and from the shell): only a deliberate repeat forces.
    if (signal === "SIGHUP") return undefined;
    if (this.forcingStop) return signalExitCode(this.notedSignal);
    this.forcingStop = true;
    change.out.stderr.write(`${change.out.t(msg("cli.forcing", { signal }))}\n`);
    const grace = new Promise<undefined>((resolve) => setTimeout(() => resolve(undefined), FORCE_GRACE_MS).unref());
    const abandoned = await Promise.race([change.abandon(signal).catch(() => undefined), grace]);
    const { abandonedJson, renderAbandonedText } = await this.host.printing();
    if (this.host.claimDocument()) {
      const { out } = change;
      const commandName = this.host.commandName();
      out.stdout.write(
        out.json ? `${JSON.stringify(abandonedJson(out, commandName, abandoned), null, 2)}\n` : renderAbandonedText(out, abandoned, commandName),
      );
    }
    return signalExitCode(this.notedSignal);
  }

  /** A stop signal with no change under way: there is nothing to undo, and the process ends now. */
  private async stopped(signal: StopSignal): Promise<number> {
    const { interruptedJson } = await this.host.printing();
    const out = await this.host.output();
    const message: Msg = this.changedEarlier
      ? msg("cli.stoppedAfterChange", { signal })
      : signal === "SIGINT"
        ? msg("cli.interrupted")
        : msg("cli.signalled", { signal });
    if (this.host.claimDocument()) {
      out.stderr.write(`\n${out.t(message)}\n`);
      if (out.json) out.stdout.write(`${JSON.stringify(interruptedJson(out, this.host.commandName(), message), null, 2)}\n`);
    }
    return signalExitCode(signal);
  }
}
