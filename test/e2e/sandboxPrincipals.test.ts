import { spawn } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { expect, it } from "vitest";
import { principalOf, samePrincipal } from "../../src/permissions/principal.js";
import { BIN, spawnCli } from "../support/spawnCli.js";

it("points one shell at the sandbox as the operator and another as the approver: byodkim sees two callers, two people", async () => {
  const home = mkdtempSync(join(tmpdir(), "byodkim-home-"));
  const checkout = dirname(dirname(BIN));
  const env = {
    PATH: `${dirname(process.execPath)}:${process.env["PATH"] ?? ""}`,
    HOME: home,
    NO_COLOR: "1",
    AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: "true",
  };
  const sandbox = spawn(process.execPath, [BIN, "sandbox"], { cwd: checkout, env, stdio: ["ignore", "pipe", "pipe"] });
  const exited = new Promise<number | null>((resolve) => sandbox.on("close", resolve));
  try {
    await printedUntil(sandbox.stdout, "Ctrl-C");
    /** Who a shell pointed at the sandbox with `eval "$(… sandbox --env ARGS)"` plans as: the caller `enable --dry-run --json` names. */
    const callerOfShell = async (envArgs: string) => {
      const shell = await runInBash(`eval "$(node bin/byodkim.js sandbox --env${envArgs})"\nnode bin/byodkim.js enable --dry-run --json`, {
        cwd: checkout,
        env,
      });
      expect(shell.code, shell.stdout + shell.stderr).toBe(0);
      return (JSON.parse(shell.stdout) as { plan: { callerArn: string } }).plan.callerArn;
    };
    const operator = await callerOfShell("");
    const approver = await callerOfShell(" --as approver");
    expect(operator).toBe("arn:aws:sts::123456789012:assumed-role/MailOps/operator");
    expect(approver).toBe("arn:aws:sts::123456789012:assumed-role/MailOps/approver");
    expect(samePrincipal(principalOf(operator), principalOf(approver))).toBe(false);

    // The sandbox's own log names who made each request, in the order the two shells made them.
    const script = await spawnCli(["sandbox", "--env", "--as", "approver"], { env: { HOME: home } });
    const endpoint = /^export AWS_ENDPOINT_URL=(\S+)$/m.exec(script.stdout)?.[1];
    const log = (await (await fetch(`${endpoint}/_sandbox/log`)).json()) as { operation: string; caller?: string }[];
    const callers = log.filter((entry) => entry.operation === "GetCallerIdentity").map((entry) => entry.caller);
    expect(callers.length).toBeGreaterThanOrEqual(2);
    expect(new Set(callers)).toEqual(new Set([operator, approver]));
    expect(callers.at(-1)).toBe(approver);

    const unknown = await spawnCli(["sandbox", "--env", "--as", "auditor"], { env: { HOME: home } });
    expect(unknown.code).toBe(2);
    expect(unknown.stdout).toBe("");
    expect(unknown.stderr).toContain("the sandbox has no principal named auditor (known: operator, approver)");
  } finally {
    sandbox.kill("SIGINT");
  }
  expect(await exited).toBe(0);
});

/** What a process printed on `stream` up to and including the first line that holds `marker`. */
function printedUntil(stream: NodeJS.ReadableStream, marker: string): Promise<string> {
  let text = "";
  return new Promise((resolve) => {
    stream.on("data", (chunk: Buffer) => {
      text += chunk.toString();
      if (text.includes(marker)) resolve(text);
    });
  });
}

/** `script` in a fresh bash, as a second terminal would run it. */
function runInBash(script: string, options: { cwd: string; env: NodeJS.ProcessEnv }): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn("bash", ["-c", script], { cwd: options.cwd, env: options.env, stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stdout, stderr }));
  });
}
