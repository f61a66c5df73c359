import type { StatusResult } from "../commands/status.js";
import { type Msg, msg } from "../messages/msg.js";
import { METRICS_NAMESPACE } from "../permissions/needs.js";
import type { StatusRow } from "../status/judge.js";
import type { StatusLevel, StatusReason } from "../status/reasons.js";
import { fitTable, foldKeepingCommands, wrapToWidth } from "./fitTable.js";
import { MARKS } from "./marks.js";
import { type Output, terminalWidth } from "./output.js";
import { gateJson, renderGateRows } from "./renderPrecheck.js";

const MARK: Record<StatusLevel, string> = { ok: MARKS.done, warn: MARKS.warning, action: MARKS.failed };

/** The sentence for one of a row's reasons, with the row's own numbers. */
export function reasonMessage(out: Output, row: StatusRow, reason: StatusReason): Msg {
  const servers = row.dns?.servers ?? [];
  const unanswered = servers.filter((server) => !server.answered);
  switch (reason) {
    case "sesUnreadable":
      return msg("status.reason.sesUnreadable", { problem: row.problem ? out.t(row.problem) : "-" });
    case "notInRegion":
      return msg("status.reason.notInRegion", { region: row.region });
    case "dkimFailed":
      return msg("status.reason.dkimFailed", { errorType: row.dkim?.errorType ?? "-" });
    case "dkimStuck":
      return msg("status.reason.dkimStuck", { errorType: row.dkim?.errorType ?? "-" });
    case "signingOff":
      return msg("status.reason.signingOff");
    case "keyOverdue":
      return msg("status.reason.keyOverdue", { age: row.key?.ageDays ?? "-", days: -(row.key?.daysUntilRotationDue ?? 0) });
    case "dnsDrift":
      return msg("status.reason.dnsDrift", {
        count: servers.filter((server) => server.answered && !server.matches).length,
        total: servers.length,
      });
    case "cnameMissing":
      return msg("status.reason.cnameMissing", { count: row.cnames?.filter((cname) => !cname.matches).length ?? 0 });
    case "dkimNotVerified":
      return msg("status.reason.dkimNotVerified", { status: row.dkim?.status ?? "-" });
    case "rotationDueSoon":
      return msg("status.reason.rotationDueSoon", { days: row.key?.daysUntilRotationDue ?? "-" });
    case "regionMismatch":
      return msg("status.reason.regionMismatch", {
        reference: row.regionComparison?.referenceRegion ?? "-",
        differences: row.regionComparison?.differences.join(", ") ?? "-",
      });
    case "retiredNotRevoked":
      return msg("status.reason.retiredNotRevoked", { selector: row.retired.find((entry) => entry.revocationDue && entry.stillPublished)?.selector ?? "-" });
    case "dnsUnanswered":
      return msg("status.reason.dnsUnanswered", { count: unanswered.length, total: servers.length });
    case "keyUnverifiable":
      return msg("status.reason.keyUnverifiable", { problem: row.key?.keyProblem ? out.t(row.key.keyProblem) : "-" });
    case "keyAgeUnknown":
      return msg("status.reason.keyAgeUnknown");
    case "otherAccount":
      return msg("status.reason.otherAccount", { account: row.account ?? "-", configured: row.configuredAccount ?? "-", domain: row.domain });
    case "healthy":
      return msg("status.reason.healthy");
  }
}

/** A stuck verification (FAILED, or a TEMPORARY_FAILURE SES no longer retries) is not waited out: SES looks again only when the signing attributes are put again. */
export function wayOut(row: StatusRow): Msg | null {
  // A command for the name would reach the account the config puts it in, not this row's.
  if (row.reasons.includes("otherAccount")) return null;
  if (!(row.reasons.includes("dkimFailed") || row.reasons.includes("dkimStuck")) || !row.dkim) return null;
  const { domain, region } = row;
  if (row.dkim.origin === "EXTERNAL") return msg("status.wayOut.external", { domain, region, selector: row.dkim.selector ?? "-" });
  return msg("status.wayOut.easy", { domain, region });
}

function dkimCell(out: Output, row: StatusRow): string {
  if (!row.dkim) return "-";
  const kind = out.t(msg(row.dkim.origin === "EXTERNAL" ? "status.byodkim" : "status.easyDkim"));
  return `${kind} ${row.dkim.status ?? "-"}${row.dkim.signingEnabled ? "" : " off"}`;
}

function dueCell(out: Output, row: StatusRow): string {
  const days = row.key?.daysUntilRotationDue;
  if (days === null || days === undefined) return "-";
  return out.t(days < 0 ? msg("status.overdueDays", { days: -days }) : msg("status.days", { days }));
}

/** The key's age and the evidence it was counted from (the earliest credible date). */
function ageCell(out: Output, row: StatusRow): string {
  const key = row.key;
  if (key?.ageDays === null || key?.ageDays === undefined) return "-";
  if (key.ageSource === null) return out.t(msg("status.days", { days: key.ageDays }));
  return out.t(msg("status.ageFrom", { days: key.ageDays, source: out.t(msg(`status.ageSource.${key.ageSource}`)) }));
}

/**
 * What goes when the terminal is narrow: the key's age first (the days to rotation say what it
 * means), then the selector and SES's status (the reason repeats what matters), then the days to
 * rotation, and the region last, since the commands to run take it. Domain and reason always stay.
 */
const STATUS_COLUMNS = [
  { key: "status.col.domain", minWidth: 8 },
  { key: "status.col.region", dropRank: 5 },
  { key: "status.col.dkim", dropRank: 3 },
  { key: "status.col.selector", dropRank: 2 },
  { key: "status.col.age", dropRank: 1 },
  { key: "status.col.due", dropRank: 4 },
  { key: "status.col.reason", minWidth: 12, comfortableShare: 0.5 },
] as const;

/** Shown when the rows span accounts (config `accounts:`); it goes after the region when the terminal is narrow. */
const ACCOUNT_COLUMN = { key: "status.col.account", dropRank: 6 } as const;

/** Room the mark and its space take before each row. */
const MARK_WIDTH = 2;

/** One row per identity × region, worst first, with the reason that decided it and the others under it. */
export function renderStatusText(out: Output, result: StatusResult, width: number | undefined = terminalWidth(out)): string {
  const { color, t } = out;
  if (result.identity.status === "fail") {
    return [...renderGateRows(out, [result.identity]), "", color.red(t(msg("status.identityFailed", { detail: t(result.identity.detail) }))), ""].join("\n");
  }
  const paint = { ok: color.green, warn: color.yellow, action: color.red } as const;
  const rank = { action: 0, warn: 1, ok: 2 } as const;
  const rows = [...result.rows].sort((a, b) => rank[a.verdict] - rank[b.verdict] || a.domain.localeCompare(b.domain) || a.region.localeCompare(b.region));
  // Only a fleet that spans accounts needs to be told which: one account's table stays as it was.
  const showAccount = new Set(rows.map((row) => row.account)).size > 1;
  const cells = rows.map((row) => [
    row.domain,
    ...(showAccount ? [row.account ?? "-"] : []),
    row.region,
    dkimCell(out, row),
    row.dkim?.selector ?? (row.dkim ? "-" : ""),
    ageCell(out, row),
    dueCell(out, row),
    t(reasonMessage(out, row, row.reason)),
  ]);
  const shown = showAccount ? [STATUS_COLUMNS[0], ACCOUNT_COLUMN, ...STATUS_COLUMNS.slice(1)] : STATUS_COLUMNS;
  const columns = shown.map(({ key, ...fit }) => ({ title: t(msg(key)), ...fit }));
  const table = fitTable(columns, cells, width === undefined ? undefined : width - MARK_WIDTH);
  const prose = (text: string, indent = "") => wrapToWidth(text, width, indent);
  const body = rows.flatMap((row, index) => {
    const others = row.reasons.filter((reason) => reason !== row.reason && reason !== "healthy").map((reason) => t(reasonMessage(out, row, reason)));
    const grace = row.grace.map((entry) => t(msg("status.inGrace", { selector: entry.selector, retireAfter: entry.retireAfter ?? "-" })));
    const way = wayOut(row);
    return [
      `${paint[row.verdict](MARK[row.verdict])} ${table.rows[index]!}`,
      ...[...others, ...grace].flatMap((line) => foldKeepingCommands(line, width, "    ").map((folded) => color.dim(folded))),
      ...(way ? foldKeepingCommands(t(way), width, "    ") : []),
    ];
  });
  const hidden =
    table.hidden.length > 0
      ? prose(t(msg("status.columnsHidden", { columns: table.hidden.join(out.lang === "ja" ? "、" : ", ") }))).map((line) => color.dim(line))
      : [];
  const notes = [
    ...(result.historyProblem ? prose(t(msg("status.historyUnreadable", { problem: t(result.historyProblem) }))).map((line) => color.yellow(line)) : []),
    ...metricsLines(out, result, width),
  ];
  const summary = t(msg("status.summary", result.counts));
  const paintSummary = result.counts.action > 0 ? color.red : result.counts.warn > 0 ? color.yellow : color.green;
  return [
    ...prose(t(msg("status.header", { rows: result.rows.length, regions: result.regions.join(", "), checkedAt: result.checkedAt }))).map((line) =>
      color.bold(line),
    ),
    "",
    color.bold(`${" ".repeat(MARK_WIDTH)}${table.header}`),
    ...body,
    ...hidden,
    "",
    ...notes,
    ...prose(summary).map((line) => paintSummary(line)),
    "",
  ].join("\n");
}

function metricsLines(out: Output, result: StatusResult, width: number | undefined): string[] {
  if (result.metrics === null) return [];
  if (result.metrics.published)
    return wrapToWidth(out.t(msg("status.metricsPublished", { data: result.metrics.data, requests: result.metrics.requests })), width, "");
  return wrapToWidth(out.t(msg("status.metricsFailed", { problem: out.t(result.metrics.problem) })), width, "").map((line) => out.color.yellow(line));
}

const said = (out: Output, message: Msg | null | undefined) => (message ? { code: message.key, text: out.t(message) } : null);

/** The one document: every fact behind each verdict (README "status"). */
export function statusJson(out: Output, result: StatusResult): Record<string, unknown> {
  return {
    command: "status",
    ok: result.ok,
    checkedAt: result.checkedAt,
    regions: result.regions,
    counts: result.counts,
    identity: gateJson(out, result.identity),
    historyProblem: said(out, result.historyProblem),
    metrics:
      result.metrics === null
        ? null
        : result.metrics.published
          ? { published: true, namespace: METRICS_NAMESPACE, data: result.metrics.data, requests: result.metrics.requests }
          : { published: false, problem: said(out, result.metrics.problem) },
    rows: result.rows.map((row) => ({
      ...row,
      reasonText: out.t(reasonMessage(out, row, row.reason)),
      wayOut: said(out, wayOut(row)),
      problem: said(out, row.problem),
      key: row.key ? { ...row.key, keyProblem: said(out, row.key.keyProblem) } : null,
    })),
  };
}
