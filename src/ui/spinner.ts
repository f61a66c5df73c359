import ora, { type Ora } from "ora";
import type { GateId } from "../gates/types.js";
import { msg } from "../messages/msg.js";
import type { Output } from "./output.js";

export interface GateSpinner {
  started(id: GateId): void;
  finished(id: GateId): void;
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
  const text = () => out.t(msg("render.spinner.checking", { gate: [...running].map((id) => out.t(msg(`gate.${id}.title`))).join(", ") }));
  return {
    started(id) {
      running.add(id);
      if (!enabled) return;
      spinner ??= ora({ stream: out.stderr as NodeJS.WritableStream, text: text(), discardStdin: false }).start();
      spinner.text = text();
    },
    finished(id) {
      running.delete(id);
      if (spinner && running.size > 0) spinner.text = text();
    },
    stop() {
      spinner?.stop();
      spinner = undefined;
    },
  };
}
