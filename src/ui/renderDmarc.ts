import type { DmarcReportResult, MetricsOutcome } from "../commands/report/dmarcReport.js";
import type { SkippedFile } from "../dmarc/reportFile.js";
import type { OwnSignatureShare, SideOfChange } from "../dmarc/summary.js";
import { type MessageKey, msg, msgFromBag } from "../messages/msg.js";
import { METRICS_NAMESPACE } from "../permissions/needs.js";
import { fitTable, wrapToWidth } from "./fitTable.js";
import { type Output, terminalWidth } from "./output.js";
import { cell, table } from "./renderReport.js";

/** A share as the ticket reads it: one decimal, so 99.6 % and 100 % are told apart. */
const percent = (share: number | null) => (share === null ? "-" : (share * 100).toFixed(1));

const selectorName = (out: Output, selector: string | null) => selector ?? out.t(msg("dmarc.noSelector"));

const skipReason = (out: Output, skip: SkippedFile) =>
  out.t(msg("dmarc.skipLine", { reason: out.t(msgFromBag(`dmarc.skip.${skip.reason}` as MessageKey, {})), detail: skip.detail }));

/** The periods are whole UTC days, most of them: shown to the minute in the reader's zone. */
const when = (out: Output, at: string | null) => (at === null ? "-" : out.time(at));

function metricsLine(out: Output, metrics: MetricsOutcome | null): string[] {
  if (metrics === null) return [];
  if (metrics.published) return [out.t(msg("dmarc.metricsPublished", { data: metrics.data, requests: metrics.requests }))];
  return [out.color.yellow(out.t(msg("dmarc.metricsFailed", { problem: out.t(metrics.problem) })))];
}

/** The terminal's view: what the reports add up to, a table a concern, the skipped files named. */
export function renderDmarcText(out: Output, result: DmarcReportResult, width: number | undefined = terminalWidth(out)): string {
  const { t, color } = out;
  const { summary } = result;
  const prose = (text: string) => wrapToWidth(text, width, "");
  const filters = [
    ...(result.domain === null ? [] : [t(msg("dmarc.filter.domain", { domain: result.domain }))]),
    ...(result.since === null ? [] : [t(msg("dmarc.filter.since", { since: when(out, result.since) }))]),
  ];
  const head = [
    ...prose(t(msg("dmarc.title", { source: result.source }))).map((line) => color.bold(line)),
    ...(filters.length > 0 ? prose(t(msg("dmarc.filters", { filters: filters.join(out.lang === "ja" ? "、" : ", ") }))) : []),
  ];
  const skipped =
    result.skipped.length === 0
      ? []
      : [
          "",
          ...prose(t(msg("dmarc.skippedCount", { count: result.skipped.length }))).map((line) => color.yellow(line)),
          ...result.skipped.flatMap((skip) => wrapToWidth(t(msg("dmarc.skippedFile", { file: skip.file, reason: skipReason(out, skip) })), width, "  ")),
        ];
  const metrics = result.metrics === null ? [] : ["", ...metricsLine(out, result.metrics)];
  if (summary.reports === 0) {
    const none = result.read === 0 ? msg("dmarc.none", { source: result.source }) : msg("dmarc.noneMatching", { count: result.read });
    return [...head, "", ...prose(t(none)), ...skipped, ...metrics, ""].join("\n");
  }
  const share = new Map(result.shares.map((entry) => [JSON.stringify([entry.domain, entry.selector]), entry.share]));
  const fitted = (titles: readonly MessageKey[], rows: readonly (readonly string[])[]) => {
    const fit = fitTable(
      titles.map((title) => ({ title: t(msgFromBag(title, {})) })),
      rows,
      width,
    );
    return [color.bold(fit.header), ...fit.rows];
  };
  const selectors = fitted(
    ["dmarc.col.domain", "dmarc.col.selector", "dmarc.col.pass", "dmarc.col.fail", "dmarc.col.temperror", "dmarc.col.share"],
    summary.selectors.map((entry) => {
      const own = share.get(JSON.stringify([entry.domain, entry.selector]));
      return [
        entry.domain,
        selectorName(out, entry.selector),
        String(entry.pass),
        String(entry.fail),
        String(entry.temperror),
        own === undefined ? "" : t(msg("dmarc.share", { percent: percent(own) })),
      ];
    }),
  );
  const domains = fitted(
    ["dmarc.col.policyDomain", "dmarc.col.messages", "dmarc.col.dkimAligned", "dmarc.col.spfAligned"],
    summary.domains.map((domain) => [
      domain.domain,
      String(domain.messages),
      t(msg("dmarc.countShare", { count: domain.dkimAligned, percent: percent(domain.messages === 0 ? null : domain.dkimAligned / domain.messages) })),
      t(msg("dmarc.countShare", { count: domain.spfAligned, percent: percent(domain.messages === 0 ? null : domain.spfAligned / domain.messages) })),
    ]),
  );
  const orgs = fitted(
    ["dmarc.col.org", "dmarc.col.reports", "dmarc.col.messages"],
    summary.orgs.map((org) => [org.org, String(org.reports), String(org.messages)]),
  );
  return [
    ...head,
    ...prose(
      t(
        msg("dmarc.summaryLine", {
          reports: summary.reports,
          messages: summary.messages,
          begin: when(out, summary.period.begin),
          end: when(out, summary.period.end),
        }),
      ),
    ),
    ...(summary.duplicates > 0 ? prose(t(msg("dmarc.duplicates", { count: summary.duplicates }))).map((line) => color.dim(line)) : []),
    "",
    color.bold(t(msg("dmarc.selectors"))),
    ...selectors,
    "",
    color.bold(t(msg("dmarc.domains"))),
    ...domains,
    "",
    color.bold(t(msg("dmarc.orgs"))),
    ...orgs,
    ...skipped,
    ...metrics,
    "",
  ].join("\n");
}

const shareJson = (share: OwnSignatureShare) => ({
  domain: share.domain,
  selector: share.selector,
  passed: share.passed,
  messages: share.messages,
  share: share.share,
});
const sideJson = (side: SideOfChange) => ({ reports: side.reports, messages: side.messages, shares: side.shares.map(shareJson) });

/** The `--json` document (README "report dmarc"): counts are messages, the sum of the records' `<count>`; times UTC ISO. */
export function dmarcJson(out: Output, result: DmarcReportResult): Record<string, unknown> {
  const { summary } = result;
  return {
    source: result.source,
    domain: result.domain,
    since: result.since,
    reports: summary.reports,
    read: result.read,
    duplicates: summary.duplicates,
    messages: summary.messages,
    period: summary.period,
    selectors: summary.selectors.map(({ domain, selector, pass, fail, temperror }) => ({ domain, selector, pass, fail, temperror })),
    shares: result.shares.map(shareJson),
    domains: summary.domains.map(({ domain, messages, dkimAligned, spfAligned }) => ({ domain, messages, dkimAligned, spfAligned })),
    orgs: summary.orgs.map(({ org, reports, messages }) => ({ org, reports, messages })),
    skipped: result.skipped.map((skip) => ({ file: skip.file, reason: skip.reason, detail: skip.detail, text: skipReason(out, skip) })),
    change:
      result.change === null
        ? null
        : {
            runId: result.change.run.runId,
            command: result.change.run.command,
            domain: result.change.run.domain,
            at: result.change.around.changeAt,
            before: sideJson(result.change.around.before),
            after: sideJson(result.change.around.after),
            straddling: result.change.around.straddling,
          },
    metrics:
      result.metrics === null
        ? null
        : result.metrics.published
          ? { published: true, namespace: METRICS_NAMESPACE, data: result.metrics.data, requests: result.metrics.requests }
          : { published: false, namespace: METRICS_NAMESPACE, problem: out.t(result.metrics.problem) },
  };
}

function sideTable(out: Output, side: SideOfChange): string[] {
  const { t } = out;
  if (side.reports === 0) return [t(msg("dmarc.md.noReports"))];
  const rows = side.shares.map((share) => [
    `${share.domain}`,
    `\`${selectorName(out, share.selector)}\``,
    String(share.passed),
    t(msg("dmarc.share", { percent: percent(share.share) })),
  ]);
  return [
    t(msg("dmarc.md.side", { reports: side.reports, messages: side.messages })),
    "",
    ...table([t(msg("dmarc.col.domain")), t(msg("dmarc.col.selector")), t(msg("dmarc.col.pass")), t(msg("dmarc.col.share"))], rows),
  ];
}

/** For the change ticket: each selector's share of the domain's mail before and after the newest change. */
export function renderDmarcMarkdown(out: Output, result: DmarcReportResult): string {
  const { t } = out;
  const { change } = result;
  const domain = result.domain ?? change?.run.domain ?? null;
  const lines = [
    `# ${t(msg("dmarc.md.title", { domain: domain ?? t(msg("dmarc.md.allDomains")) }))}`,
    "",
    t(msg("dmarc.md.source", { source: `\`${cell(result.source)}\`` })),
  ];
  if (change) {
    const { run, around } = change;
    lines.push(
      "",
      t(msg("dmarc.md.change", { command: run.command, domain: run.domain, runId: run.runId, at: out.time(around.changeAt) })),
      "",
      `## ${t(msg("dmarc.md.before"))}`,
      "",
      ...sideTable(out, around.before),
      "",
      `## ${t(msg("dmarc.md.after"))}`,
      "",
      ...sideTable(out, around.after),
    );
    if (around.straddling > 0) lines.push("", t(msg("dmarc.md.straddling", { count: around.straddling })));
  } else {
    const forDomain = result.domain === null ? "" : t(msg("dmarc.md.forDomain", { domain: result.domain }));
    lines.push(
      "",
      t(msg("dmarc.md.noChange", { forDomain })),
      "",
      `## ${t(msg("dmarc.md.whole"))}`,
      "",
      ...sideTable(out, { reports: result.summary.reports, messages: result.summary.messages, shares: result.shares }),
    );
  }
  lines.push(
    "",
    `## ${t(msg("dmarc.orgs"))}`,
    "",
    ...table(
      [t(msg("dmarc.col.org")), t(msg("dmarc.col.reports")), t(msg("dmarc.col.messages"))],
      result.summary.orgs.map((org) => [org.org, String(org.reports), String(org.messages)]),
    ),
  );
  if (result.skipped.length > 0) {
    lines.push(
      "",
      `## ${t(msg("dmarc.skippedTitle"))}`,
      "",
      ...table(
        [t(msg("dmarc.col.file")), t(msg("dmarc.col.reason"))],
        result.skipped.map((skip) => [`\`${skip.file}\``, skipReason(out, skip)]),
      ),
    );
  }
  return `${lines.join("\n")}\n`;
}
