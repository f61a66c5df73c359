import type { Command } from "commander";
import { byodkimError } from "../errors.js";
import { changeIdOption } from "./options.js";
import type { CliRuntime } from "./runtime.js";

interface RollbackFlags {
  to?: string;
  reason?: string;
  dryRun?: boolean;
  forceUnlock?: boolean;
}

export function registerRollback(program: Command, runtime: CliRuntime): void {
  program
    .command("rollback")
    .description(runtime.help("help.rollback"))
    .argument("[domain]", runtime.help("help.arg.domain"))
    .option("--to <target>", runtime.help("help.rollback.to"))
    .option("--reason <text>", runtime.help("help.rollback.reason"))
    .option("--dry-run", runtime.help("help.option.dryRun"))
    .option("--force-unlock", runtime.help("help.rollback.forceUnlock"))
    .addOption(changeIdOption(runtime.help("help.option.changeId")))
    .action((domain: string | undefined, flags: RollbackFlags, command: Command) =>
      runtime.action(command, async ({ out, options, context }) => {
        const to = flags.to;
        if (to !== undefined && to !== "disable" && to !== "previous" && to !== "easy-dkim") throw byodkimError("usage", "rollback.badTarget", { value: to });
        const [{ rollback }, { changeJson, renderChangeText }] = await Promise.all([import("../commands/rollback.js"), import("../ui/renderChange.js")]);
        const result = await rollback(await context(domain), {
          domain,
          to,
          yes: options.yes,
          dryRun: flags.dryRun === true,
          reason: flags.reason,
          forceUnlock: flags.forceUnlock === true,
        });
        return { exitCode: result.exitCode, text: () => renderChangeText(out, result), json: () => changeJson(out, result) };
      }),
    );
}
