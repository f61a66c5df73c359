import type { Command } from "commander";
import type { AnyReportResult } from "../commands/report/report.js";
import { ExitCode, byodkimError } from "../errors.js";
import type { CliRuntime } from "./runtime.js";

interface ReportFlags {
  domain?: string;
  format?: string;
  out?: string;
  list?: boolean;
  journal?: string;
  from?: string;
  since?: string;
  publishMetrics?: boolean;
}

/** `report dmarc`: the word in the run id's place; a run id is hex (newRunId), so no run is ever named dmarc. */
const DMARC = "dmarc";

export function registerReport(program: Command, runtime: CliRuntime): void {
  program
    .command("report")
    .description(runtime.help("help.report"))
    .argument("[run-id]", runtime.help("help.report.runId"), "latest")
    .option("--domain <domain>", runtime.help("help.report.domain"))
    .option("--format <format>", runtime.help("help.report.format"), "md")
    .option("--out <file>", runtime.help("help.report.out"))
    .option("--journal <file>", runtime.help("help.report.journal"))
    .option("--list", runtime.help("help.report.list"))
    .option("--from <folder | s3://bucket/prefix>", runtime.help("help.report.from"))
    .option("--since <days>", runtime.help("help.report.since"))
    .option("--publish-metrics", runtime.help("help.report.publishMetrics"))
    .action((runId: string, flags: ReportFlags, command: Command) =>
      runtime.action(command, async (scope) => {
        if (runId === DMARC) {
          const { reportDmarcAction } = await import("./reportDmarcAction.js");
          return reportDmarcAction(scope, flags, command);
        }
        const { out, options, env } = scope;
        for (const [flag, given] of [
          ["--from", flags.from !== undefined],
          ["--since", flags.since !== undefined],
          ["--publish-metrics", flags.publishMetrics === true],
        ] as const) {
          if (given) throw byodkimError("usage", "dmarc.flagsWithoutDmarc", { flag });
        }
        const format = flags.format ?? "md";
        if (format !== "md" && format !== "json") throw byodkimError("usage", "report.badFormat", { format });
        if (flags.list && runId !== "latest") throw byodkimError("usage", "report.listWithRun");
        if (flags.journal !== undefined && (flags.list || flags.domain !== undefined || runId !== "latest")) throw byodkimError("usage", "report.journalWith");
        const [
          { isCampaignResult, listRuns, reportJournal, reportRun },
          { shellQuote },
          { reportConfig, reportJournalDirectory, writeReportFile },
          render,
          campaign,
          { msg },
        ] = await Promise.all([
          import("../commands/report/report.js"),
          import("../commands/report/runSelection.js"),
          import("../commands/report/reportFiles.js"),
          import("../ui/renderReport.js"),
          import("../ui/renderCampaignReport.js"),
          import("../messages/msg.js"),
        ]);
        const config = await reportConfig(options.config);
        if (config) out.useConfig(config);
        const asText = (document: Record<string, unknown>) => `${JSON.stringify({ ...document, outcome: "ok" }, null, 2)}\n`;
        const reportAndWrite = (result: AnyReportResult, selection: string) => {
          const json = () => (isCampaignResult(result) ? campaign.campaignReportJson(out, result) : render.reportJson(out, result));
          const document = (written: string | null) => ({ ...json(), written });
          const markdown = () => (isCampaignResult(result) ? campaign.renderCampaignMarkdown(out, result) : render.renderReportMarkdown(out, result));
          const body = format === "json" ? asText(document(null)) : markdown();
          const toStdout = `byodkim report ${selection}${format === "json" ? " --format json" : ""}`;
          const written = flags.out === undefined ? null : writeReportFile(flags.out, body, toStdout);
          return {
            exitCode: ExitCode.ok,
            text: () => (written ? `${out.t(msg("report.written", { runId: result.run.runId, path: written }))}\n` : body),
            json: () => document(written),
          };
        };
        const byJournal = (path: string) => `--journal ${shellQuote(path)}`;
        if (flags.journal !== undefined) return reportAndWrite(reportJournal(flags.journal), byJournal(flags.journal));
        const directory = await reportJournalDirectory(env, options.config);
        if (config?.journal.s3) await (await import("./compositionRoot.js")).recallForReport(config, directory, flags.domain, options, out, env);
        if (flags.list) {
          const list = listRuns(directory, flags.domain);
          const json = () => render.runListJson(out, list);
          return { exitCode: ExitCode.ok, text: () => (format === "json" ? asText(json()) : render.renderRunListText(out, list)), json };
        }
        // The folder came from --config's journal.dir, perhaps: the command said for stdout names the same config.
        const configFlag = command.getOptionValueSourceWithGlobals("config") === "cli" ? ` --config ${shellQuote(options.config)}` : "";
        const result = reportRun(directory, runId, flags.domain, configFlag);
        // The run id alone names it again unless another journal that differs holds the same id.
        const alone = () => listRuns(directory).runs.filter((run) => run.runId === result.run.runId).length === 1;
        return reportAndWrite(result, flags.out !== undefined && !alone() ? byJournal(result.run.path) : `${result.run.runId}${configFlag}`);
      }),
    );
}
