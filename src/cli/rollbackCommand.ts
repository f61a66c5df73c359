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
    .description("undo BYODKIM during an incident: turn signing off, or restore the settings enable snapshotted")
    .argument("[domain]", "the SES domain identity (default: domain in the config)")
    .option(
      "--to <target>",
      "disable (SigningEnabled false; fastest), previous (restore the snapshot) or easy-dkim (back to Easy DKIM, signing on); default: previous when a snapshot exists; nothing when byodkim never switched the identity",
    )
    .option("--reason <text>", "why, recorded in the state secret and the journal")
    .option("--dry-run", "stop after the plan; change nothing")
    .option(
      "--force-unlock",
      "take the change lock even if another run holds it (an incident: that run then stops and records nothing; a dead run's lock on this host is taken without it)",
    )
    .addOption(changeIdOption())
    .action((domain: string | undefined, flags: RollbackFlags, command: Command) =>
      runtime.action(command, async ({ out, options, context }) => {
        const to = flags.to;
        if (to !== undefined && to !== "disable" && to !== "previous" && to !== "easy-dkim") throw byodkimError("usage", "rollback.badTarget", { value: to });
        const [{ rollback }, { changeJson, renderChangeText }] = await Promise.all([import("../commands/rollback.js"), import("../ui/renderChange.js")]);
        const result = await rollback(await context(), {
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
