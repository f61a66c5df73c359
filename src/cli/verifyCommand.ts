import type { Command } from "commander";
import { ExitCode } from "../errors.js";
import { wholeSeconds } from "./options.js";
import type { CliRuntime } from "./runtime.js";

interface VerifyFlags {
  selector?: string;
  wait?: string;
  sendTest?: string;
  eml?: string;
}

export function registerVerify(program: Command, runtime: CliRuntime): void {
  program
    .command("verify")
    .description("check Phase-7's success indicators: SES, the state secret, alarms, DNS; optionally send or check a signed message")
    .argument("[domain]", "the SES domain identity (default: domain in the config)")
    .option("--selector <selector>", "DKIM selector (default: the one recorded in the state secret)")
    .option("--wait <seconds>", "poll the alarms until they reach their `after` states, for up to this long", "0")
    .option("--send-test <address>", "send a test message through SES from the identity to this address")
    .option("--eml <file>", "verify the DKIM signature of a received message (a saved .eml / show original)")
    .action((domain: string | undefined, flags: VerifyFlags, command: Command) =>
      runtime.action(command, async ({ out, context }) => {
        const waitSeconds = wholeSeconds(flags.wait);
        const [{ verify }, { renderVerifyText, verifyJson }] = await Promise.all([import("../commands/verify.js"), import("../ui/renderVerify.js")]);
        const result = await verify(await context(), {
          domain,
          selector: flags.selector,
          waitSeconds,
          sendTest: flags.sendTest,
          eml: flags.eml,
        });
        return { exitCode: result.ok ? ExitCode.ok : ExitCode.checkFailed, text: () => renderVerifyText(out, result), json: () => verifyJson(out, result) };
      }),
    );
}
