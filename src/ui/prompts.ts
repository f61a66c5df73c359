import { createInterface } from "node:readline";
import { byodkimError } from "../errors.js";
import type { Prompter } from "../engine/context.js";
import type { Translate } from "../messages/catalogue.js";

/** @inquirer/prompts on a terminal; a plain line from stdin otherwise (scripts, tests, runbook walks). */
export function createPrompter(t: Translate, stdin: NodeJS.ReadStream = process.stdin, stderr: NodeJS.WriteStream = process.stderr): Prompter {
  let lines: LineQueue | undefined;
  return {
    async ask(message) {
      const question = t(message);
      if (stdin.isTTY) {
        const { input } = await import("@inquirer/prompts");
        try {
          // An answer is not a verdict: inquirer's green ✔ after "n" (or a mistyped domain) would say it passed.
          return await input({ message: question, theme: { prefix: { done: "·" } } }, { input: stdin, output: stderr });
        } catch (err) {
          if (err instanceof Error && err.name === "ExitPromptError") throw byodkimError("interrupted", "cli.interrupted");
          throw err;
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
