import type { Command } from "commander";
import { ExitCode } from "../errors.js";
import type { CliRuntime } from "./runtime.js";

interface StatusFlags {
  all?: boolean;
  regions?: string;
  publishMetrics?: boolean;
}

export function registerStatus(program: Command, runtime: CliRuntime): void {
  program
    .command("status")
    .description(runtime.help("help.status"))
    .argument("[domains...]", runtime.help("help.status.domains"))
    .option("--all", runtime.help("help.status.all"))
    .option("--regions <list>", runtime.help("help.status.regions"))
    .option("--publish-metrics", runtime.help("help.status.publishMetrics"))
    .action((domains: string[], flags: StatusFlags, command: Command) =>
      runtime.action(command, async ({ out, context }) => {
        const [{ status, parseRegions }, { renderStatusText, statusJson }] = await Promise.all([
          import("../commands/status.js"),
          import("../ui/renderStatus.js"),
        ]);
        const regions = parseRegions(flags.regions);
        const result = await status(await context(), { domains, all: flags.all === true, regions, publishMetrics: flags.publishMetrics === true });
        return {
          exitCode: result.ok ? ExitCode.ok : ExitCode.checkFailed,
          text: () => renderStatusText(out, result),
          json: () => statusJson(out, result),
        };
      }),
    );
}
