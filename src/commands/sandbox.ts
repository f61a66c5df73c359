import { byodkimError } from "../errors.js";
import { parseFault } from "../sandbox/faults.js";
import { startSandbox } from "../sandbox/start.js";
import type { Output } from "../ui/output.js";
import { renderScenarioList, renderSandboxStarted, renderSandboxStopped, sandboxJson } from "../ui/renderSandbox.js";

export interface SandboxFlags {
  readonly scenario?: string;
  readonly port?: string;
  readonly fault?: readonly string[];
  readonly list?: boolean;
  readonly checksBeforeFailure?: string;
  readonly sesRateLimit?: string;
}

function wholeNumber(flag: string, value: string | undefined, fallback: number, max = 65535): number {
  if (value === undefined) return fallback;
  const number = Number(value);
  if (!Number.isInteger(number) || number < 0 || number > max) throw byodkimError("usage", "sandbox.badNumber", { flag, value });
  return number;
}

/** Runs the rehearsal environment until Ctrl-C (or SIGTERM), then stops it cleanly. */
export async function runSandboxCommand(out: Output, flags: SandboxFlags, onStopRequest: (stop: () => void) => void): Promise<number> {
  if (flags.list) {
    out.stdout.write(renderScenarioList(out));
    return 0;
  }
  const sandbox = await startSandbox({
    scenario: flags.scenario,
    port: wholeNumber("--port", flags.port, 0),
    faults: (flags.fault ?? []).map(parseFault),
    dkimChecksBeforeFailure: wholeNumber("--checks-before-failure", flags.checksBeforeFailure, 5, 1000),
    sesRateLimitPerSecond: wholeNumber("--ses-rate-limit", flags.sesRateLimit, 0, 1000),
  });
  out.stdout.write(out.json ? `${JSON.stringify(sandboxJson(sandbox))}\n` : renderSandboxStarted(out, sandbox));
  await new Promise<void>((resolve) => {
    onStopRequest(resolve);
    process.once("SIGTERM", () => resolve());
  });
  await sandbox.stop();
  if (!out.json) out.stderr.write(renderSandboxStopped(out));
  return 0;
}
