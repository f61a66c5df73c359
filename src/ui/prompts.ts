import { createInterface } from "node:readline";
import { byodkimError } from "../errors.js";
import type { Translate } from "./messages/catalogue.js";
import type { Msg } from "./messages/types.js";

/** The one question byodkim asks before a change; injected so tests and the runbook can answer it. */
export interface Prompter {
  /** Resolves to what the operator typed; rejects with an "interrupted" error on Ctrl-C. */
  ask(question: Msg): Promise<string>;
}

/** @inquirer/prompts on a terminal; a plain line from stdin otherwise (scripts, tests, runbook walks). */
export function createPrompter(t: Translate, stdin: NodeJS.ReadStream = process.stdin, stderr: NodeJS.WriteStream = process.stderr): Prompter {
  return {
    async ask(message) {
      const question = t(message);
      if (stdin.isTTY) {
        const { input } = await import("@inquirer/prompts");
        try {
          return await input({ message: question }, { input: stdin, output: stderr });
        } catch (err) {
          if (err instanceof Error && err.name === "ExitPromptError") throw byodkimError("interrupted", "cli.interrupted");
          throw err;
        }
      }
      stderr.write(`${question} `);
      const answer = await readOneLine(stdin);
      // Piped input is not echoed: end the question's line so what follows starts cleanly.
      stderr.write("\n");
      return answer;
    },
  };
}

function readOneLine(stdin: NodeJS.ReadableStream): Promise<string> {
  return new Promise((resolve, reject) => {
    const lines = createInterface({ input: stdin });
    let answered = false;
    lines.once("line", (line) => {
      answered = true;
      lines.close();
      resolve(line);
    });
    lines.once("close", () => {
      // End of input without an answer is not a yes.
      if (!answered) reject(byodkimError("declined", "confirm.noAnswer"));
    });
  });
}
