import type { Command } from "commander";
import { ExitCode, byodkimError } from "../errors.js";
import type { CliRuntime } from "./runtime.js";

/** `verify-send-test` as the operator types it: `verify --send-test` (and `verify --probe`). */
const commandLine = (command: string) => command.replace(/-(send-test|delete-key|publish-metrics|probe)$/, " --$1").replace(/^report-dmarc$/, "report dmarc");

export function registerIamPolicy(program: Command, runtime: CliRuntime): void {
  program
    .command("iam-policy")
    .description(runtime.help("help.iamPolicy"))
    .argument("[domain]", runtime.help("help.arg.domain"))
    .option("--for <audience>", runtime.help("help.iamPolicy.for"), "operator")
    .option("--role <role>", runtime.help("help.iamPolicy.role"))
    .option("--account <id>", runtime.help("help.iamPolicy.account"))
    .option("--trust", runtime.help("help.iamPolicy.trust"))
    .option("--format <format>", runtime.help("help.iamPolicy.format"), "json")
    .action((domain: string | undefined, flags: { for: string; format: string; role?: string; account?: string; trust?: boolean }, command: Command) =>
      runtime.action(command, async ({ out, options }) => {
        if (flags.format !== "json") throw byodkimError("usage", "iamPolicy.badFormat", { value: flags.format });
        const [{ loadConfig }, { chooseRegion }, { iamPolicy }, { msg }] = await Promise.all([
          import("../config/loadConfig.js"),
          import("./awsSettings.js"),
          import("../permissions/iamPolicy.js"),
          import("../messages/msg.js"),
        ]);
        const config = await loadConfig(options.config);
        const region = chooseRegion(options.region, config.region, runtime.io.env);
        if (flags.for === "target") {
          const { targetPolicy } = await import("../permissions/targetPolicy.js");
          const { targetPolicyOutput } = await import("./targetPolicyOutput.js");
          return targetPolicyOutput(targetPolicy(config, { domain, account: flags.account, region, role: flags.role }), flags.trust === true, out);
        }
        const result = iamPolicy(config, { domain, audience: flags.for, region, role: flags.role, account: flags.account, trust: flags.trust });
        return {
          exitCode: ExitCode.ok,
          text: () => {
            // The document alone on stdout (`> policy.json`); what it covers and how to attach it on stderr.
            const params = {
              audience: result.for,
              commands: result.commands.map(commandLine).join(", "),
              domain: result.domain,
              region: result.region,
              account: result.account,
            };
            const anyRole = result.role === null ? `${out.t(msg("iamPolicy.anyRole"))}\n` : "";
            const warnings = result.warnings.map((warning) => `! ${out.t(warning)}\n`).join("");
            out.stderr.write(`${out.t(msg("iamPolicy.covers", params))}\n${out.t(msg("iamPolicy.attach", params))}\n${anyRole}${warnings}`);
            return `${JSON.stringify(result.policy, null, 2)}\n`;
          },
          json: () => ({ ...result, warnings: result.warnings.map((warning) => ({ code: warning.key, message: out.t(warning) })) }),
        };
      }),
    );
}
