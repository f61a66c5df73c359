import type { Command } from "commander";
import { completedSteps, runWalk, type StepStatus } from "../commands/runWalk.js";
import { loadConfig } from "../config/loadConfig.js";
import { normaliseDomain } from "../config/names.js";
import { ExitCode, byodkimError } from "../errors.js";
import { findRunbook, listRunbooks } from "../runbook/runbook.js";
import { journalDirectory } from "../state/journal.js";
import { renderRunbookList, renderRunbookMarkdown, renderRunbookShow, renderWalkText, walkJson } from "../ui/renderRunbook.js";
import { readGlobalOptions } from "./globalOptions.js";
import type { CliRuntime } from "./runtime.js";

export function registerRun(program: Command, runtime: CliRuntime): void {
  program
    .command("run")
    .description("walk a runbook step by step (byodkim runbook list shows them); progress is journaled")
    .argument("<runbook>", "runbook id, e.g. phase-7")
    .argument("[domain]", "the SES domain identity (default: domain in the config)")
    .option("--resume", "continue at the first unfinished step of the last walk for this domain")
    .option("--selector <selector>", "DKIM selector (default: the newest key in S3)")
    .option("--wait <seconds>", "how long enable waits for SES and verify for the alarms", "1800")
    .action(async (runbookId: string, domain: string | undefined, flags: { resume?: boolean; selector?: string; wait?: string }, command: Command) => {
      await runtime.withContext(command, async (ctx, out) => {
        const waitSeconds = Number(flags.wait);
        if (!Number.isInteger(waitSeconds) || waitSeconds < 0) throw byodkimError("usage", "enable.badWait", { value: flags.wait ?? "" });
        const options = readGlobalOptions(command);
        const result = await runWalk(ctx, {
          runbookId,
          domain,
          selector: flags.selector,
          resume: flags.resume === true,
          yes: options.yes,
          waitSeconds,
          dnsServers: options.dnsServer.length > 0 ? options.dnsServer : ctx.config.dns.servers,
        });
        return { exitCode: result.exitCode, text: () => renderWalkText(out, result), json: () => walkJson(result) };
      });
    });
}

export function registerRunbook(program: Command, runtime: CliRuntime): void {
  const runbook = program.command("runbook").description("the checklists as data: list, show progress, export for the change ticket");
  runbook
    .command("list")
    .description("the runbooks byodkim ships")
    .action((_flags: unknown, command: Command) => {
      const out = runtime.outputFor(command);
      guard(command, () => out.stdout.write(out.json ? `${JSON.stringify(listRunbooks().map(({ id, title, steps }) => ({ id, title, steps: steps.length })))}\n` : renderRunbookList(out, listRunbooks())));
    });
  runbook
    .command("show")
    .description("numbered steps with ✔ / ✘ / pending from the latest walk journal for the domain")
    .argument("<runbook>", "runbook id")
    .argument("[domain]", "the domain whose progress to show (default: domain in the config)")
    .action(async (id: string, domainArg: string | undefined, _flags: unknown, command: Command) => {
      const out = runtime.outputFor(command);
      await guardAsync(command, async () => {
        const book = findRunbook(id);
        const options = readGlobalOptions(command);
        const config = await loadConfig(options.config).catch(() => undefined);
        const domain = normaliseDomain(domainArg ?? config?.domain ?? "") ?? undefined;
        const statuses = new Map<string, StepStatus>();
        if (domain) {
          const { done, failed } = completedSteps(journalDirectory(runtime.io.env, config?.journal.dir), book, domain);
          for (const step of book.steps) statuses.set(step.id, done.has(step.id) ? "done" : failed.has(step.id) ? "failed" : "pending");
        }
        out.stdout.write(
          out.json
            ? `${JSON.stringify({ command: "runbook show", runbook: book.id, domain: domain ?? null, steps: book.steps.map((step) => ({ id: step.id, kind: step.kind, title: step.title[out.lang], status: statuses.get(step.id) ?? "pending" })) })}\n`
            : renderRunbookShow(out, book, statuses, domain),
        );
      });
    });
  runbook
    .command("export")
    .description("print a runbook as a Markdown checklist for the change ticket")
    .argument("<runbook>", "runbook id")
    .option("--format <format>", "md (Markdown)", "md")
    .action((id: string, flags: { format: string }, command: Command) => {
      const out = runtime.outputFor(command);
      guard(command, () => {
        if (flags.format !== "md") throw byodkimError("usage", "runbook.badFormat", { format: flags.format });
        out.stdout.write(renderRunbookMarkdown(out, findRunbook(id)));
      });
    });

  function guard(command: Command, body: () => void): void {
    try {
      body();
    } catch (err) {
      runtime.fail(runtime.outputFor(command), `runbook ${command.name()}`, err);
    }
  }
  async function guardAsync(command: Command, body: () => Promise<void>): Promise<void> {
    try {
      await body();
    } catch (err) {
      runtime.fail(runtime.outputFor(command), `runbook ${command.name()}`, err);
      if (runtime.exitCode === ExitCode.ok) runtime.exitCode = ExitCode.usage;
    }
  }
}
