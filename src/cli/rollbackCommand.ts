import type { Command } from "commander";
import { rollback } from "../commands/rollback.js";
import { byodkimError } from "../errors.js";
import { renderRollbackText, rollbackJson } from "../ui/renderRollback.js";
import { readGlobalOptions } from "./globalOptions.js";
import type { CliRuntime } from "./runtime.js";

interface RollbackFlags {
  to?: string;
  reason?: string;
  forceUnlock?: boolean;
}

export function registerRollback(program: Command, runtime: CliRuntime): void {
  program
    .command("rollback")
    .description("undo BYODKIM during an incident: turn signing off, or restore the settings enable snapshotted")
    .argument("[domain]", "the SES domain identity (default: domain in the config)")
    .option("--to <target>", "disable (SigningEnabled false; fastest) or previous (restore the snapshot); default: previous when a snapshot exists")
    .option("--reason <text>", "why, recorded in the state secret and the journal")
    .option("--force-unlock", "take the change lock even if another run holds it (e.g. an enable that died)")
    .action(async (domain: string | undefined, flags: RollbackFlags, command: Command) => {
      await runtime.withContext(command, async (ctx, out) => {
        if (flags.to !== undefined && flags.to !== "disable" && flags.to !== "previous") throw byodkimError("usage", "rollback.badTarget", { value: flags.to });
        const options = readGlobalOptions(command);
        const result = await rollback(ctx, {
          domain,
          to: flags.to,
          yes: options.yes,
          reason: flags.reason,
          forceUnlock: flags.forceUnlock === true,
          dnsServers: options.dnsServer.length > 0 ? options.dnsServer : ctx.config.dns.servers,
        });
        return { exitCode: result.exitCode, text: () => renderRollbackText(out, result), json: () => rollbackJson(out, result) };
      });
    });
}
