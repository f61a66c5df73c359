import type { Command } from "commander";
import type { CommandContext, InterruptGuard } from "../commands/context.js";
import { ByodkimError, ExitCode, byodkimError } from "../errors.js";
import { chooseLanguage } from "../messages/catalogue.js";
import { msg } from "../messages/msg.js";
import { createOutput, type Output, type WritableText } from "../ui/output.js";
import { errorJson, renderError } from "../ui/renderError.js";
import { createCommandContext } from "./context.js";
import { type GlobalOptions, readGlobalOptions } from "./globalOptions.js";

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
  /** Built on first use, so that commands which need no AWS (runbook list) never read the config. */
  context(): Promise<CommandContext>;
  /** For a command that Ctrl-C ends normally (the sandbox): replaces the default. */
  onInterrupt(handler: () => void): void;
}

/** The one way every command runs: options → output → (context) → command → one emission → exit code. */
export class CliRuntime {
  exitCode: number = ExitCode.ok;
  interruptHandler: (() => void) | undefined;
  private lastOutput: Output | undefined;

  constructor(readonly io: CliIo) {}

  outputFor(command: Command): Output {
    const options = readGlobalOptions(command);
    const out = createOutput({
      stdout: this.io.stdout,
      stderr: this.io.stderr,
      env: this.io.env,
      json: options.json,
      lang: chooseLanguage(options.lang, this.io.env) ?? "en",
      colorFlag: options.color,
      verbose: options.verbose,
    });
    this.lastOutput = out;
    return out;
  }

  async action(command: Command, body: (scope: ActionScope) => Promise<Emission>): Promise<void> {
    let out: Output | undefined;
    let ctx: (CommandContext & { close(): void }) | undefined;
    try {
      out = this.outputFor(command);
      const output = out;
      const options = readGlobalOptions(command);
      if (chooseLanguage(options.lang, this.io.env) === undefined) throw byodkimError("usage", "input.badLang", { lang: options.lang ?? "" });
      const emission = await body({
        out: output,
        options,
        context: async () => {
          ctx ??= await createCommandContext(options, output, { env: this.io.env, interrupt: this.interruptGuard(output) });
          return ctx;
        },
        onInterrupt: (handler) => {
          this.interruptHandler = handler;
        },
      });
      // The spinner must be gone before the result is printed.
      ctx?.close();
      this.emit(out, emission);
    } catch (err) {
      ctx?.close();
      this.fail(out, commandPath(command), err);
    }
  }

  /** Prints a result: the text for people, or exactly one JSON document on stdout. */
  private emit(out: Output, emission: Emission): void {
    const document = out.json ? emission.json() : null;
    if (document) out.stdout.write(`${JSON.stringify(document, null, 2)}\n`);
    else if (!out.json) out.stdout.write(emission.text());
    this.exitCode = emission.exitCode;
  }

  /**
   * While a change is under way Ctrl-C must not kill the process mid-call: it is noted, and the
   * command stops cleanly after the call in flight.
   */
  private interruptGuard(out: Output): InterruptGuard {
    let requested = false;
    return {
      arm: () => {
        this.interruptHandler = () => {
          requested = true;
          out.stderr.write(`\n${out.t(msg("cli.interruptNoted"))}\n`);
        };
      },
      disarm: () => {
        this.interruptHandler = undefined;
      },
      requested: () => requested,
    };
  }

  /** Ctrl-C with nothing under way: there is nothing to undo. */
  interrupted(): void {
    const out = this.lastOutput ?? this.fallbackOutput();
    out.stderr.write(`\n${out.t(msg("cli.interrupted"))}\n`);
    this.exitCode = ExitCode.interrupted;
  }

  private fallbackOutput(): Output {
    return createOutput({ ...this.io, json: false, lang: chooseLanguage(undefined, this.io.env) ?? "en", colorFlag: true, verbose: false });
  }

  fail(out: Output | undefined, commandName: string, err: unknown): void {
    const output = out ?? this.fallbackOutput();
    const error = err instanceof ByodkimError ? err : undefined;
    this.exitCode = error?.exitCode ?? ExitCode.checkFailed;
    output.stderr.write(renderError(output, err));
    if (output.json) output.stdout.write(`${JSON.stringify(errorJson(output, commandName, err), null, 2)}\n`);
  }
}

/** `runbook show`, `enable`: the words the operator typed, for the error document. */
const commandPath = (command: Command): string => (command.parent?.parent ? `${command.parent.name()} ${command.name()}` : command.name());

/** Parses a whole number of seconds given to a flag. */
export function wholeSeconds(value: string | undefined): number {
  const seconds = Number(value);
  if (!Number.isInteger(seconds) || seconds < 0) throw byodkimError("usage", "enable.badWait", { value: value ?? "" });
  return seconds;
}
