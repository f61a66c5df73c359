import type { Command } from "commander";
import { ExitCode } from "../errors.js";
import type { CliRuntime } from "./runtime.js";

export function registerPrecheck(program: Command, runtime: CliRuntime): void {
  program
    .command("precheck")
    .description(runtime.help("help.precheck"))
    .argument("[domain]", runtime.help("help.arg.domain"))
    .option("--selector <selector>", runtime.help("help.option.selector"))
    .action((domain: string | undefined, flags: { selector?: string }, command: Command) =>
      runtime.action(command, async ({ out, context }) => {
        const [{ precheck }, { precheckJson, renderPrecheckText }] = await Promise.all([import("../commands/precheck.js"), import("../ui/renderPrecheck.js")]);
        const result = await precheck(await context(domain), { domain, selector: flags.selector });
        return {
          exitCode: result.ok ? ExitCode.ok : ExitCode.checkFailed,
          text: () => renderPrecheckText(out, result),
          json: () => precheckJson(out, result),
        };
      }),
    );
}
