import type { Command } from "commander";
import { ExitCode } from "../errors.js";
import type { CliRuntime } from "./runtime.js";

const collect = (value: string, previous: string[] | undefined): string[] => [...(previous ?? []), value];

interface SandboxFlags {
  scenario?: string;
  port?: string;
  fault?: string[];
  list?: boolean;
  checksBeforeFailure?: string;
  sesRateLimit?: string;
}

export function registerSandbox(program: Command, runtime: CliRuntime): void {
  program
    .command("sandbox")
    .description("start the rehearsal environment: a local AWS endpoint and DNS servers seeded with a scenario")
    .option("--scenario <name>", "scenario to seed (see --list)", "good")
    .option("--list", "list the scenarios and exit")
    .option("--port <port>", "port for the AWS endpoint (default: any free port)")
    .option("--fault <Operation=kind>", "inject a fault: throttle, access-denied, server-error or latency:MS (repeatable)", collect)
    .option("--checks-before-failure <n>", "failed DNS checks (4 a second) before a PENDING DKIM setup becomes FAILED", "120")
    .option("--ses-rate-limit <n>", "SES requests per second before TooManyRequestsException (0: none)", "0")
    .action(async (flags: SandboxFlags, command: Command) => {
      const { runSandboxCommand } = await import("../commands/sandbox.js");
      const out = runtime.outputFor(command);
      try {
        runtime.exitCode = await runSandboxCommand(out, flags, (stop) => (runtime.interruptHandler = stop));
      } catch (err) {
        runtime.fail(out, "sandbox", err);
      }
    });
}

export function registerDemo(program: Command, runtime: CliRuntime): void {
  program
    .command("demo")
    .description("rehearse the runbook end to end against a fresh sandbox (what `npm run demo` runs)")
    .action(async (_flags: unknown, command: Command) => {
      const { runDemo } = await import("../commands/demo.js");
      const out = runtime.outputFor(command);
      try {
        runtime.exitCode = await runDemo(out);
      } catch (err) {
        runtime.fail(out, "demo", err);
        if (runtime.exitCode === ExitCode.ok) runtime.exitCode = ExitCode.checkFailed;
      }
    });
}
