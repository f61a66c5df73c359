import { describeUnsignedWindow } from "./describeProbeWindow.js";
import type { ReportResult, RunList } from "../commands/report/report.js";
import type { JournaledGate, ReportedCall, RunReport } from "../commands/report/runReport.js";
import { type MessageKey, type Msg, msg, msgFromBag } from "../messages/msg.js";
import { createTranslator } from "../messages/catalogue.js";
import { CONTACT_ROLES } from "../config/contacts.js";
import { describeDkim } from "./describeDkim.js";
import { evidenceLines } from "./gateEvidence.js";
import { padToWidth, displayWidth } from "./displayWidth.js";
import type { Output } from "./output.js";
import { afterInParentheses, labelled } from "./punctuation.js";
import { intentText } from "./renderChange.js";
import { renderWalkListLines, walkListJson } from "./renderRunbook.js";

/** A table cell: a `|` in a value (a reason an SDK wrote) would end the cell early. */
export const cell = (value: string) => value.replace(/\|/g, "\\|").replace(/\n/g, " ");
export const table = (header: readonly string[], rows: readonly (readonly string[])[]) => [
  `| ${header.map(cell).join(" | ")} |`,
  `| ${header.map(() => "---").join(" | ")} |`,
  ...rows.map((row) => `| ${row.map(cell).join(" | ")} |`),
];
export const seconds = (ms: number) => (ms / 1000).toFixed(1);
/** A run's steps are seconds apart: the report shows its times to the second, in the reader's zone. */
export const when = (out: Output, at: string) => out.time(at, { seconds: true });
const outcomeText = (out: Output, report: Pick<RunReport, "outcome">) =>
  out.t(msgFromBag(report.outcome === null ? "report.outcome.cutShort" : (`report.outcome.${report.outcome}` as MessageKey), {}));

/** A campaign's outcome in words; a journal without its end says so as a cut-short run does. */
export const campaignOutcomeText = (out: Output, outcome: string | null) =>
  out.t(msgFromBag(outcome === null ? "report.outcome.cutShort" : (`campaignReport.outcome.${outcome}` as MessageKey), {}));

function gateTable(out: Output, gates: readonly JournaledGate[]): string[] {
  const { t } = out;
  if (gates.length === 0) return [t(msg("report.noGates"))];
  return table(
    [t(msg("report.gate")), t(msg("report.gateResult")), t(msg("report.gateCode")), t(msg("report.gateEvidence"))],
    gates.map((gate) => [
      t(msgFromBag(`gate.${gate.id}.title` as MessageKey, {})),
      t(msgFromBag(`report.gate.${gate.status}` as MessageKey, {})),
      `\`${gate.code}\``,
      // One cell a gate, readable in any ticket system's Markdown: the lines joined, not broken with HTML.
      evidenceLines(out, gate).join(" / ") || "-",
    ]),
  );
}

function summary(out: Output, report: RunReport): string[] {
  const { t } = out;
  const ended = report.endedAt ? when(out, report.endedAt) : t(msg("report.notEnded"));
  const duration = t(msg(report.endedAt ? "report.durationValue" : "report.durationToLast", { seconds: seconds(report.durationMs) }));
  const outcome =
    report.outcome === null
      ? t(msg("report.outcomeCutShort"))
      : t(msg("report.outcomeValue", { outcome: outcomeText(out, report), exitCode: report.exitCode ?? "-" }));
  const rows: [MessageKey, string][] = [
    ["report.command", `byodkim ${report.command}`],
    ["report.domain", report.domain],
    ["report.runId", report.runId],
    ["report.changeId", report.changeId ?? "-"],
    ["report.operator", report.operator],
    ["report.host", report.host],
    ["report.account", report.account],
    ["report.region", report.region],
    ["report.started", when(out, report.startedAt)],
    ["report.ended", ended],
    ["report.duration", duration],
    ["report.outcome", outcome],
  ];
  return table(
    [t(msg("report.field")), t(msg("report.value"))],
    rows.map(([label, value]) => [t(msgFromBag(label, {})), value]),
  );
}

function planLines(out: Output, report: RunReport): string[] {
  const { t } = out;
  const { plan } = report;
  if (!plan) return [t(msg("report.noPlan"))];
  const calls = plan.calls.map((call, i) => {
    const line = `${i + 1}. ${call.name}${afterInParentheses(out.lang, t(intentText(call.intent)))}`;
    return `   ${call.needed ? line : t(msg("report.planNoChange", { line }))}`;
  });
  return [
    `**${t(plan.title)}**`,
    "",
    `- ${labelled(out.lang, t(msg("report.planBefore")), describeDkim(out, plan.current))}`,
    ...plan.rows.flatMap((row) => [
      `- ${labelled(out.lang, t(row.label), row.dkim === undefined ? t(row.value) : `${t(row.value)} ${describeDkim(out, row.dkim)}`)}`,
      ...(row.more ?? []).map((line) => `${"  ".repeat(line.depth + 1)}- ${t(line.text)}`),
    ]),
    `- ${t(msg("report.planCalls"))}${out.lang === "ja" ? "：" : ":"}`,
    ...calls,
  ];
}

function confirmationLines(out: Output, report: RunReport): string[] {
  const { t } = out;
  const { confirmation } = report;
  if (confirmation) {
    const key =
      confirmation.by === "--yes" ? "report.confirmedBy.yes" : confirmation.by === "typed domain" ? "report.confirmedBy.typed" : "report.confirmedBy.answered";
    return [t(msg(key, { at: confirmation.at }))];
  }
  return [t(msg(report.outcome === "declined" ? "report.notConfirmed" : "report.confirmationNotReached"))];
}

const callRow = (out: Output, call: ReportedCall, i: number) => [
  String(i + 1),
  call.service,
  call.name,
  out.t(msgFromBag(`report.call.${call.outcome}` as MessageKey, {})),
  call.requestId ?? "-",
  when(out, call.startedAt),
  call.ms === null ? "-" : out.t(msg("report.durationValue", { seconds: seconds(call.ms) })),
];

function callLines(out: Output, report: RunReport): string[] {
  const { t } = out;
  const lines: string[] = [];
  if (report.snapshot) {
    const key = report.snapshot.restorable ? "report.snapshot.restorable" : "report.snapshot.journal";
    lines.push(t(msg(key, { dkim: describeDkim(out, report.snapshot.snapshot) })), "");
  }
  if (report.calls.length === 0) lines.push(t(msg("report.noCalls")));
  else
    lines.push(
      ...table(
        ["report.callNumber", "report.callService", "report.callName", "report.callOutcome", "report.callRequestId", "report.callAt", "report.callTook"].map(
          (key) => t(msgFromBag(key as MessageKey, {})),
        ),
        report.calls.map((call, i) => callRow(out, call, i)),
      ),
    );
  const failures = report.calls.filter((call) => call.error);
  if (failures.length > 0) lines.push("", ...failures.map((call) => `- ${t(msg("report.callError", { call: call.name, error: t(call.error!) }))}`));
  if (report.throttledRetries > 0) lines.push("", t(msg("report.throttled", { count: report.throttledRetries })));
  return lines;
}

function waitLines(out: Output, report: RunReport): string[] {
  const { t } = out;
  const lines: string[] = [];
  if (report.wait) {
    const { result, verificationError } = report.wait;
    const resultText = t(msgFromBag(`report.wait.${result}` as MessageKey, { error: verificationError ?? "-" }));
    lines.push(t(msg("report.waitValue", { seconds: report.wait.pendingMs === null ? "-" : seconds(report.wait.pendingMs), result: resultText })));
  } else lines.push(t(msg("report.noWait")));
  if (report.sesAfter) lines.push("", t(msg("report.sesAfter", { dkim: describeDkim(out, report.sesAfter) })));
  if (report.unsignedWindow)
    lines.push("", `**${t(msg("probe.window.title"))}**`, "", ...describeUnsignedWindow(report.unsignedWindow, report.domain).map((line) => `- ${t(line)}`));
  return lines;
}

function stateLines(out: Output, report: RunReport): string[] {
  const { t } = out;
  const { state } = report;
  if (report.changedByAnotherRun) return [t(msg("report.changedByAnotherRun", { reason: t(report.changedByAnotherRun) }))];
  if (state?.kind === "recorded")
    return [t(msg("report.stateRecorded", { at: state.at, versionId: state.versionId ?? "-", requestId: state.requestId ?? "-" }))];
  if (state?.kind === "notRecorded") return [t(msg("report.stateNotRecorded", { at: state.at, reason: state.reason ? t(state.reason) : "-" }))];
  return [t(msg("report.stateNotReached"))];
}

function outcomeLines(out: Output, report: RunReport): string[] {
  const { t } = out;
  const lines: string[] = [];
  if (report.outcome !== null) lines.push(`**${t(msg("report.outcomeValue", { outcome: outcomeText(out, report), exitCode: report.exitCode ?? "-" }))}**`);
  if (report.sesChange) lines.push("", t(msg("report.sesChange", { change: t(msgFromBag(`report.sesChange.${report.sesChange}` as MessageKey, {})) })));
  if (report.abandoned) lines.push("", t(msg("report.abandoned", { signal: report.abandoned.signal, call: report.abandoned.inFlight ?? "-" })));
  if (report.cutShort)
    lines.push(`**${t(msg("report.stoppedHere"))}**`, "", t(msg("report.stoppedHereValue", { event: report.cutShort.lastEvent, at: report.cutShort.at })));
  if (report.rollbackCommand)
    lines.push("", t(msg(report.command === "rollback" ? "report.finishRollback" : "report.rollback", { command: report.rollbackCommand })));
  if (report.dnsRecordsNeeded.length > 0) lines.push("", t(msg("report.dnsRecords")), "", ...report.dnsRecordsNeeded.map((record) => `    ${record}`));
  return lines;
}

export function noticeLines(out: Output, report: Pick<RunReport, "notices">): string[] {
  const { t } = out;
  if (report.notices.length === 0) return [t(msg("report.noNotices"))];
  return table(
    [t(msg("report.callAt")), t(msg("report.noticeEvent")), t(msg("report.noticeTarget")), t(msg("report.noticeResult"))],
    report.notices.map((notice) => [
      when(out, notice.at),
      notice.event,
      notice.target,
      notice.sent ? t(msg("report.noticeSent", { ms: notice.ms ?? "-" })) : t(msg("report.noticeFailed", { reason: notice.reason ? t(notice.reason) : "-" })),
    ]),
  );
}

/** Who is involved (config contacts:), for whoever picks up the ticket; no section when the config names nobody. */
export function contactsSection(out: Output): string[] {
  const { t } = out;
  const contacts = [...out.contacts()].sort((a, b) => CONTACT_ROLES.indexOf(a.role) - CONTACT_ROLES.indexOf(b.role));
  if (contacts.length === 0) return [];
  return [
    "",
    `## ${t(msg("contacts.label"))}`,
    "",
    ...table(
      [t(msg("contacts.role")), t(msg("contacts.name")), t(msg("contacts.address"))],
      contacts.map((contact) => [t(msg(`contacts.role.${contact.role}`)), contact.name, contact.address]),
    ),
  ];
}

/** The change report in Markdown, for the change ticket: every section in the order the run went. */
export function renderReportMarkdown(out: Output, result: ReportResult): string {
  const { t } = out;
  const { report } = result;
  const section = (title: MessageKey, lines: string[]) => ["", `## ${t(msgFromBag(title, {}))}`, "", ...lines];
  const recheck =
    report.recheck?.kind === "rechecked"
      ? ["", t(msg("report.rechecked")), "", ...gateTable(out, report.recheck.gates)]
      : report.recheck?.kind === "skipped"
        ? ["", t(msg("report.recheckSkipped", { seconds: seconds(report.recheck.checkAgeMs) }))]
        : [];
  // A dry run stopped at its plan: no confirmation, calls, wait, record or notices to report, and it says so first.
  const ran = !report.dryRun;
  return `${[
    `# ${t(msg("report.title", { command: report.command, domain: report.domain, runId: report.runId }))}`,
    "",
    ...(report.dryRun ? [`**${t(msg("report.dryRunBanner"))}**`, ""] : []),
    ...summary(out, report),
    ...section("report.gates", [...gateTable(out, report.gates), ...recheck]),
    ...section("report.plan", planLines(out, report)),
    ...(ran ? section("report.confirmation", confirmationLines(out, report)) : []),
    ...(ran ? section("report.calls", callLines(out, report)) : []),
    ...(ran ? section("report.wait", waitLines(out, report)) : []),
    ...(ran ? section("report.state", stateLines(out, report)) : []),
    ...section("report.result", outcomeLines(out, report)),
    ...(ran ? section("report.notices", noticeLines(out, report)) : []),
    ...contactsSection(out),
    ...section("report.journal", [
      `\`${result.run.path}\``,
      ...result.warnings.map((warning) => `- ${t(msg("report.journalWarning", { warning: t(warning) }))}`),
    ]),
  ].join("\n")}\n`;
}

/** Sentences in a JSON document keep their times UTC ISO, as the document's own fields do. */
export const said = (out: Output, message: Msg | null) => (message ? { code: message.key, message: createTranslator(out.lang)(message) } : null);

/** The same report for tools: the journal's facts as they are, each sentence with its code. */
export function reportJson(out: Output, result: ReportResult): Record<string, unknown> {
  const { report } = result;
  return {
    command: "report",
    journal: result.run.path,
    report: {
      ...report,
      calls: report.calls.map((call) => ({ ...call, error: said(out, call.error) })),
      state: report.state?.kind === "notRecorded" ? { ...report.state, reason: said(out, report.state.reason) } : report.state,
      changedByAnotherRun: said(out, report.changedByAnotherRun),
      notices: report.notices.map((notice) => ({ ...notice, reason: said(out, notice.reason) })),
    },
    warnings: result.warnings.map((warning) => said(out, warning)),
  };
}

/** `report --list`: one line a run, newest first. */
export function renderRunListText(out: Output, list: RunList): string {
  const { t } = out;
  const walks = renderWalkListLines(out, list.walks);
  if (list.runs.length === 0 && walks.length === 0) return `${t(msg("report.list.empty", { directory: list.directory }))}\n`;
  const rows = [
    [t(msg("report.list.time")), t(msg("report.command")), t(msg("report.domain")), t(msg("report.runId")), t(msg("report.outcome"))],
    ...list.runs.map((run) => [
      when(out, run.startedAt),
      run.command,
      run.domain,
      run.runId,
      run.campaign ? campaignOutcomeText(out, run.outcome) : outcomeText(out, run as Pick<RunReport, "outcome">),
    ]),
  ];
  const widths = rows[0]!.map((_, column) => Math.max(...rows.map((row) => displayWidth(row[column]!))));
  const lines = rows.map((row) => row.map((value, column) => (column === row.length - 1 ? value : padToWidth(value, widths[column]!))).join("  "));
  const warnings = list.warnings.map((warning) => t(msg("report.journalWarning", { warning: t(warning) })));
  return `${[t(msg("report.list.title", { directory: list.directory })), ...(list.runs.length > 0 ? lines : []), ...walks, ...warnings].join("\n")}\n`;
}

export function runListJson(out: Output, list: RunList): Record<string, unknown> {
  return {
    command: "report --list",
    directory: list.directory,
    runs: list.runs.map((run) => ({ ...run, journal: run.path, path: undefined })),
    walks: walkListJson(list.walks),
    warnings: list.warnings.map((warning) => said(out, warning)),
  };
}
