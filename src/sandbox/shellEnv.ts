import { homedir } from "node:os";
import { isAbsolute, join } from "node:path";
import { byodkimError } from "../errors.js";
import { ensureOwnFolder, readOwnFile, replaceFile } from "../state/ownFiles.js";
import { SANDBOX_PRINCIPAL_NAMES, type SandboxPrincipalName } from "./principals.js";
import type { Sandbox } from "./start.js";

type SandboxShell = Pick<Sandbox, "envAs" | "configPath">;

/** A word the shell reads back as itself: bare when it holds nothing the shell would interpret. */
export const shellQuote = (value: string) => (/^[\w@%+=:,./-]+$/.test(value) ? value : `'${value.replace(/'/g, "'\\''")}'`);

/**
 * What a shell needs to rehearse against `sandbox`: the SDK's endpoint and credentials, and
 * BYODKIM_CONFIG so that no command needs `--config`. Not in `sandbox.env` itself: a test that
 * spawns byodkim with that env proves what a command without `--config` does elsewhere.
 */
export function sandboxShellEnv(sandbox: SandboxShell, as: SandboxPrincipalName = "operator"): Record<string, string> {
  return { ...sandbox.envAs[as], BYODKIM_CONFIG: sandbox.configPath };
}

/**
 * The lines `eval "$(byodkim sandbox --env)"` runs. AWS_PROFILE goes first: set, the SDK would use
 * that profile's credentials and ignore the sandbox's.
 */
export function sandboxEnvScript(sandbox: SandboxShell, as: SandboxPrincipalName = "operator"): string {
  const exports = Object.entries(sandboxShellEnv(sandbox, as)).map(([name, value]) => `export ${name}=${shellQuote(value)}`);
  return `unset AWS_PROFILE\n${exports.join("\n")}\n`;
}

/**
 * Where the running sandbox leaves its script for another shell: beside the journals, in
 * ~/.byodkim; `sandbox.env` is the operator's, `sandbox-approver.env` the approver's.
 */
export function currentSandboxEnvPath(env: NodeJS.ProcessEnv, as: SandboxPrincipalName = "operator"): string {
  const home = env["HOME"] ?? homedir();
  if (!isAbsolute(home)) throw byodkimError("config", "sandbox.noHome", { home: JSON.stringify(home) });
  return join(home, ".byodkim", as === "operator" ? "sandbox.env" : `sandbox-${as}.env`);
}

/** Written at each start, one script per principal: the last sandbox started is the one another shell is pointed at. */
export function writeCurrentSandboxEnv(env: NodeJS.ProcessEnv, sandbox: SandboxShell): string {
  const operatorPath = currentSandboxEnvPath(env);
  ensureOwnFolder(join(operatorPath, ".."), 0o700);
  for (const as of SANDBOX_PRINCIPAL_NAMES) replaceFile(currentSandboxEnvPath(env, as), sandboxEnvScript(sandbox, as), 0o600);
  return operatorPath;
}

/**
 * The script of the sandbox running now, for `byodkim sandbox --env`; null when none is: a script
 * left by a sandbox that has stopped (Ctrl-C, a closed terminal, a kill) points at nothing.
 */
export async function readCurrentSandboxEnv(
  env: NodeJS.ProcessEnv,
  as: SandboxPrincipalName = "operator",
): Promise<{ readonly path: string; readonly script: string | null }> {
  const { path, running } = await currentSandbox(env, as);
  return { path, script: running?.script ?? null };
}

/** The endpoint of the sandbox running now, for a command that talks to it (`sandbox alarm`); null when none is. */
export async function readCurrentSandboxEndpoint(env: NodeJS.ProcessEnv): Promise<{ readonly path: string; readonly endpoint: string | null }> {
  const { path, running } = await currentSandbox(env, "operator");
  return { path, endpoint: running?.endpoint ?? null };
}

async function currentSandbox(
  env: NodeJS.ProcessEnv,
  as: SandboxPrincipalName,
): Promise<{ path: string; running: { script: string; endpoint: string } | null }> {
  const path = currentSandboxEnvPath(env, as);
  let script: string;
  try {
    script = readOwnFile(path);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === "ENOENT") return { path, running: null };
    throw err;
  }
  const endpoint = /^export AWS_ENDPOINT_URL=(\S+)$/m.exec(script)?.[1];
  return { path, running: endpoint !== undefined && (await sandboxAnswers(endpoint)) ? { script, endpoint } : null };
}

/** Whether a sandbox serves `endpoint` now: its own admin path, which no AWS endpoint has. */
async function sandboxAnswers(endpoint: string): Promise<boolean> {
  try {
    const response = await fetch(`${endpoint}/_sandbox/faults`, { signal: AbortSignal.timeout(2_000) });
    return response.ok;
  } catch {
    return false;
  }
}
