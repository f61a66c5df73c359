import type { Command } from "commander";
import type { CommandContext, InterruptGuard } from "../commands/context.js";
import { ByodkimError, ExitCode, byodkimError } from "../errors.js";
import { chooseLanguage } from "../ui/messages/catalogue.js";
import { createOutput, type Output, type WritableText } from "../ui/output.js";
import { renderError, errorJson } from "../ui/renderError.js";
import { msg } from "../ui/messages/types.js";
import { createCommandContext } from "./context.js";
import { readGlobalOptions } from "./globalOptions.js";

export interface CliIo {
  readonly stdout: WritableText;
  readonly stderr: WritableText;
  readonly env: NodeJS.ProcessEnv;
}

/** What a command hands back to be printed once its context is closed. */
export interface Emission {
  readonly exitCode: number;
  text(): string;
  json(): Record<string, unknown>;
}

/** Shared by every command's wiring: options → output → context → command → exit code. */
export class CliRuntime {
  exitCode: number = ExitCode.ok;
  /** A command for which Ctrl-C is the normal way to stop (the sandbox) replaces the default. */
  interruptHandler: (() => void) | undefined;
  private lastOutput: Output | undefined;

  constructor(readonly io: CliIo) {}

  outputFor(command: Command): Output {
    const options = readGlobalOptions(command);
    const lang = chooseLanguage(options.lang, this.io.env);
    const out = createOutput({
      stdout: this.io.stdout,
      stderr: this.io.stderr,
      env: this.io.env,
      json: options.json,
      lang: lang ?? "en",
      colorFlag: options.color,
      verbose: options.verbose,
    });
    this.lastOutput = out;
    return out;
  }

  async withContext(command: Command, body: (ctx: CommandContext, out: Output) => Promise<Emission>): Promise<void> {
    let out: Output | undefined;
    let ctx: (CommandContext & { close(): void }) | undefined;
    try {
      out = this.outputFor(command);
      const options = readGlobalOptions(command);
      if (chooseLanguage(options.lang, this.io.env) === undefined) {
        throw byodkimError("usage", "input.badLang", { lang: options.lang ?? "" });
      }
      ctx = await createCommandContext(options, out, { env: this.io.env, interrupt: this.interruptGuard(out) });
      const emission = await body(ctx, out);
      // The spinner must be gone before the result is printed.
      ctx.close();
      this.emit(out, emission);
    } catch (err) {
      ctx?.close();
      this.fail(out, command.name(), err);
    }
  }

  /** Prints a result: the text for people, or exactly one JSON document on stdout. */
  private emit(out: Output, emission: Emission): void {
    if (out.json) out.stdout.write(`${JSON.stringify(emission.json(), null, 2)}\n`);
    else out.stdout.write(emission.text());
    this.exitCode = emission.exitCode;
  }

  /**
   * While a change is under way Ctrl-C must not kill the process mid-call: it is noted, and the
   * command stops cleanly after the call in flight.
   */
  interruptGuard(out: Output): InterruptGuard {
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
