import { MARKS } from "./marks.js";
import { createInterface } from "node:readline";
import { WriteStream } from "node:tty";
import { byodkimError } from "../errors.js";
import type { Prompter } from "../engine/context.js";
import type { Translate } from "../messages/catalogue.js";
import { openOwnTerminal } from "../state/ownFiles.js";

/**
 * Where a question is asked: on stderr when it is the terminal; on the terminal itself when a
 * person types at stdin but stderr goes elsewhere (`2>/dev/null`, the usual way to hide a warning,
 * must not hide the typed confirmation so that the run seems to hang); as plain lines otherwise.
 */
export type PromptPlace = "stderr" | "terminal" | "lines";

export function choosePromptPlace(stdin: { readonly isTTY?: boolean }, stderr: { readonly isTTY?: boolean }): PromptPlace {
  if (!stdin.isTTY) return "lines";
  return stderr.isTTY ? "stderr" : "terminal";
}

/** The controlling terminal as a stream, or null when there is none to open. */
export function openTerminalStream(): NodeJS.WriteStream | null {
  const fd = openOwnTerminal();
  return fd === null ? null : new WriteStream(fd);
}

/** @inquirer/prompts on a terminal; a plain line from stdin otherwise (scripts, tests, runbook walks). */
export function createPrompter(
  t: Translate,
  stdin: NodeJS.ReadStream = process.stdin,
  stderr: NodeJS.WriteStream = process.stderr,
  openTerminal: () => NodeJS.WriteStream | null = openTerminalStream,
): Prompter {
  let lines: LineQueue | undefined;
  return {
    async ask(message) {
      const question = t(message);
      const place = choosePromptPlace(stdin, stderr);
      if (place !== "lines") {
        const { input } = await import("@inquirer/prompts");
        // No terminal to open after all (a container without /dev/tty): stderr, as before.
        const terminal = place === "terminal" ? openTerminal() : null;
        try {
          // An answer is not a verdict: inquirer's green check mark after "n" (or a mistyped domain) would say it passed.
          return await input({ message: question, theme: { prefix: { done: MARKS.pending } } }, { input: stdin, output: terminal ?? stderr });
        } catch (err) {
          if (err instanceof Error && err.name === "ExitPromptError") throw byodkimError("interrupted", "cli.interrupted");
          throw err;
        } finally {
          terminal?.destroy();
        }
      }
      stderr.write(`${question} `);
      lines ??= new LineQueue(stdin);
      const answer = await lines.next();
      // Piped input is not echoed: end the question's line so what follows starts cleanly.
      stderr.write("\n");
      return answer;
    },
    close: () => lines?.close(),
  };
}

/**
 * One reader for the whole run: piped answers arrive in one chunk, and a reader per question
 * would drop the lines buffered past the first.
 */
class LineQueue {
  private readonly lines: string[] = [];
  private readonly waiting: { resolve: (line: string) => void; reject: (err: unknown) => void }[] = [];
  private closed = false;
  private readonly reader: ReturnType<typeof createInterface>;

  constructor(stdin: NodeJS.ReadableStream) {
    const reader = createInterface({ input: stdin });
    this.reader = reader;
    reader.on("line", (line) => {
      const waiter = this.waiting.shift();
      if (waiter) waiter.resolve(line);
      else this.lines.push(line);
    });
    reader.once("close", () => {
      this.closed = true;
      // End of input without an answer is not a yes.
      for (const waiter of this.waiting.splice(0)) waiter.reject(byodkimError("declined", "confirm.noAnswer"));
    });
  }

  close(): void {
    this.reader.close();
  }

  next(): Promise<string> {
    const line = this.lines.shift();
    if (line !== undefined) return Promise.resolve(line);
    if (this.closed) return Promise.reject(byodkimError("declined", "confirm.noAnswer"));
    return new Promise((resolve, reject) => this.waiting.push({ resolve, reject }));
  }
}
