import type { CliIo } from "../../src/cli/runtime.js";

export interface CapturedIo extends CliIo {
  readonly out: () => string;
  readonly err: () => string;
}

/** stdout and stderr as strings, so tests can read exactly what an operator would see. */
export function captureIo(env: NodeJS.ProcessEnv = {}, isTTY = false): CapturedIo {
  let out = "";
  let err = "";
  return {
    stdout: { write: (text: string) => (out += text), isTTY },
    stderr: { write: (text: string) => (err += text), isTTY },
    env: { NO_COLOR: "1", ...env },
    out: () => out,
    err: () => err,
  };
}
