import { Command, CommanderError } from "commander";
import { DEFAULT_CONFIG_PATH } from "../config/config.js";
import { ExitCode, STOP_SIGNALS, type StopSignal } from "../errors.js";
import { type Msg, msg } from "../messages/msg.js";
import { addGlobalOptions, defaultConfigPath } from "./options.js";
import { registerEnable } from "./enableCommand.js";
import { registerKeygen, registerRetire, registerRotate } from "./keyLifecycleCommands.js";
import { registerPrecheck } from "./precheckCommand.js";
import { registerRollback } from "./rollbackCommand.js";
import { registerRun, registerRunbook } from "./runbookCommands.js";
import { registerReport } from "./reportCommand.js";
import { registerStatus } from "./statusCommand.js";
import { registerVerify } from "./verifyCommand.js";
import { registerIamPolicy } from "./iamPolicyCommand.js";
import { registerNotifyTest } from "./notifyTestCommand.js";
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
        "3 declined · 4 AWS failure during a change (state journaled) ·\n" +
        "5 SES changed but not confirmed (verification FAILED, the wait ran out, or another run changed it; state journaled) ·\n" +
        "130 interrupted (Ctrl-C) · 143 SIGTERM · 129 SIGHUP (a change under way stops cleanly first)",
    );
  addGlobalOptions(program, defaultConfigPath(runtime.io.env, DEFAULT_CONFIG_PATH));
  registerPrecheck(program, runtime);
  registerEnable(program, runtime);
  registerVerify(program, runtime);
  registerRollback(program, runtime);
  registerKeygen(program, runtime);
  registerRotate(program, runtime);
  registerRetire(program, runtime);
  registerStatus(program, runtime);
  registerReport(program, runtime);
  registerRun(program, runtime);
  registerRunbook(program, runtime);
  registerIamPolicy(program, runtime);
  registerNotifyTest(program, runtime);
  registerSandbox(program, runtime);
  registerDemo(program, runtime);
  const allCommands = (command: Command): Command[] => [command, ...command.commands.flatMap(allCommands)];
  for (const command of allCommands(program).slice(1)) command.exitOverride().configureOutput(program.configureOutput());
  return program;
}

/** Runs the CLI and returns its exit code (README "Exit codes"); never throws. */
export async function run(argv: readonly string[], io?: CliIo): Promise<number> {
  const runtime = new CliRuntime(io ?? processIo(), io === undefined ? { nodeVersionNotice: silenceSdkNodeWarning() } : {});
  // Only the real process owns its signals; in-process callers (tests) keep theirs. `on`, not
  // `once`: the second Ctrl-C of a change must reach the runtime too, to stop it by force.
  const onSignal = (signal: NodeJS.Signals) =>
    void runtime.signalled(signal as StopSignal).then((code) => {
      if (code !== undefined) process.exit(code);
    });
  if (io === undefined) for (const signal of STOP_SIGNALS) process.on(signal, onSignal);
  const program = buildProgram(runtime);
  try {
    await program.parseAsync([...argv], { from: "user" });
    return runtime.exitCode;
  } catch (err) {
    if (err instanceof CommanderError) {
      // Help and version are successful outputs; help shown for want of a command, and every other commander error, are usage errors.
      if (err.exitCode === 0) return ExitCode.ok;
      const detail: Msg = err.code === "commander.help" ? msg("cli.noCommand") : msg("cli.usage", { detail: err.message.replace(/^error: /, "") });
      await runtime.usageFailure(argv, commandNamed(program, argv), detail);
      return ExitCode.usage;
    }
    await runtime.fail(undefined, "byodkim", err);
    return runtime.exitCode;
  } finally {
    for (const signal of STOP_SIGNALS) process.removeListener(signal, onSignal);
  }
}

/** The command the words name (`enable`, `runbook show`), for the error document of a command line commander refused. */
function commandNamed(program: Command, argv: readonly string[]): string {
  const path: string[] = [];
  let current = program;
  for (const word of argv) {
    const sub = current.commands.find((command) => command.name() === word);
    if (!sub) continue;
    path.push(word);
    current = sub;
  }
  return path.length > 0 ? path.join(" ") : "byodkim";
}

/**
 * The AWS SDK prints seven lines about the Node version on every run under Node 20; byodkim says
 * it in one line of its own, at most once a day (nodeVersionNotice.ts). Set before any SDK client
 * loads (they load at a command's boundary). Answers whether the operator had set it themselves.
 */
function silenceSdkNodeWarning(): { silencedByOperator: boolean } {
  const name = "AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED";
  const silencedByOperator = process.env[name] === "true";
  process.env[name] = "true";
  return { silencedByOperator };
}

/** Drops a stream's write errors (see processIo). */
const ignoreClosedStream = () => {};

export function processIo(): CliIo {
  // A reader that went away (`| grep` killed by the same Ctrl-C, an ssh session gone) must not end
  // a change mid-call with an unhandled EPIPE or EIO: what cannot be shown is in the journal.
  for (const stream of [process.stdout, process.stderr]) if (!stream.listeners("error").includes(ignoreClosedStream)) stream.on("error", ignoreClosedStream);
  return { stdout: process.stdout, stderr: process.stderr, env: process.env };
}
