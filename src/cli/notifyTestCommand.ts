import type { Command } from "commander";
import { ExitCode } from "../errors.js";
import type { CliRuntime } from "./runtime.js";

export function registerNotifyTest(program: Command, runtime: CliRuntime): void {
  program
    .command("notify-test")
    .description(runtime.help("help.notifyTest"))
    .action((_flags: Record<string, never>, command: Command) =>
      runtime.action(command, async ({ out, context }) => {
        const [{ notifyTest }, { notifyTestJson, renderNotifyTestText }] = await Promise.all([
          import("../commands/notifyTest.js"),
          import("../ui/renderNotifyTest.js"),
        ]);
        const result = await notifyTest(await context());
        return {
          exitCode: result.ok ? ExitCode.ok : ExitCode.checkFailed,
          text: () => renderNotifyTestText(out, result),
          json: () => notifyTestJson(out, result),
        };
      }),
    );
}
