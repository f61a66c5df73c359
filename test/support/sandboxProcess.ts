import { spawn } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { BIN } from "./spawnCli.js";

/** What a process printed on `stream` up to and including the first line that holds `marker`. */
export function printedUntil(stream: NodeJS.ReadableStream, marker: string): Promise<string> {
  let text = "";
  return new Promise((resolve) => {
    stream.on("data", (chunk: Buffer) => {
      text += chunk.toString();
      if (text.includes(marker)) resolve(text);
    });
  });
}

/** The first line a `--json` sandbox prints: what it started. */
export async function firstJsonLine<T>(stream: NodeJS.ReadableStream): Promise<T> {
  const text = await printedUntil(stream, "\n");
  return JSON.parse(text.split("\n")[0]!) as T;
}

/** `script` in a fresh bash, as a second terminal would run it; `stdin`: what is typed at its prompts. */
export function runInBash(
  script: string,
  options: { cwd: string; env: NodeJS.ProcessEnv; stdin?: string | undefined },
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn("bash", ["-c", script], {
      cwd: options.cwd,
      env: options.env,
      stdio: [options.stdin === undefined ? "ignore" : "pipe", "pipe", "pipe"],
    });
    if (options.stdin !== undefined) child.stdin!.end(options.stdin);
    let stdout = "";
    let stderr = "";
    child.stdout!.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr!.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stdout, stderr }));
  });
}

/** The checkout the tests run from, and an environment with a HOME of its own (a sandbox leaves its settings for `--env` in ~/.byodkim). */
export function ownHomeEnv() {
  const home = mkdtempSync(join(tmpdir(), "byodkim-home-"));
  const checkout = dirname(dirname(BIN));
  const env = {
    PATH: `${dirname(process.execPath)}:${process.env["PATH"] ?? ""}`,
    HOME: home,
    NO_COLOR: "1",
    AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: "true",
  };
  return { home, checkout, env };
}

/** A sandbox started from the checkout with a HOME of its own, where it leaves its settings for `--env` (not in the tester's ~/.byodkim). */
export function sandboxInOwnHome(args: readonly string[] = []) {
  const { home, checkout, env } = ownHomeEnv();
  const child = spawn(process.execPath, [BIN, "sandbox", ...args], { cwd: checkout, env, stdio: ["ignore", "pipe", "pipe"] });
  const exited = new Promise<number | null>((resolve) => child.on("close", resolve));
  return { home, checkout, env, child, exited };
}
