import type { Command } from "commander";
import { enable } from "../commands/enable.js";
import { byodkimError } from "../errors.js";
import { enableJson, renderEnableText } from "../ui/renderEnable.js";
import { readGlobalOptions } from "./globalOptions.js";
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
    .action(async (domain: string | undefined, flags: EnableFlags, command: Command) => {
      await runtime.withContext(command, async (ctx, out) => {
        const waitSeconds = Number(flags.wait);
        if (!Number.isInteger(waitSeconds) || waitSeconds < 0) throw byodkimError("usage", "enable.badWait", { value: flags.wait ?? "" });
        const result = await enable(ctx, {
          domain,
          selector: flags.selector,
          yes: readGlobalOptions(command).yes,
          dryRun: flags.dryRun === true,
          waitSeconds,
          forceUnlock: flags.forceUnlock === true,
        });
        return { exitCode: result.exitCode, text: () => renderEnableText(out, result), json: () => enableJson(out, result) };
      });
    });
}
