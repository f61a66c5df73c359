import type { Command } from "commander";
import { changeIdOption, wholeSeconds } from "./options.js";
import type { CliRuntime } from "./runtime.js";

interface EnableFlags {
  selector?: string;
  dryRun?: boolean;
  wait?: string;
  forceUnlock?: boolean;
}

export function registerEnable(program: Command, runtime: CliRuntime): void {
  program
    .command("enable")
    .description("switch <domain> to BYODKIM (Phase-7 Steps 22–23): gates, plan, typed confirmation, change, wait, record")
    .argument("[domain]", "the SES domain identity (default: domain in the config)")
    .option("--selector <selector>", "DKIM selector (default: the newest key in S3)")
    .option("--dry-run", "stop after the plan; change nothing")
    .option("--wait <seconds>", "how long to wait for SES to report SUCCESS", "1800")
    .option("--force-unlock", "take the change lock even if another run holds it (only for a run that is known to be dead)")
    .addOption(changeIdOption())
    .action((domain: string | undefined, flags: EnableFlags, command: Command) =>
      runtime.action(command, async ({ out, options, context }) => {
        const waitSeconds = wholeSeconds(flags.wait);
        const [{ enable }, { changeJson, renderChangeText }] = await Promise.all([import("../commands/enable.js"), import("../ui/renderChange.js")]);
        const result = await enable(await context(), {
          domain,
          selector: flags.selector,
          yes: options.yes,
          dryRun: flags.dryRun === true,
          waitSeconds,
          forceUnlock: flags.forceUnlock === true,
        });
        return { exitCode: result.exitCode, text: () => renderChangeText(out, result), json: () => changeJson(out, result) };
      }),
    );
}
