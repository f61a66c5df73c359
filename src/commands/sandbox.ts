import { byodkimError } from "../errors.js";
import { parseFault } from "../sandbox/faults.js";
import { isSandboxPrincipalName, SANDBOX_PRINCIPAL_NAMES, type SandboxPrincipalName } from "../sandbox/principals.js";
import { readCurrentSandboxEnv, writeCurrentSandboxEnv } from "../sandbox/shellEnv.js";
import { type Sandbox, startSandbox } from "../sandbox/start.js";

export interface SandboxFlags {
  readonly scenario?: string;
  readonly port?: string;
  readonly fault?: readonly string[];
  readonly checksBeforeFailure?: string;
  readonly sesRateLimit?: string;
  /** Only with --env: whose keys the lines give. */
  readonly as?: string;
}

function wholeNumber(flag: string, value: string | undefined, fallback: number, max = 65535): number {
  if (value === undefined) return fallback;
  const number = Number(value);
  if (!/^\s*\d+\s*$/.test(value) || !Number.isInteger(number) || number > max) throw byodkimError("usage", "sandbox.badNumber", { flag, value, min: 0, max });
  return number;
}

/** What the operator is told while the sandbox runs; the CLI renders it. */
export interface SandboxReport {
  /** `envFile`: where `byodkim sandbox --env` finds it, or why it could not be written (then its lines are pasted by hand). */
  started(sandbox: Sandbox, envFile: { readonly path: string } | { readonly error: unknown }): void;
  /** Hands over the function that stops the sandbox: Ctrl-C is the normal way to end this command. */
  onStopRequest(stop: () => void): void;
}

/** Runs the rehearsal environment until Ctrl-C (or SIGTERM), then stops it cleanly. */
export async function runSandboxCommand(flags: SandboxFlags, env: NodeJS.ProcessEnv, report: SandboxReport): Promise<void> {
  // A sandbox started "as" someone would still answer everyone: the flag belongs to the shell pointed at it.
  if (flags.as !== undefined) throw byodkimError("usage", "sandbox.asWithoutEnv", { as: flags.as });
  const sandbox = await startSandbox({
    scenario: flags.scenario,
    port: wholeNumber("--port", flags.port, 0),
    faults: (flags.fault ?? []).map(parseFault),
    dkimChecksBeforeFailure: wholeNumber("--checks-before-failure", flags.checksBeforeFailure, 5, 1000),
    // Unset, the scenario's own limit applies (fleet's SES is as slow as the real one).
    ...(flags.sesRateLimit === undefined ? {} : { sesRateLimitPerSecond: wholeNumber("--ses-rate-limit", flags.sesRateLimit, 0, 1000) }),
  });
  report.started(sandbox, leaveEnvForOtherShells(env, sandbox));
  await new Promise<void>((resolve) => {
    report.onStopRequest(resolve);
    process.once("SIGTERM", () => resolve());
  });
  await sandbox.stop();
}

/** A sandbox whose script could not be written still runs: its exports are printed to paste by hand. */
function leaveEnvForOtherShells(env: NodeJS.ProcessEnv, sandbox: Sandbox): { readonly path: string } | { readonly error: unknown } {
  try {
    return { path: writeCurrentSandboxEnv(env, sandbox) };
  } catch (error) {
    return { error };
  }
}

/**
 * `byodkim sandbox --env [--as approver]`: the lines that point a shell at the sandbox running in
 * another one, signed as the operator or as `as`. `startCommand` is how to start one there, for
 * the refusal when none is running.
 */
export async function sandboxEnvLines(env: NodeJS.ProcessEnv, startCommand: string, as = "operator"): Promise<string> {
  const principal = sandboxPrincipalName(as);
  const { path, script } = await readCurrentSandboxEnv(env, principal);
  if (script === null) throw byodkimError("usage", "sandbox.notRunning", { path }, "sandbox.notRunning.hint", { command: startCommand });
  return script;
}

function sandboxPrincipalName(as: string): SandboxPrincipalName {
  if (isSandboxPrincipalName(as)) return as;
  throw byodkimError("usage", "sandbox.unknownPrincipal", { as, known: SANDBOX_PRINCIPAL_NAMES.join(", ") });
}
