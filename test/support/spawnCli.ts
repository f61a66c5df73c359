import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";

export const BIN = fileURLToPath(new URL("../../bin/byodkim.js", import.meta.url));

export interface SpawnResult {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs the built `byodkim` as an operator would: a separate process, real env, no TTY. */
export function spawnCli(
  args: readonly string[],
  options: {
    env?: NodeJS.ProcessEnv;
    cwd?: string;
    /** Kills a hung child (SIGKILL); it bounds a hang on a busy machine, not a run. */
    timeoutMs?: number;
    /** Typed at the prompt; stdin stays open (and unanswered) when this is undefined but `onSpawn` wants to answer. */
    stdin?: string;
    keepStdinOpen?: boolean;
    onSpawn?: (child: ReturnType<typeof spawn>) => void;
  } = {},
): Promise<SpawnResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], {
      cwd: options.cwd,
      // The SDK's Node switch set as an operator would: byodkim's own once-a-day Node notice then stays quiet too.
      env: {
        PATH: process.env["PATH"] ?? "",
        HOME: process.env["HOME"] ?? "/tmp",
        NO_COLOR: "1",
        AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: "true",
        ...options.env,
      },
      stdio: [options.stdin !== undefined || options.keepStdinOpen ? "pipe" : "ignore", "pipe", "pipe"],
    });
    if (options.stdin !== undefined) child.stdin?.end(options.stdin);
    let stdout = "";
    let stderr = "";
    child.stdout!.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr!.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    const timer = setTimeout(() => child.kill("SIGKILL"), options.timeoutMs ?? 120_000);
    child.on("error", reject);
    child.on("close", (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, stdout, stderr });
    });
    options.onSpawn?.(child);
  });
}
