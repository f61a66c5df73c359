import { describeSource, readReportSource } from "../../dmarc/sources.js";
import type { MetricsPort, ReportObjectsPort } from "../../aws/types.js";
import type { ReportSource } from "../../config/dmarcConfig.js";
import { ByodkimError } from "../../errors.js";
import { type Msg, msg } from "../../messages/msg.js";
import { METRICS_NAMESPACE } from "../../permissions/needs.js";
import type { SkippedFile } from "../../dmarc/reportFile.js";
import { dmarcMetrics } from "../../dmarc/metrics.js";
import {
  type AroundChange,
  aroundChange,
  type DmarcSummary,
  type OwnSignatureShare,
  ownSignatureShares,
  sinceDays,
  summarize,
  uniqueReports,
} from "../../dmarc/summary.js";
import { listRuns } from "./report.js";
import type { JournaledRun } from "./runSelection.js";

/** The commands whose completed run changes which selector signs: their start is the ticket's "change date". */
const SELECTOR_CHANGES: ReadonlySet<string> = new Set(["enable", "rotate", "rollback"]);

export interface DmarcReportInput {
  readonly source: ReportSource;
  readonly domain: string | undefined;
  readonly sinceDays: number | undefined;
  readonly now: Date;
  /** Where the change runs are journaled: the newest completed one splits the reports into before and after. */
  readonly journalDirectory: string;
  /** S3's reports port, for an `s3://` source. */
  readonly reports?: ReportObjectsPort | undefined;
  /** Present only with --publish-metrics (undefined there: the port could not be made, said as a warning). */
  readonly publish?: { readonly metrics: MetricsPort | undefined };
}

export type MetricsOutcome =
  | { readonly published: true; readonly data: number; readonly requests: number }
  | { readonly published: false; readonly problem: Msg };

export interface DmarcReportResult {
  readonly source: string;
  readonly domain: string | null;
  /** Only reports whose period ends after this (`--since`); null: all. */
  readonly since: string | null;
  readonly summary: DmarcSummary;
  /** Reports read, each once, before --domain and --since: none counted while some were read means the filters left them out. */
  readonly read: number;
  readonly skipped: readonly SkippedFile[];
  readonly shares: readonly OwnSignatureShare[];
  /** The newest completed change of the selector (of the domain with --domain), and the shares around it. */
  readonly change: { readonly run: JournaledRun; readonly around: AroundChange } | null;
  readonly metrics: MetricsOutcome | null;
}

/** `byodkim report dmarc`: receivers' aggregate reports, added up per selector. Reads only; --publish-metrics is a side channel. */
export async function reportDmarc(input: DmarcReportInput): Promise<DmarcReportResult> {
  const read = await readReportSource(input.source, input.reports);
  const since = input.sinceDays === undefined ? undefined : sinceDays(input.now, input.sinceDays);
  const summary = summarize(read.reports, { domain: input.domain, endsAfter: since });
  const run = latestChange(input.journalDirectory, input.domain);
  // Before and after are the change's: --since would cut the "before" the ticket compares with, so it is left out here.
  const change = run ? { run, around: aroundChange(read.reports, input.domain ?? run.domain, new Date(run.startedAt)) } : null;
  return {
    source: describeSource(input.source),
    domain: input.domain ?? null,
    since: since?.toISOString() ?? null,
    summary,
    read: uniqueReports(read.reports).length,
    skipped: read.skipped,
    shares: ownSignatureShares(summary),
    change,
    metrics: input.publish ? await publish(input.publish.metrics, summary, input.now) : null,
  };
}

function latestChange(directory: string, domain: string | undefined): JournaledRun | null {
  return listRuns(directory, domain).runs.find((run) => SELECTOR_CHANGES.has(run.command) && run.outcome === "completed") ?? null;
}

/** A side channel: a failure is a warning in the result, never a failed report. */
async function publish(metrics: MetricsPort | undefined, summary: DmarcSummary, at: Date): Promise<MetricsOutcome> {
  if (!metrics) return { published: false, problem: msg("dmarc.metricsUnavailable") };
  const data = dmarcMetrics(summary, at);
  if (data.length === 0) return { published: false, problem: msg("dmarc.metricsNothing") };
  try {
    const { requests } = await metrics.putMetricData(METRICS_NAMESPACE, data);
    return { published: true, data: data.length, requests };
  } catch (err) {
    if (!(err instanceof ByodkimError)) throw err;
    return { published: false, problem: err.what };
  }
}
