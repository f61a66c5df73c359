import { createAwsPorts } from "../aws/clients.js";
import type { CommandContext } from "../commands/context.js";
import { loadConfig } from "../config/loadConfig.js";
import { createDkimDns } from "../dns/dkimDns.js";
import { byodkimError } from "../errors.js";
import { createSpinnerProgress } from "../ui/progress.js";
import type { Output } from "../ui/output.js";
import type { GlobalOptions } from "./globalOptions.js";

export interface CliEnvironment {
  readonly env: NodeJS.ProcessEnv;
}

/**
 * The composition root: the one place where real AWS clients, the real resolver and the terminal
 * are chosen. Commands receive them through CommandContext and never construct their own.
 */
export async function createCommandContext(
  options: GlobalOptions,
  out: Output,
  environment: CliEnvironment,
): Promise<CommandContext & { close(): void }> {
  const config = await loadConfig(options.config);
  const region = options.region ?? config.region ?? environment.env["AWS_REGION"] ?? environment.env["AWS_DEFAULT_REGION"];
  if (region === undefined || region === "") throw byodkimError("usage", "cli.noRegion", undefined, "cli.noRegion.hint");
  const progress = createSpinnerProgress(out, environment.env);
  return {
    config,
    region,
    aws: createAwsPorts({ region, profile: options.profile }),
    dns: createDkimDns({ servers: options.dnsServer.length > 0 ? options.dnsServer : config.dns.servers }),
    progress,
    close: () => progress.stop(),
  };
}
