import type { Command } from "commander";
import { ExitCode, byodkimError } from "../errors.js";
import type { CliRuntime } from "./runtime.js";

interface ReportFlags {
  domain?: string;
  format?: string;
  out?: string;
  list?: boolean;
}

export function registerReport(program: Command, runtime: CliRuntime): void {
  program
    .command("report")
    .description("one run's journal as a change report (Markdown or JSON) for the change ticket; reads local journals only, no AWS")
    .argument("[run-id]", "a run id, a unique prefix of one, or latest", "latest")
    .option("--domain <domain>", "only this domain's runs (for latest and --list)")
    .option("--format <format>", "md or json", "md")
    .option("--out <file>", "write the report to this file (replaced whole if it exists) and say where")
    .option("--list", "list the journaled runs, newest first")
    .action((runId: string, flags: ReportFlags, command: Command) =>
      runtime.action(command, async ({ out, options, env }) => {
        const format = flags.format ?? "md";
        if (format !== "md" && format !== "json") throw byodkimError("usage", "report.badFormat", { format });
        if (flags.list && runId !== "latest") throw byodkimError("usage", "report.listWithRun");
        const [{ listRuns, reportRun }, { reportJournalDirectory, writeReportFile }, render, { msg }] = await Promise.all([
          import("../commands/report/report.js"),
          import("../commands/report/reportFiles.js"),
          import("../ui/renderReport.js"),
          import("../messages/msg.js"),
        ]);
        const directory = await reportJournalDirectory(env, options.config);
        const asText = (document: Record<string, unknown>) => `${JSON.stringify({ ...document, outcome: "ok" }, null, 2)}\n`;
        if (flags.list) {
          const list = listRuns(directory, flags.domain);
          const json = () => render.runListJson(out, list);
          return { exitCode: ExitCode.ok, text: () => (format === "json" ? asText(json()) : render.renderRunListText(out, list)), json };
        }
        const result = reportRun(directory, runId, flags.domain);
        const document = (written: string | null) => ({ ...render.reportJson(out, result), written });
        const body = format === "json" ? asText(document(null)) : render.renderReportMarkdown(out, result);
        const written = flags.out === undefined ? null : writeReportFile(flags.out, body);
        return {
          exitCode: ExitCode.ok,
          text: () => (written ? `${out.t(msg("report.written", { runId: result.report.runId, path: written }))}\n` : body),
          json: () => document(written),
        };
      }),
    );
}
