import type { Command } from "commander";
import { addChangeProbeOptions, changeIdOption, type ProbeFlags, planOption, switchFlags, underPlan } from "./options.js";
import type { CliRuntime } from "./runtime.js";

interface EnableFlags extends ProbeFlags {
  selector?: string;
  dryRun?: boolean;
  wait?: string;
  forceUnlock?: boolean;
  plan?: string;
}

export function registerEnable(program: Command, runtime: CliRuntime): void {
  const command = program
    .command("enable")
    .description(runtime.help("help.enable"))
    .argument("[domain]", runtime.help("help.arg.domain"))
    .option("--selector <selector>", runtime.help("help.option.selector"))
    .option("--dry-run", runtime.help("help.option.dryRun"))
    .option("--wait <seconds>", runtime.help("help.option.wait"), "1800")
    .option("--force-unlock", runtime.help("help.option.forceUnlock"))
    .addOption(changeIdOption(runtime.help("help.option.changeId")))
    .addOption(planOption(runtime.help("help.option.plan")));
  addChangeProbeOptions(command, (key) => runtime.help(key)).action((domain: string | undefined, flags: EnableFlags, command: Command) =>
    runtime.action(command, async ({ out, options, context }) => {
      const common = switchFlags(flags, options.yes);
      const [{ enable }, { changeJson, renderChangeText }] = await Promise.all([import("../commands/enable.js"), import("../ui/renderChange.js")]);
      const result = await enable(underPlan(await context(domain), flags.plan), { domain, selector: flags.selector, ...common });
      return { exitCode: result.exitCode, text: () => renderChangeText(out, result), json: () => changeJson(out, result) };
    }),
  );
}
