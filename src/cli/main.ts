import { Command, CommanderError } from "commander";
import { DEFAULT_CONFIG_PATH } from "../config/loadConfig.js";
import { ExitCode } from "../errors.js";
import { addGlobalOptions } from "./globalOptions.js";
import { registerEnable } from "./enableCommand.js";
import { registerPrecheck } from "./precheckCommand.js";
import { registerRollback } from "./rollbackCommand.js";
import { registerRun, registerRunbook } from "./runbookCommands.js";
import { registerVerify } from "./verifyCommand.js";
import { registerDemo, registerSandbox } from "./sandboxCommand.js";
import { CliRuntime, type CliIo } from "./runtime.js";

const VERSION = "0.1.0";

export function buildProgram(runtime: CliRuntime): Command {
  const program = new Command("byodkim")
    .description("Switch an Amazon SES domain identity to Bring Your Own DKIM safely, check it, and roll it back.")
    .version(VERSION)
    .exitOverride()
    .configureOutput({
      writeOut: (text) => runtime.io.stdout.write(text),
      writeErr: (text) => runtime.io.stderr.write(text),
    })
    .showHelpAfterError("(run byodkim --help for usage)")
    .configureHelp({ showGlobalOptions: true })
    .addHelpText(
      "after",
      "\nExit codes: 0 ok · 1 a gate or check failed (nothing changed) · 2 usage, config or input error ·\n" +
        "3 declined · 4 AWS failure during a change (state journaled) · 130 interrupted",
    );
  addGlobalOptions(program, DEFAULT_CONFIG_PATH);
  registerPrecheck(program, runtime);
  registerEnable(program, runtime);
  registerVerify(program, runtime);
  registerRollback(program, runtime);
  registerRun(program, runtime);
  registerRunbook(program, runtime);
  registerSandbox(program, runtime);
  registerDemo(program, runtime);
  const allCommands = (command: Command): Command[] => [command, ...command.commands.flatMap(allCommands)];
  for (const command of allCommands(program).slice(1)) command.exitOverride().configureOutput(program.configureOutput());
  return program;
}

/** Runs the CLI and returns its exit code (README "Exit codes"); never throws. */
export async function run(argv: readonly string[], io?: CliIo): Promise<number> {
  const runtime = new CliRuntime(io ?? processIo());
  // Only the real process owns its signals; in-process callers (tests) keep theirs.
  const onInterrupt = () => {
    if (runtime.interruptHandler) return runtime.interruptHandler();
    runtime.interrupted();
    process.exit(ExitCode.interrupted);
  };
  if (io === undefined) process.once("SIGINT", onInterrupt);
  const program = buildProgram(runtime);
  try {
    await program.parseAsync([...argv], { from: "user" });
    return runtime.exitCode;
  } catch (err) {
    if (err instanceof CommanderError) {
      // Help and version are successful outputs; every other commander error is a usage error.
      if (err.code === "commander.helpDisplayed" || err.code === "commander.version" || err.code === "commander.help") return ExitCode.ok;
      return ExitCode.usage;
    }
    runtime.fail(undefined, "byodkim", err);
    return runtime.exitCode;
  } finally {
    process.removeListener("SIGINT", onInterrupt);
  }
}

export function processIo(): CliIo {
  return { stdout: process.stdout, stderr: process.stderr, env: process.env };
}
