import type { Command } from "commander";
import type { WalkCommands } from "../commands/run.js";
import { ExitCode, byodkimError } from "../errors.js";
import { changeIdOption, wholeSeconds } from "./options.js";
import type { CliRuntime } from "./runtime.js";

/** What the runbook commands use, loaded when one of them runs: --help must not pay for it. */
async function runbookModules() {
  const [walk, config, names, runbook, journal, directory, render, walks] = await Promise.all([
    import("../commands/run.js"),
    import("../config/loadConfig.js"),
    import("../config/names.js"),
    import("../runbook/runbook.js"),
    import("../state/journal.js"),
    import("../state/journalDirectory.js"),
    import("../ui/renderRunbook.js"),
    import("../runbook/walkJournal.js"),
  ]);
  return { ...walk, ...config, ...names, ...runbook, ...journal, ...directory, ...render, ...walks };
}

/** The commands a walk runs, handed to it here: a command never imports another. */
async function walkCommands(): Promise<WalkCommands> {
  const [{ verify }, { enable }, { rotate }, { keygen }, { retire }, { rollback }] = await Promise.all([
    import("../commands/verify.js"),
    import("../commands/enable.js"),
    import("../commands/rotate.js"),
    import("../commands/keygen.js"),
    import("../commands/retire.js"),
    import("../commands/rollback.js"),
  ]);
  return { verify, enable, rotate, keygen, retire, rollback };
}

export function registerRun(program: Command, runtime: CliRuntime): void {
  program
    .command("run")
    .description(runtime.help("help.run"))
    .argument("<runbook>", runtime.help("help.run.runbook"))
    .argument("[domain]", runtime.help("help.arg.domain"))
    .option("--resume", runtime.help("help.run.resume"))
    .option("--selector <selector>", runtime.help("help.option.selector"))
    .option("--wait <seconds>", runtime.help("help.run.wait"), "1800")
    .addOption(changeIdOption(runtime.help("help.option.changeId")))
    .action((runbookId: string, domain: string | undefined, flags: { resume?: boolean; selector?: string; wait?: string }, command: Command) =>
      runtime.action(command, async ({ out, options, context, env }) => {
        const waitSeconds = wholeSeconds(flags.wait);
        const [{ runWalk, renderWalkText, walkJson }, commands] = await Promise.all([runbookModules(), walkCommands()]);
        const result = await runWalk(
          await context(domain),
          {
            runbookId,
            domain,
            selector: flags.selector,
            resume: flags.resume === true,
            yes: options.yes,
            waitSeconds,
            home: env["HOME"],
          },
          commands,
        );
        return { exitCode: result.exitCode, text: () => renderWalkText(out, result), json: () => walkJson(out, result) };
      }),
    );
}

export function registerRunbook(program: Command, runtime: CliRuntime): void {
  const runbook = program.command("runbook").description(runtime.help("help.runbook"));
  runbook
    .command("list")
    .description(runtime.help("help.runbook.list"))
    .action((_flags: unknown, command: Command) =>
      runtime.action(command, async ({ out }) => {
        const { listRunbooks, renderRunbookList, runbookListJson } = await runbookModules();
        const books = listRunbooks();
        return { exitCode: ExitCode.ok, text: () => renderRunbookList(out, books), json: () => runbookListJson(books) };
      }),
    );
  runbook
    .command("show")
    .description(runtime.help("help.runbook.show"))
    .argument("<runbook>", runtime.help("help.runbook.id"))
    .argument("[domain]", runtime.help("help.runbook.showDomain"))
    .action((id: string, domainArg: string | undefined, _flags: unknown, command: Command) =>
      runtime.action(command, async ({ out, options }) => {
        const { findRunbook, loadConfig, normaliseDomain, createJournalStore, journalDirectory, stepStatuses, renderRunbookShow, runbookShowJson } =
          await runbookModules();
        const book = findRunbook(id);
        // Progress is shown without a config too: then only the journal folder from the environment is read.
        const config = await loadConfig(options.config).catch(() => undefined);
        const domain = normaliseDomain(domainArg ?? config?.domain ?? "") ?? undefined;
        const journals = createJournalStore(journalDirectory(runtime.io.env, config?.journal.dir), () => new Date());
        const { statuses, warnings } = stepStatuses(journals, book, domain);
        return {
          exitCode: ExitCode.ok,
          text: () => renderRunbookShow(out, book, statuses, domain, warnings),
          json: () => runbookShowJson(out, book, statuses, domain, warnings),
        };
      }),
    );
  runbook
    .command("export")
    .description(runtime.help("help.runbook.export"))
    .argument("<runbook>", runtime.help("help.runbook.id"))
    .option("--format <format>", runtime.help("help.runbook.format"), "md")
    .option("--run <run-id>", runtime.help("help.runbook.exportRun"))
    .option("--domain <domain>", runtime.help("help.runbook.exportDomain"))
    .action((id: string, flags: { format: string; run?: string; domain?: string }, command: Command) =>
      runtime.action(command, async ({ out, options }) => {
        if (flags.format !== "md") throw byodkimError("usage", "runbook.badFormat", { format: flags.format });
        const modules = await runbookModules();
        const book = modules.findRunbook(id);
        let walk: Awaited<ReturnType<typeof modules.listWalks>>["walks"][number] | undefined;
        if (flags.run !== undefined) {
          // The walks are read where runbook show reads them: the journal folder of the environment or the config.
          const config = await modules.loadConfig(options.config).catch(() => undefined);
          const directory = modules.journalDirectory(runtime.io.env, config?.journal.dir);
          const domain = flags.domain === undefined ? undefined : (modules.normaliseDomain(flags.domain) ?? flags.domain);
          const walks = modules
            .listWalks(directory)
            .walks.filter((candidate) => candidate.runbook === book.id && (domain === undefined || candidate.domain === domain));
          if (walks.length === 0) throw byodkimError("input", "runbook.export.noWalk", { runbook: book.id, directory }, "runbook.export.unknownWalk.hint");
          walk = flags.run === "latest" ? walks[0] : walks.find((candidate) => candidate.runId === flags.run);
          if (!walk)
            throw byodkimError("input", "runbook.export.unknownWalk", { runbook: book.id, runId: flags.run, directory }, "runbook.export.unknownWalk.hint");
        }
        const markdown = modules.renderRunbookMarkdown(out, book, walk);
        // Markdown is the document asked for, with or without --json.
        return {
          exitCode: ExitCode.ok,
          text: () => markdown,
          json: () => ({ command: "runbook export", runbook: id, format: "md", run: walk?.runId ?? null, markdown }),
        };
      }),
    );
}
