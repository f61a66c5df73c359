import type { Command } from "commander";
import { ExitCode } from "../errors.js";
import type { CliRuntime } from "./runtime.js";

export function registerPrecheck(program: Command, runtime: CliRuntime): void {
  program
    .command("precheck")
    .description("check every gate for switching <domain> to BYODKIM; changes nothing")
    .argument("[domain]", "the SES domain identity (default: domain in the config)")
    .option("--selector <selector>", "DKIM selector (default: the newest key in S3)")
    .action((domain: string | undefined, flags: { selector?: string }, command: Command) =>
      runtime.action(command, async ({ out, context }) => {
        const [{ precheck }, { precheckJson, renderPrecheckText }] = await Promise.all([import("../commands/precheck.js"), import("../ui/renderPrecheck.js")]);
        const result = await precheck(await context(), { domain, selector: flags.selector });
        return {
          exitCode: result.ok ? ExitCode.ok : ExitCode.checkFailed,
          text: () => renderPrecheckText(out, result),
          json: () => precheckJson(out, result),
        };
      }),
    );
}
