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
    .description("every identity's DKIM health, key age and rotation due, per region; changes nothing (exit 1: something needs action)")
    .argument("[domains...]", "SES domain identities (default: domain and identities: in the config)")
    .option("--all", "every domain identity SES lists in each region")
    .option("--regions <list>", "regions to look in, comma-separated (default: each identity's regions, else the region in force)")
    .option("--publish-metrics", "send KeyAgeDays, DaysUntilRotationDue, DnsKeyMatches and DkimHealthy to CloudWatch (namespace byodkim)")
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
