import type { Command } from "commander";
import { parseReportSource } from "../config/dmarcConfig.js";
import { loadConfig } from "../config/loadConfig.js";
import { ExitCode, byodkimError } from "../errors.js";
import { msg } from "../messages/msg.js";
import type { ActionScope, Emission } from "./runtime.js";

interface DmarcFlags {
  readonly domain?: string;
  readonly format?: string;
  readonly out?: string;
  readonly list?: boolean;
  readonly journal?: string;
  readonly from?: string;
  readonly since?: string;
  readonly publishMetrics?: boolean;
}

/** Ten years of daily reports is more than any receiver keeps; a larger number is a typo. */
const MAX_SINCE_DAYS = 3660;

/**
 * `byodkim report dmarc`: reads local files or S3, never changes anything. AWS is reached only for
 * an `s3://` source or --publish-metrics, and then through the composition root (region, profile).
 */
export async function reportDmarcAction(scope: ActionScope, flags: DmarcFlags, command: Command): Promise<Emission> {
  const { out, options, env } = scope;
  if (flags.list) throw byodkimError("usage", "dmarc.withRunFlags", { flag: "--list" });
  if (flags.journal !== undefined) throw byodkimError("usage", "dmarc.withRunFlags", { flag: "--journal" });
  // --format's default (md) is the run report's: left out, report dmarc shows its table for the terminal.
  const format = command.getOptionValueSource("format") === "default" ? "text" : (flags.format ?? "text");
  if (format !== "text" && format !== "md" && format !== "json") throw byodkimError("usage", "dmarc.badFormat", { format });
  const sinceDays = flags.since === undefined ? undefined : Number(flags.since);
  if (flags.since !== undefined && (!/^\d+$/.test(flags.since) || sinceDays! < 1 || sinceDays! > MAX_SINCE_DAYS)) {
    throw byodkimError("usage", "dmarc.badSince", { since: flags.since });
  }
  const [{ reportDmarc }, { reportConfig, reportJournalDirectory, writeReportFile }, render, { shellQuote }] = await Promise.all([
    import("../commands/report/dmarcReport.js"),
    import("../commands/report/reportFiles.js"),
    import("../ui/renderDmarc.js"),
    import("../commands/report/runSelection.js"),
  ]);
  const config = await reportConfig(options.config);
  if (config) out.useConfig(config);
  const sourceText = flags.from ?? config?.dmarc?.reports ?? (await configuredSource(options.config));
  if (sourceText === undefined) throw byodkimError("usage", "dmarc.noSource", {}, "dmarc.noSource.hint");
  const source = parseReportSource(sourceText);
  if (!source) throw byodkimError("usage", "dmarc.badFrom", { from: sourceText }, "dmarc.noSource.hint");
  const needsAws = source.kind === "s3" || flags.publishMetrics === true;
  const ctx = needsAws ? await scope.context() : undefined;
  const result = await reportDmarc({
    source,
    domain: flags.domain,
    sinceDays,
    now: ctx?.clock.now() ?? new Date(),
    journalDirectory: await reportJournalDirectory(env, options.config),
    reports: ctx?.aws.reports,
    ...(flags.publishMetrics ? { publish: { metrics: ctx?.aws.metrics } } : {}),
  });
  const json = () => render.dmarcJson(out, result);
  const body = () =>
    format === "json"
      ? `${JSON.stringify({ ...json(), outcome: "ok" }, null, 2)}\n`
      : format === "md"
        ? render.renderDmarcMarkdown(out, result)
        : render.renderDmarcText(out, result);
  if (flags.out !== undefined) {
    const again = [
      "byodkim report dmarc",
      `--from ${shellQuote(sourceText)}`,
      ...(flags.domain ? [`--domain ${shellQuote(flags.domain)}`] : []),
      `--format ${format}`,
    ];
    const written = writeReportFile(flags.out, body(), again.join(" "));
    return { exitCode: ExitCode.ok, text: () => `${out.t(msg("dmarc.written", { path: written }))}\n`, json: () => ({ ...json(), written }) };
  }
  return { exitCode: ExitCode.ok, text: body, json };
}

/**
 * The config's dmarc.reports when reportConfig could not read the config: a config with a mistake
 * elsewhere is then reported as the config's problem, not as "no source".
 */
async function configuredSource(configPath: string): Promise<string | undefined> {
  try {
    return (await loadConfig(configPath)).dmarc?.reports;
  } catch (error) {
    if ((error as { what?: { key?: string } }).what?.key === "config.missing") return undefined;
    throw error;
  }
}
