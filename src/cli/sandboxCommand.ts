import type { Command } from "commander";
import { ExitCode } from "../errors.js";
import { collect } from "./options.js";
import type { CliRuntime } from "./runtime.js";

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
    .description(runtime.help("help.sandbox"))
    .option("--scenario <name>", runtime.help("help.sandbox.scenario"), "good")
    .option("--list", runtime.help("help.sandbox.list"))
    .option("--port <port>", runtime.help("help.sandbox.port"))
    .option("--fault <Operation=kind>", runtime.help("help.sandbox.fault"), collect)
    .option("--checks-before-failure <n>", runtime.help("help.sandbox.checksBeforeFailure"), "120")
    .option("--ses-rate-limit <n>", runtime.help("help.sandbox.sesRateLimit"))
    .action((flags: SandboxFlags, command: Command) =>
      runtime.action(command, async ({ out, onInterrupt }) => {
        // The sandbox and its rendering load only when asked for: --help must not pay for them.
        const { renderSandboxStarted, renderSandboxStopped, renderScenarioList, sandboxJson, scenarioListJson } = await import("../ui/renderSandbox.js");
        if (flags.list) return { exitCode: ExitCode.ok, text: () => renderScenarioList(out), json: scenarioListJson };
        const { runSandboxCommand } = await import("../commands/sandbox.js");
        await runSandboxCommand(flags, {
          started: (sandbox) => out.stdout.write(out.json ? `${JSON.stringify(sandboxJson(sandbox))}\n` : renderSandboxStarted(out, sandbox)),
          onStopRequest: onInterrupt,
        });
        if (!out.json) out.stderr.write(renderSandboxStopped(out));
        return { exitCode: ExitCode.ok, text: () => "", json: () => null };
      }),
    );
}

export function registerDemo(program: Command, runtime: CliRuntime): void {
  program
    .command("demo")
    .description(runtime.help("help.demo"))
    .action((_flags: unknown, command: Command) =>
      runtime.action(command, async ({ out }) => {
        const { runDemo } = await import("../commands/demo.js");
        const { renderDemoIntro, renderDemoStep } = await import("../ui/renderSandbox.js");
        const exitCode = await runDemo(out.lang, {
          intro: (sandbox) => out.stdout.write(renderDemoIntro(out, sandbox)),
          step: (args) => out.stdout.write(renderDemoStep(out, args)),
        });
        return { exitCode, text: () => "", json: () => ({ command: "demo", ok: exitCode === ExitCode.ok, exitCode }) };
      }),
    );
}
