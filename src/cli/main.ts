import { Command, CommanderError, Help } from "commander";
import { DEFAULT_CONFIG_PATH } from "../config/config.js";
import { ExitCode, STOP_SIGNALS, type StopSignal } from "../errors.js";
import { type HelpKey, helpMessages } from "../messages/helpMessages.js";
import { type Lang, languageOfCommandLine } from "../messages/language.js";
import { type Msg, msg } from "../messages/msg.js";
import { displayWidth } from "../ui/displayWidth.js";
import { addGlobalOptions, defaultConfigPath } from "./options.js";
import { registerEnable } from "./enableCommand.js";
import { registerKeygen, registerRetire, registerRotate } from "./keyLifecycleCommands.js";
import { registerPrecheck } from "./precheckCommand.js";
import { registerRollback } from "./rollbackCommand.js";
import { registerRun, registerRunbook } from "./runbookCommands.js";
import { registerReport } from "./reportCommand.js";
import { registerStatus } from "./statusCommand.js";
import { registerTick } from "./tickCommand.js";
import { registerApply, registerApprove, registerPlan } from "./campaignCommands.js";
import { registerVerify } from "./verifyCommand.js";
import { registerIamPolicy } from "./iamPolicyCommand.js";
import { registerNotifyTest } from "./notifyTestCommand.js";
import { registerDemo, registerSandbox } from "./sandboxCommand.js";
import { CliRuntime, type CliIo } from "./runtime.js";

const VERSION = "0.1.0";

export function buildProgram(runtime: CliRuntime): Command {
  const program = new Command("byodkim")
    .description(runtime.help("help.program"))
    .version(VERSION, "-V, --version", runtime.help("help.version"))
    .helpOption("-h, --help", runtime.help("help.helpOption"))
    .helpCommand("help [command]", runtime.help("help.helpOption"))
    .exitOverride()
    .configureOutput({
      writeOut: (text) => runtime.io.stdout.write(text),
      writeErr: (text) => runtime.io.stderr.write(text),
      outputError: (text, write) => write(runtime.helpLanguage === "ja" ? commanderErrorInJapanese(text) : text),
    })
    .showHelpAfterError(runtime.help("help.afterError"))
    .configureHelp(helpInLanguage(runtime.helpLanguage))
    .addHelpText("after", runtime.help("help.exitCodes"));
  addGlobalOptions(
    program,
    defaultConfigPath(runtime.io.env, DEFAULT_CONFIG_PATH, {
      fromEnv: (path) => runtime.help("help.option.configFromEnv").replace("{path}", path),
      elseFallback: (path) => runtime.help("help.option.configDefault").replace("{path}", path),
    }),
    (key) => runtime.help(key),
  );
  registerPrecheck(program, runtime);
  registerEnable(program, runtime);
  registerVerify(program, runtime);
  registerRollback(program, runtime);
  registerKeygen(program, runtime);
  registerRotate(program, runtime);
  registerRetire(program, runtime);
  registerStatus(program, runtime);
  registerTick(program, runtime);
  registerPlan(program, runtime);
  registerApprove(program, runtime);
  registerApply(program, runtime);
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

const HEADINGS: Readonly<Record<string, HelpKey>> = {
  "Usage:": "help.title.usage",
  "Arguments:": "help.title.arguments",
  "Options:": "help.title.options",
  "Global Options:": "help.title.globalOptions",
  "Commands:": "help.title.commands",
};

/** Commander's own words (headings, "(default: …)") in the help language; English is commander's as it is. */
function helpInLanguage(lang: Lang): Partial<Help> {
  if (lang === "en") return { showGlobalOptions: true };
  const say = (key: HelpKey) => helpMessages[key][lang];
  // Commander adds `(default: "1800")` after a description; ja takes full-width brackets and colon.
  const localDefault = (text: string) => text.replace(/ \(default: (.*)\)$/, (_whole, value: string) => `（${say("help.default").replace("{value}", value)}）`);
  return {
    showGlobalOptions: true,
    styleTitle: (title) => {
      const key = HEADINGS[title];
      return key ? say(key) : title;
    },
    optionDescription: (option) => localDefault(Help.prototype.optionDescription.call(new Help(), option)),
    argumentDescription: (argument) => localDefault(Help.prototype.argumentDescription.call(new Help(), argument)),
    // Japanese characters take two columns: measured as one, the help would wrap past the terminal's edge.
    displayWidth,
    boxWrap: wrapJapanese,
    // Commander puts a space after "Usage:"; the full-width colon carries its own.
    formatHelp: (command, helper) => Help.prototype.formatHelp.call(helper, command, helper).replace(/^(.*?：) /, "$1"),
  };
}

// Commander's refusals of a command line, in the words its source gives them (commander 14).
const COMMANDER_ERRORS: readonly (readonly [RegExp, HelpKey])[] = [
  [/^error: unknown option '(?<option>[^']+)'/, "help.error.unknownOption"],
  [/^error: unknown command '(?<command>[^']+)'/, "help.error.unknownCommand"],
  [/^error: missing required argument '(?<name>[^']+)'/, "help.error.missingArgument"],
  [/^error: option '(?<option>[^']+)' argument missing/, "help.error.optionArgumentMissing"],
  [/^error: too many arguments.*Expected (?<expected>\d+) arguments? but got (?<received>\d+)\./, "help.error.tooManyArguments"],
  [/\(Did you mean (?<suggestion>.+)\?\)/, "help.error.didYouMean"],
];

/** Each line commander knows in Japanese; any other (a future commander's) stays as commander wrote it. */
function commanderErrorInJapanese(text: string): string {
  return text
    .split("\n")
    .map((line) => {
      for (const [pattern, key] of COMMANDER_ERRORS) {
        const groups = pattern.exec(line)?.groups;
        if (groups) return helpMessages[key].ja.replace(/\{(\w+)\}/g, (whole, name: string) => groups[name] ?? whole);
      }
      return line;
    })
    .join("\n");
}

// A line may break before any Japanese character, but not inside an ASCII word, after an opening
// bracket or before a closing one or a comma/full stop (the usual line-breaking rule, kinsoku).
const JAPANESE_CHUNK = /\s*[（「『]*(?:[\x21-\x7e]+|[^\s\x21-\x7e])[、。，）」』：ーぁぃぅぇぉっゃゅょァィゥェォッャュョ]*/gu;

/** Commander wraps at spaces only, which Japanese hardly has: wrap at the terminal's width instead. */
function wrapJapanese(text: string, width: number): string {
  if (width < 40) return text;
  return text
    .split(/\r?\n/)
    .flatMap((line) => {
      const lines: string[] = [];
      let current = "";
      for (const chunk of line.match(JAPANESE_CHUNK) ?? []) {
        if (current !== "" && displayWidth(current + chunk) > width) {
          lines.push(current);
          current = chunk.trimStart();
        } else current += chunk;
      }
      return [...lines, current];
    })
    .join("\n");
}

/** Runs the CLI and returns its exit code (README "Exit codes"); never throws. */
export async function run(argv: readonly string[], io?: CliIo): Promise<number> {
  const processOrTestIo = io ?? processIo();
  const runtime = new CliRuntime(
    processOrTestIo,
    languageOfCommandLine(argv, processOrTestIo.env),
    io === undefined ? { nodeVersionNotice: silenceSdkNodeWarning() } : {},
  );
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
