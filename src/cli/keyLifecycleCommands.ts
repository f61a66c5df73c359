import type { Command } from "commander";
import { addChangeProbeOptions, changeIdOption, keyBits, type ProbeFlags, planOption, switchFlags, underPlan } from "./options.js";
import type { CliRuntime } from "./runtime.js";

export function registerKeygen(program: Command, runtime: CliRuntime): void {
  program
    .command("keygen")
    .description(runtime.help("help.keygen"))
    .argument("[domain]", runtime.help("help.arg.domain"))
    .option("--selector <selector>", runtime.help("help.keygen.selector"))
    .option("--bits <bits>", runtime.help("help.keygen.bits"), "2048")
    .option("--out <dir>", runtime.help("help.keygen.out"))
    .option("--dry-run", runtime.help("help.keygen.dryRun"))
    .option("--force-unlock", runtime.help("help.option.forceUnlock"))
    .addOption(changeIdOption(runtime.help("help.option.changeId")))
    .action(
      (domain: string | undefined, flags: { selector?: string; bits?: string; out?: string; dryRun?: boolean; forceUnlock?: boolean }, command: Command) =>
        runtime.action(command, async ({ out, options, context }) => {
          const bits = keyBits(flags.bits);
          const [{ keygen }, { changeJson, renderChangeText }, { handoffJson, renderHandoffText }] = await Promise.all([
            import("../commands/keygen.js"),
            import("../ui/renderChange.js"),
            import("../ui/renderHandoff.js"),
          ]);
          const result = await keygen(await context(domain), {
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
              // Published by byodkim: the record is in the result's DNS line, not a hand-off for a DNS team (files written with --out stay listed).
              (result.handoff && (result.publisher === null || result.handoffFiles.length > 0)
                ? renderHandoffText(out, result.handoff, result.handoffFiles, result.outcome === "dryRun")
                : ""),
            json: () => ({ ...changeJson(out, result), ...handoffJson(result.handoff, result.handoffFiles) }),
          };
        }),
    );
}

export function registerRotate(program: Command, runtime: CliRuntime): void {
  const command = program
    .command("rotate")
    .description(runtime.help("help.rotate"))
    .argument("[domain]", runtime.help("help.arg.domain"))
    .option("--to <selector>", runtime.help("help.rotate.to"))
    .option("--dry-run", runtime.help("help.option.dryRun"))
    .option("--wait <seconds>", runtime.help("help.option.wait"), "1800")
    .option("--force-unlock", runtime.help("help.option.forceUnlock"))
    .addOption(changeIdOption(runtime.help("help.option.changeId")))
    .addOption(planOption(runtime.help("help.option.plan")));
  addChangeProbeOptions(command, (key) => runtime.help(key)).action(
    (
      domain: string | undefined,
      flags: ProbeFlags & { to?: string; dryRun?: boolean; wait?: string; forceUnlock?: boolean; plan?: string },
      command: Command,
    ) =>
      runtime.action(command, async ({ out, options, context }) => {
        const common = switchFlags(flags, options.yes);
        const [{ rotate }, { changeJson, renderChangeText }] = await Promise.all([import("../commands/rotate.js"), import("../ui/renderChange.js")]);
        const result = await rotate(underPlan(await context(domain), flags.plan), { domain, to: flags.to, ...common });
        return { exitCode: result.exitCode, text: () => renderChangeText(out, result), json: () => changeJson(out, result) };
      }),
  );
}

export function registerRetire(program: Command, runtime: CliRuntime): void {
  program
    .command("retire")
    .description(runtime.help("help.retire"))
    .argument("<selector>", runtime.help("help.retire.selector"))
    .argument("[domain]", runtime.help("help.arg.domain"))
    .option("--delete-key", runtime.help("help.retire.deleteKey"))
    .option("--dry-run", runtime.help("help.option.dryRun"))
    .option("--force-unlock", runtime.help("help.option.forceUnlock"))
    .addOption(changeIdOption(runtime.help("help.option.changeId")))
    .addOption(planOption(runtime.help("help.option.plan")))
    .action(
      (
        selector: string,
        domain: string | undefined,
        flags: { deleteKey?: boolean; dryRun?: boolean; forceUnlock?: boolean; plan?: string },
        command: Command,
      ) =>
        runtime.action(command, async ({ out, options, context }) => {
          const [{ retire }, { changeJson, renderChangeText }, { handoffJson, renderHandoffText }] = await Promise.all([
            import("../commands/retire.js"),
            import("../ui/renderChange.js"),
            import("../ui/renderHandoff.js"),
          ]);
          const result = await retire(underPlan(await context(domain), flags.plan), {
            selector,
            domain,
            deleteKey: flags.deleteKey === true,
            yes: options.yes,
            dryRun: flags.dryRun === true,
          });
          return {
            exitCode: result.exitCode,
            text: () =>
              renderChangeText(out, { ...result, dnsRecordsNeeded: [] }) +
              (result.handoff && result.publisher === null ? renderHandoffText(out, result.handoff, []) : ""),
            json: () => ({ ...changeJson(out, result), ...handoffJson(result.handoff, []) }),
          };
        }),
    );
}
