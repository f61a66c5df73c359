import type { Command } from "commander";
import { changeIdOption, keyBits, wholeSeconds } from "./options.js";
import type { CliRuntime } from "./runtime.js";

export function registerKeygen(program: Command, runtime: CliRuntime): void {
  program
    .command("keygen")
    .description("make a new DKIM key in S3 (never over another) and print its record for the DNS team")
    .argument("[domain]", "the SES domain identity (default: domain in the config)")
    .option("--selector <selector>", "selector for the key (default: the next free <prefix>-<YYYYMMDD>-<n> for today, UTC)")
    .option("--bits <bits>", "RSA key size: 2048 or 1024", "2048")
    .option("--out <dir>", "also write the record as files for the DNS team's ticket (zone line, Route 53 change batch, unsplit value)")
    .option("--dry-run", "show what would be written where, and the record; write nothing")
    .option("--force-unlock", "take the change lock even if another run holds it (only for a run that is known to be dead)")
    .addOption(changeIdOption())
    .action(
      (domain: string | undefined, flags: { selector?: string; bits?: string; out?: string; dryRun?: boolean; forceUnlock?: boolean }, command: Command) =>
        runtime.action(command, async ({ out, options, context }) => {
          const bits = keyBits(flags.bits);
          const [{ keygen }, { changeJson, renderChangeText }, { handoffJson, renderHandoffText }] = await Promise.all([
            import("../commands/keygen.js"),
            import("../ui/renderChange.js"),
            import("../ui/renderHandoff.js"),
          ]);
          const result = await keygen(await context(), {
            domain,
            selector: flags.selector,
            bits,
            yes: options.yes,
            dryRun: flags.dryRun === true,
            outDir: flags.out,
          });
          return {
            exitCode: result.exitCode,
            text: () =>
              renderChangeText(out, { ...result, dnsRecordsNeeded: [] }) +
              (result.handoff ? renderHandoffText(out, result.handoff, result.handoffFiles, result.outcome === "dryRun") : ""),
            json: () => ({ ...changeJson(out, result), ...handoffJson(result.handoff, result.handoffFiles) }),
          };
        }),
    );
}

export function registerRotate(program: Command, runtime: CliRuntime): void {
  program
    .command("rotate")
    .description("move an identity that signs with BYODKIM to a newer selector: gates, plan, typed confirmation, change, wait, record")
    .argument("[domain]", "the SES domain identity (default: domain in the config)")
    .option("--to <selector>", "the selector to rotate to (default: the newest key in S3)")
    .option("--dry-run", "stop after the plan; change nothing")
    .option("--wait <seconds>", "how long to wait for SES to report SUCCESS", "1800")
    .option("--force-unlock", "take the change lock even if another run holds it (only for a run that is known to be dead)")
    .addOption(changeIdOption())
    .action((domain: string | undefined, flags: { to?: string; dryRun?: boolean; wait?: string; forceUnlock?: boolean }, command: Command) =>
      runtime.action(command, async ({ out, options, context }) => {
        const waitSeconds = wholeSeconds(flags.wait);
        const [{ rotate }, { changeJson, renderChangeText }] = await Promise.all([import("../commands/rotate.js"), import("../ui/renderChange.js")]);
        const result = await rotate(await context(), {
          domain,
          to: flags.to,
          yes: options.yes,
          dryRun: flags.dryRun === true,
          waitSeconds,
          forceUnlock: flags.forceUnlock === true,
        });
        return { exitCode: result.exitCode, text: () => renderChangeText(out, result), json: () => changeJson(out, result) };
      }),
    );
}

export function registerRetire(program: Command, runtime: CliRuntime): void {
  program
    .command("retire")
    .description("end an old selector's life after the grace period: print its revocation record, mark its S3 object retired")
    .argument("<selector>", "the selector to retire")
    .argument("[domain]", "the SES domain identity (default: domain in the config)")
    .option("--delete-key", "also delete the private key from S3 (asks for the selector to be typed, even with --yes)")
    .option("--dry-run", "stop after the plan; change nothing")
    .option("--force-unlock", "take the change lock even if another run holds it (only for a run that is known to be dead)")
    .addOption(changeIdOption())
    .action((selector: string, domain: string | undefined, flags: { deleteKey?: boolean; dryRun?: boolean; forceUnlock?: boolean }, command: Command) =>
      runtime.action(command, async ({ out, options, context }) => {
        const [{ retire }, { changeJson, renderChangeText }, { handoffJson, renderHandoffText }] = await Promise.all([
          import("../commands/retire.js"),
          import("../ui/renderChange.js"),
          import("../ui/renderHandoff.js"),
        ]);
        const result = await retire(await context(), {
          selector,
          domain,
          deleteKey: flags.deleteKey === true,
          yes: options.yes,
          dryRun: flags.dryRun === true,
        });
        return {
          exitCode: result.exitCode,
          text: () => renderChangeText(out, { ...result, dnsRecordsNeeded: [] }) + (result.handoff ? renderHandoffText(out, result.handoff, []) : ""),
          json: () => ({ ...changeJson(out, result), ...handoffJson(result.handoff, []) }),
        };
      }),
    );
}
