import type { Command } from "commander";
import { ExitCode } from "../errors.js";
import { PROBE_TIMEOUT_DEFAULT_SECONDS, probeTimeoutSeconds, wholeSeconds } from "./options.js";
import type { CliRuntime } from "./runtime.js";

interface VerifyFlags {
  selector?: string;
  wait?: string;
  sendTest?: string;
  eml?: string;
  probe?: boolean;
  probeTimeout?: string;
}

export function registerVerify(program: Command, runtime: CliRuntime): void {
  program
    .command("verify")
    .description(runtime.help("help.verify"))
    .argument("[domain]", runtime.help("help.arg.domain"))
    .option("--selector <selector>", runtime.help("help.verify.selector"))
    .option("--wait <seconds>", runtime.help("help.verify.wait"), "0")
    .option("--send-test <address>", runtime.help("help.verify.sendTest"))
    .option("--eml <file>", runtime.help("help.verify.eml"))
    .option("--probe", runtime.help("help.verify.probe"))
    .option("--probe-timeout <seconds>", runtime.help("help.verify.probeTimeout"))
    .action((domain: string | undefined, flags: VerifyFlags, command: Command) =>
      runtime.action(command, async ({ out, context }) => {
        const waitSeconds = wholeSeconds(flags.wait);
        const probeTimeout = probeTimeoutSeconds(flags.probeTimeout, PROBE_TIMEOUT_DEFAULT_SECONDS);
        const [{ verify }, { renderVerifyText, verifyJson }] = await Promise.all([import("../commands/verify.js"), import("../ui/renderVerify.js")]);
        const result = await verify(await context(domain), {
          domain,
          selector: flags.selector,
          waitSeconds,
          sendTest: flags.sendTest,
          eml: flags.eml,
          probeTimeoutSeconds: flags.probe ? probeTimeout : undefined,
        });
        return { exitCode: result.ok ? ExitCode.ok : ExitCode.checkFailed, text: () => renderVerifyText(out, result), json: () => verifyJson(out, result) };
      }),
    );
}
