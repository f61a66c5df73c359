import { randomUUID } from "node:crypto";
import { hostname } from "node:os";
import { createAwsPorts } from "../aws/clients.js";
import type { CommandContext, InterruptGuard } from "../commands/context.js";
import { loadConfig } from "../config/loadConfig.js";
import { createDkimDns } from "../dns/dkimDns.js";
import { byodkimError } from "../errors.js";
import { journalDirectory } from "../state/journal.js";
import { createSpinnerProgress } from "../ui/progress.js";
import type { Output } from "../ui/output.js";
import { createPrompter } from "../ui/prompts.js";
import { createChangeReporter } from "../ui/renderEnable.js";
import type { GlobalOptions } from "./globalOptions.js";

export interface CliEnvironment {
  readonly env: NodeJS.ProcessEnv;
  readonly interrupt: InterruptGuard;
}

/**
 * The composition root: the one place where real AWS clients, the real resolver, the terminal,
 * the clock and the journal folder are chosen. Commands receive them through CommandContext.
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
  const prompt = createPrompter(out.t);
  return {
    config,
    region,
    aws: createAwsPorts({ region, profile: options.profile }),
    dns: createDkimDns({ servers: options.dnsServer.length > 0 ? options.dnsServer : config.dns.servers }),
    progress,
    clock: { now: () => new Date(), sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)) },
    prompt,
    report: createChangeReporter(out),
    interrupt: environment.interrupt,
    journalDir: journalDirectory(environment.env, config.journal.dir),
    host: hostname(),
    newRunId: () => randomUUID().slice(0, 8),
    close: () => {
      progress.stop();
      prompt.close();
    },
  };
}
