import type { Ora } from "ora";
import type { GateId } from "../gates/types.js";
import { msg } from "../messages/msg.js";
import type { Output } from "./output.js";

export interface GateSpinner {
  started(id: GateId): void;
  finished(id: GateId): void;
  /** A run that counts its way through (status): the spinner shows this text instead of gates. */
  progress(text: string): void;
  /** A line written above the spinner (a retried call): the gates still running keep their spinner. */
  above(write: () => void): void;
  stop(): void;
}

/** A spinner on stderr naming the gates still running; silent when stderr is not a terminal. */
export function createSpinner(out: Output, env: NodeJS.ProcessEnv): GateSpinner {
  const running = new Set<GateId>();
  // A pseudo-terminal can report 0 columns (e.g. under `script`); ora then miscounts the lines to
  // clear without end, so such a terminal gets no spinner.
  const columns = (out.stderr as { columns?: number }).columns ?? 0;
  const enabled = Boolean(out.stderr.isTTY) && columns > 0 && !env["CI"];
  let spinner: Ora | undefined;
  let counting: string | undefined;
  const text = () => counting ?? out.t(msg("render.spinner.checking", { gate: [...running].map((id) => out.t(msg(`gate.${id}.title`))).join(", ") }));
  // ora takes about 50 ms to load: only a terminal that shows it pays, and the gates do not wait for it.
  let ora: typeof import("ora").default | undefined;
  const show = () => {
    // After stop() nothing runs: a load that ends then shows nothing (a spinner left spinning would keep the process alive).
    if (!ora || (running.size === 0 && counting === undefined)) return;
    // byodkim has decided (from the env it was given): ora's own look at process.env must not overrule it.
    spinner ??= ora({ stream: out.stderr as NodeJS.WritableStream, text: text(), discardStdin: false, isEnabled: true }).start();
    spinner.text = text();
  };
  if (enabled)
    void import("ora").then(
      (loaded) => {
        ora = loaded.default;
        show();
      },
      () => {},
    );
  return {
    started(id) {
      running.add(id);
      if (enabled) show();
    },
    finished(id) {
      running.delete(id);
      // The step it showed has ended: a spinner left turning would claim the calls and the wait that follow.
      if (running.size === 0 && counting === undefined) {
        spinner?.stop();
        spinner = undefined;
      } else if (spinner) spinner.text = text();
    },
    progress(line) {
      counting = line;
      if (enabled) show();
    },
    above(write) {
      spinner?.stop();
      spinner = undefined;
      write();
      if (enabled) show();
    },
    stop() {
      running.clear();
      counting = undefined;
      spinner?.stop();
      spinner = undefined;
    },
  };
}
