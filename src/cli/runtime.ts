import type { Command } from "commander";
import type { CommandContext } from "../engine/context.js";
import { ByodkimError, ExitCode, type StopSignal, byodkimError, signalExitCode } from "../errors.js";
import { type HelpKey, helpMessages } from "../messages/helpMessages.js";
import type { Lang } from "../messages/language.js";
import { type Msg, msg } from "../messages/msg.js";
import type { Output, WritableText } from "../ui/output.js";
import { carriedOptions, changeIdOf, type GlobalOptions, type LogFormat, logFormatOf, readGlobalOptions } from "./options.js";
import type { LogScope } from "../ui/logLine.js";
import { StopSignals } from "./stopSignals.js";

type Printing = typeof import("./printing.js");
let printing: Printing | undefined;
/** Loaded on first need and kept: once loaded, printing an error or a stop takes no turn of the event loop. */
const loadPrinting = async (): Promise<Printing> => (printing ??= await import("./printing.js"));

export interface CliIo {
  readonly stdout: WritableText;
  readonly stderr: WritableText;
  readonly env: NodeJS.ProcessEnv;
}

/** What a command hands back to be printed once its context is closed. */
export interface Emission {
  readonly exitCode: number;
  text(): string;
  /** The one `--json` document; null for a command that already printed its own (the sandbox). */
  json(): Record<string, unknown> | null;
}

/** What an action may use: its output, the global options, and the composition root on demand. */
export interface ActionScope {
  readonly out: Output;
  readonly options: GlobalOptions;
  /** The process environment (BYODKIM_JOURNAL_DIR, HOME), for a command that needs no context (report). */
  readonly env: NodeJS.ProcessEnv;
  /**
   * Built on first use, so that commands which need no AWS (runbook list) never read the config. With
   * the domain the command names (as typed), the context reaches the account `accounts:` lists it under.
   */
  context(domain?: string): Promise<CommandContext>;
  /** For a command that Ctrl-C ends normally (the sandbox): replaces the default. */
  onInterrupt(handler: () => void): void;
}

/** The one way every command runs: options → output → (context) → command → one emission → exit code. */
export class CliRuntime {
  exitCode: number = ExitCode.ok;
  /** A promise, so that a stop signal while the output is still loading is reported through it (with --json, as a document). */
  private lastOutput: Promise<Output> | undefined;
  private commandName = "byodkim";
  /** `--log-format json`: the run's end (or its error) is a log line too, with the run's domain and id once known. */
  private logFormat: LogFormat = "text";
  private logScope: () => LogScope = () => ({ command: this.commandName, domain: null, runId: null });
  /** The run's clock once the context is built (a rehearsal's is the sandbox's), so the last log line is on the run's calendar. */
  private logNow: () => Date = () => new Date();
  /** The one document (or result text) has been printed: nothing may follow it on stdout. */
  private emitted = false;
  private readonly signals = new StopSignals({
    commandName: () => this.commandName,
    output: () => this.lastOutput ?? this.fallbackOutput(),
    printing: loadPrinting,
    claimDocument: () => {
      if (this.emitted) return false;
      this.emitted = true;
      return true;
    },
  });

  /** helpLanguage: the language of `--help`, chosen from the command line before commander parses it. */
  constructor(
    readonly io: CliIo,
    readonly helpLanguage: Lang = "en",
    /** The real process's only: in-process callers (tests) write no state file and hear no notice. */
    private readonly startup: { readonly nodeVersionNotice?: { readonly silencedByOperator: boolean } } = {},
  ) {}

  /** A command's or an option's description in the help language. */
  help(key: HelpKey): string {
    return helpMessages[key][this.helpLanguage];
  }

  /** Node older than the SDK will support: one line of byodkim's own on stderr, at most once a day. */
  private async noticeNodeVersion(out: Output): Promise<void> {
    const notice = this.startup.nodeVersionNotice;
    // 22 is nodeVersionNotice's RECOMMENDED_NODE_MAJOR, written out so that on Node 22 nothing more loads.
    if (!notice || Number(process.versions.node.split(".")[0]) >= 22) return;
    const { sayNodeVersionNotice } = await import("./nodeVersionNotice.js");
    sayNodeVersionNotice(out, { env: this.io.env, nodeVersion: process.versions.node, now: new Date(), silencedByOperator: notice.silencedByOperator });
  }

  outputFor(command: Command): Promise<Output> {
    const options = readGlobalOptions(command);
    // The sandbox and the demo print commands for another shell, with the options that shell needs; a
    // report shows what an earlier run printed, and its own refusals name their options themselves.
    const carried = ["sandbox", "demo", "report"].includes(command.name()) ? [] : carriedOptions(command);
    const out = loadPrinting().then(({ chooseLanguage, createOutput, carryingOptions }) =>
      createOutput({
        stdout: carryingOptions(this.io.stdout, carried),
        stderr: carryingOptions(this.io.stderr, carried),
        env: this.io.env,
        json: options.json,
        lang: chooseLanguage(options.lang, this.io.env) ?? "en",
        colorFlag: options.color,
        verbose: options.verbose,
      }),
    );
    this.lastOutput = out;
    return out;
  }

  async action(command: Command, body: (scope: ActionScope) => Promise<Emission>): Promise<void> {
    let out: Output | undefined;
    let ctx: (CommandContext & { close(): void; settleJournals(): Promise<void>; logScope(): LogScope }) | undefined;
    this.commandName = commandPath(command);
    try {
      out = await this.outputFor(command);
      const output = out;
      await this.noticeNodeVersion(output);
      const options = readGlobalOptions(command);
      const { chooseLanguage } = await loadPrinting();
      if (chooseLanguage(options.lang, this.io.env) === undefined) throw byodkimError("usage", "input.badLang", { lang: options.lang ?? "" });
      changeIdOf(options.changeId);
      this.logFormat = logFormatOf(options.logFormat);
      const emission = await body({
        out: output,
        options,
        env: this.io.env,
        context: async (domain?: string) => {
          ctx ??= await (await import("./compositionRoot.js")).createCommandContext(options, output, {
            env: this.io.env,
            interrupt: this.signals.guard(output),
            command: this.commandName,
          });
          const built = ctx;
          this.logScope = () => built.logScope();
          this.logNow = () => built.clock.now();
          return domain === undefined ? ctx : (await import("../engine/fleet.js")).inAccountOfTyped(ctx, domain);
        },
        onInterrupt: (handler) => {
          this.signals.interruptHandler = handler;
        },
      });
      // The journal's last lines reach its mirror (bounded) while the spinner still says the run is busy.
      await ctx?.settleJournals();
      // The spinner must be gone before the result is printed.
      ctx?.close();
      this.signals.commandEnded();
      this.emit(out, emission);
      if (this.logFormat === "json") {
        const { writeLogLine } = await loadPrinting();
        writeLogLine(out, this.logScope(), this.logNow(), this.exitCode === ExitCode.ok ? "info" : "error", "ended", { exitCode: this.exitCode });
      }
    } catch (err) {
      await ctx?.settleJournals().catch(() => {});
      ctx?.close();
      this.signals.commandEnded();
      await this.fail(out, commandPath(command), await this.withConfigSource(command, err));
    }
  }

  /**
   * A config file missing where BYODKIM_CONFIG points (a rehearsal shell whose sandbox has gone) is
   * not fixed by copying the example: the hint names the variable and the way back.
   */
  private async withConfigSource(command: Command, err: unknown): Promise<unknown> {
    const fromEnv = this.io.env["BYODKIM_CONFIG"];
    if (!(err instanceof ByodkimError) || err.what.key !== "config.missing" || !fromEnv) return err;
    if (command.getOptionValueSourceWithGlobals("config") === "cli") return err;
    const { byodkimInvocation, thisProcessStart } = await import("./invocation.js");
    const envCommand = `${byodkimInvocation(thisProcessStart(this.io.env))} sandbox --env`;
    return new ByodkimError(err.kind, err.what, msg("config.missing.fromEnv.hint", { path: fromEnv, command: envCommand }), err.detail);
  }

  /** Prints a result: the text for people, or exactly one JSON document on stdout. */
  private emit(out: Output, emission: Emission): void {
    // A change stopped by a signal exits as the signal would have ended it (README "Exit codes").
    this.exitCode = emission.exitCode === ExitCode.interrupted && this.signals.noted ? signalExitCode(this.signals.noted) : emission.exitCode;
    // A forced stop prints its own document and ends the process: a second one must not follow it.
    if (this.signals.forcing || this.emitted) return;
    this.emitted = true;
    const document = out.json ? emission.json() : null;
    if (document) {
      // Every document has an outcome (README "--json output"): the change pipeline names its own; others say ok or failed.
      const outcome = document["outcome"] ?? (emission.exitCode === ExitCode.ok ? "ok" : "failed");
      out.stdout.write(`${JSON.stringify({ ...document, outcome }, null, 2)}\n`);
    } else if (!out.json) out.stdout.write(emission.text());
  }

  /**
   * A stop signal (Ctrl-C, SIGTERM, SIGHUP) reached the process. Resolves to the exit code when the
   * process must end now; undefined when the command goes on (to stop cleanly, or the sandbox's own stop).
   */
  async signalled(signal: StopSignal): Promise<number | undefined> {
    const exitCode = await this.signals.signalled(signal);
    if (exitCode !== undefined) this.exitCode = exitCode;
    return exitCode;
  }

  private async fallbackOutput(): Promise<Output> {
    const { chooseLanguage, createOutput } = await loadPrinting();
    return createOutput({ ...this.io, json: false, lang: chooseLanguage(undefined, this.io.env) ?? "en", colorFlag: true, verbose: false });
  }

  async fail(out: Output | undefined, commandName: string, err: unknown): Promise<void> {
    const error = err instanceof ByodkimError ? err : undefined;
    this.exitCode = error?.exitCode ?? ExitCode.checkFailed;
    const { errorJson, renderError } = await loadPrinting();
    const output = out ?? (await this.fallbackOutput());
    if (this.signals.forcing || this.emitted) return;
    this.emitted = true;
    if (this.logFormat === "json") {
      const { writeLogLine } = await loadPrinting();
      writeLogLine(output, this.logScope(), this.logNow(), "error", "failed", { exitCode: this.exitCode, error: errorJson(output, commandName, err)["error"] });
    } else output.stderr.write(renderError(output, err));
    if (output.json) output.stdout.write(`${JSON.stringify(errorJson(output, commandName, err), null, 2)}\n`);
  }

  /** Commander refused the command line: with --json a script still gets its one document. */
  async usageFailure(argv: readonly string[], commandName: string, detail: Msg): Promise<void> {
    this.exitCode = ExitCode.usage;
    const words = argv.slice(0, argv.includes("--") ? argv.indexOf("--") : undefined);
    if (!words.includes("--json")) return;
    const { chooseLanguage, createOutput, errorJson } = await loadPrinting();
    const langAt = words.indexOf("--lang");
    const lang = chooseLanguage(langAt >= 0 ? words[langAt + 1] : undefined, this.io.env) ?? "en";
    const out = createOutput({ ...this.io, json: true, lang, colorFlag: false, verbose: false });
    this.emitted = true;
    out.stdout.write(`${JSON.stringify(errorJson(out, commandName, byodkimErrorOf(detail)), null, 2)}\n`);
  }
}

const byodkimErrorOf = (detail: Msg) => new ByodkimError("usage", detail, msg("cli.usage.hint"));

/** `runbook show`, `enable`: the words the operator typed, for the error document. */
const commandPath = (command: Command): string => (command.parent?.parent ? `${command.parent.name()} ${command.name()}` : command.name());
