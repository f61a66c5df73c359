import type { CampaignReportResult } from "../commands/report/report.js";
import type { CampaignCall, CampaignReport, CampaignTarget, CampaignWaveReport } from "../commands/report/campaignReport.js";
import { PLAN_ID_PREFIX_LENGTH } from "../campaign/planSummary.js";
import { type MessageKey, type Msg, msg, msgFromBag } from "../messages/msg.js";
import type { Output } from "./output.js";
import { afterInParentheses, labelled } from "./punctuation.js";
import { campaignOutcomeText, contactsSection, noticeLines, said, seconds, table, when } from "./renderReport.js";

const callsText = (out: Output, calls: readonly CampaignCall[]) =>
  calls.length === 0
    ? "-"
    : calls
        .map((call) => {
          const outcome = out.t(msgFromBag(`report.call.${call.outcome}` as MessageKey, {}));
          return labelled(out.lang, call.name, `${outcome}${call.requestId ? afterInParentheses(out.lang, call.requestId) : ""}`);
        })
        .join(" / ");

function summary(out: Output, report: CampaignReport): string[] {
  const { t } = out;
  const ended = report.endedAt ? when(out, report.endedAt) : t(msg("campaignReport.notEnded"));
  const duration = t(msg(report.endedAt ? "report.durationValue" : "report.durationToLast", { seconds: seconds(report.durationMs) }));
  const rows: [MessageKey, string][] = [
    ["campaignReport.planId", report.planId],
    ["campaignReport.change", `byodkim ${report.change}`],
    ["campaignReport.appliedBy", report.by],
    ["report.changeId", report.changeId ?? "-"],
    ["report.runId", report.runId],
    ["report.started", when(out, report.startedAt)],
    ["report.ended", ended],
    ["report.duration", duration],
    ["report.outcome", campaignOutcomeText(out, report.outcome)],
  ];
  return table(
    [t(msg("report.field")), t(msg("report.value"))],
    rows.map(([label, value]) => [t(msgFromBag(label, {})), value]),
  );
}

function planLines(out: Output, report: CampaignReport): string[] {
  const { t } = out;
  const { plan } = report;
  if (!plan) return [t(msg("campaignReport.plan.missing"))];
  return [
    t(msg("campaignReport.plan.plannedBy", { who: plan.plannedBy })),
    t(msg("campaignReport.plan.createdAt", { at: when(out, plan.createdAt) })),
    t(msg("campaignReport.plan.expiresAt", { at: when(out, plan.expiresAt) })),
    ...(plan.waves ? [t(msg("campaignReport.plan.waves", plan.waves))] : []),
    ...(plan.targets === null ? [] : [t(msg("campaignReport.plan.targets", { count: plan.targets }))]),
    ...(plan.url ? [t(msg("campaignReport.plan.url", { url: `\`${plan.url}\`` }))] : []),
  ].map((line) => `- ${line}`);
}

function approvalLines(out: Output, report: CampaignReport): string[] {
  const { t } = out;
  if (report.approvals.length === 0) return [t(msg("campaignReport.noApprovals"))];
  return table(
    [t(msg("campaignReport.approvedBy")), t(msg("campaignReport.approvedAt")), t(msg("campaignReport.approvalNote"))],
    report.approvals.map((approval) => [approval.by, when(out, approval.at), approval.comment || "-"]),
  );
}

function gateLines(out: Output, report: CampaignReport): string[] {
  const { t } = out;
  const lines =
    report.gates.length === 0
      ? [t(msg("report.noGates"))]
      : table(
          [t(msg("report.gate")), t(msg("report.gateResult")), t(msg("campaignReport.gateDetail"))],
          report.gates.map((gate) => [
            t(msgFromBag(`gate.${gate.id}.title` as MessageKey, {})),
            t(msgFromBag(`report.gate.${gate.status}` as MessageKey, {})),
            gate.detail ? t(gate.detail) : "-",
          ]),
        );
  if (report.resumedAfter.length > 0) lines.push("", t(msg("campaignReport.resumed", { count: report.resumedAfter.length })));
  return lines;
}

function endText(out: Output, target: CampaignTarget): string {
  const { t } = out;
  const end = t(msgFromBag(`campaignReport.end.${target.end}` as MessageKey, {}));
  // The command's own outcome says more only when the target failed: "changed" is "completed" already.
  const ended =
    target.end === "failed" && target.outcome
      ? t(msg("campaignReport.endWithOutcome", { end, outcome: t(msgFromBag(`report.outcome.${target.outcome}` as MessageKey, {})) }))
      : end;
  return target.rolledBack ? `${ended}${out.lang === "ja" ? "、" : "; "}${t(msg("campaignReport.rolledBackMark"))}` : ended;
}

function bakeLines(out: Output, wave: CampaignWaveReport, cutHere: boolean): string[] {
  const { t } = out;
  const { bake } = wave;
  // The last wave of a journal cut short did not stop before its bake: the process died before it.
  if (!bake) return [t(msg(cutHere ? "campaignReport.bakeNotStarted" : "campaignReport.noBake"))];
  const watching =
    bake.alarms.length > 0
      ? t(msg("campaignReport.bakeWatching", { minutes: bake.minutes, alarms: bake.alarms.join(out.lang === "ja" ? "、" : ", ") }))
      : t(msg("campaignReport.bakeWatchingDkim", { minutes: bake.minutes }));
  const { broke } = bake;
  const verdict =
    bake.endedAt === null
      ? t(msg("campaignReport.bakeNotEnded"))
      : broke === null
        ? t(msg("campaignReport.bakeHeld", { at: when(out, bake.endedAt) }))
        : broke.kind === "alarm"
          ? t(msg("campaignReport.bakeBrokeAlarm", { at: when(out, bake.endedAt), name: broke.name, state: broke.state, reason: broke.reason ?? "-" }))
          : t(
              msg("campaignReport.bakeBrokeTarget", {
                at: when(out, bake.endedAt),
                domain: broke.domain,
                region: broke.region,
                status: broke.status ?? "-",
                selector: broke.selector ?? "-",
              }),
            );
  return [out.lang === "ja" ? `${watching}${verdict}` : `${watching} ${verdict}`];
}

function waveLines(out: Output, wave: CampaignWaveReport, cutHere: boolean): string[] {
  const { t } = out;
  const ended = new Set(wave.targets.map((target) => `${target.domain} ${target.region}`));
  const notReached = wave.planned.filter((key) => !ended.has(key));
  const targets =
    wave.targets.length === 0
      ? [t(msg("campaignReport.noTargets"))]
      : table(
          ["campaignReport.identity", "campaignReport.region", "campaignReport.ended", "campaignReport.calls", "campaignReport.ownReport"].map((key) =>
            t(msgFromBag(key as MessageKey, {})),
          ),
          wave.targets.map((target) => [
            target.domain,
            target.region,
            endText(out, target),
            callsText(out, target.calls),
            target.reportCommand ? `\`${target.reportCommand}\`` : t(msg("campaignReport.noOwnReport")),
          ]),
        );
  const endedHow =
    wave.ended === "failed" || wave.ended === "interrupted" ? ["", t(msgFromBag(`campaignReport.waveEnded.${wave.ended}` as MessageKey, {}))] : [];
  return [
    t(msg("campaignReport.waveStarted", { at: when(out, wave.startedAt), count: wave.planned.length })),
    "",
    ...targets,
    ...(notReached.length > 0 ? ["", t(msg("campaignReport.notReached", { targets: notReached.join(", ") }))] : []),
    ...endedHow,
    "",
    labelled(out.lang, `**${t(msg("campaignReport.bake"))}**`, bakeLines(out, wave, cutHere).join("")),
  ];
}

function rollbackLines(out: Output, report: CampaignReport): string[] {
  const { t } = out;
  const rolled = report.waves.flatMap((wave) => wave.targets.filter((target) => target.rolledBack).map((target) => ({ wave: wave.number, target })));
  if (rolled.length === 0) return [t(msg("campaignReport.noRollbacks"))];
  return rolled.map(({ wave, target }) => {
    const back = target.rolledBack!;
    const why = t(msgFromBag(`campaignReport.rollbackWhy.${back.why}` as MessageKey, {}));
    const outcome = back.outcome === "error" ? t(msg("report.call.failed")) : t(msgFromBag(`report.outcome.${back.outcome}` as MessageKey, {}));
    const line = msg("campaignReport.rollbackLine", {
      domain: target.domain,
      region: target.region,
      wave,
      at: when(out, back.at),
      why,
      outcome,
      calls: callsText(out, back.calls),
    });
    return `- ${t(line)}`;
  });
}

function noticeSection(out: Output, report: CampaignReport): string[] {
  const { t } = out;
  const noticed = report.waves.flatMap((wave) => wave.targets).filter((target) => target.notices.length > 0);
  if (noticed.length === 0) return [t(msg("campaignReport.noticesNone"))];
  return noticed.flatMap((target, i) => [
    ...(i > 0 ? [""] : []),
    `### ${t(msg("campaignReport.noticesOf", { domain: target.domain, region: target.region }))}`,
    "",
    ...noticeLines(out, target),
  ]);
}

/** Why the campaign halted, in the reader's language when the bake's break is journaled (the halt's own reason is apply's words). */
function haltedWhy(out: Output, report: CampaignReport): string {
  const broke = report.waves.find((wave) => wave.number === report.halted?.wave)?.bake?.broke;
  if (!broke) return report.halted?.why ?? "-";
  return broke.kind === "alarm"
    ? out.t(msg("campaignReport.break.alarm", { name: broke.name, state: broke.state }))
    : out.t(msg("campaignReport.break.target", { domain: broke.domain, region: broke.region, status: broke.status ?? "-" }));
}

/** What the campaign's end means, and the command that goes on from it. */
function outcomeLines(out: Output, report: CampaignReport): string[] {
  const { t } = out;
  const lastWave = report.waves.at(-1)?.number ?? 1;
  const resume = msg("apply.next.resume", { id: report.planId });
  const [said, next]: [Msg | null, Msg] = report.halted
    ? [msg("apply.summary.rolledBack", { wave: report.halted.wave, why: haltedWhy(out, report) }), msg("apply.next.planAgain", { command: report.change })]
    : report.outcome === "completed"
      ? [
          msg("campaignReport.summary.completed", {
            count: report.waves.flatMap((wave) => wave.targets).filter((target) => target.end === "completed").length,
          }),
          msg("campaignReport.next.done"),
        ]
      : report.outcome === "failed"
        ? [msg("campaignReport.summary.failed", { wave: lastWave }), msg("campaignReport.next.failed", { id: report.planId })]
        : report.outcome === "windowClosed"
          ? [msg("campaignReport.summary.windowClosed", { wave: report.paused?.wave ?? lastWave }), resume]
          : report.outcome === "interrupted"
            ? [msg("apply.summary.interrupted", { wave: lastWave }), resume]
            : [null, resume];
  const lines = [`**${campaignOutcomeText(out, report.outcome)}**`];
  if (said) lines.push("", t(said));
  if (report.cutShort)
    lines.push(
      "",
      `**${t(msg("campaignReport.stoppedHere"))}**`,
      "",
      t(msg("campaignReport.stoppedHereValue", { event: report.cutShort.lastEvent, at: when(out, report.cutShort.at) })),
    );
  lines.push("", t(next));
  return lines;
}

/** The campaign report in Markdown, for the change ticket: the plan and who approved it, then each wave as it went. */
export function renderCampaignMarkdown(out: Output, result: CampaignReportResult): string {
  const { t } = out;
  const report = result.campaign;
  const section = (title: string, lines: string[]) => ["", `## ${title}`, "", ...lines];
  const waveTitle = (wave: CampaignWaveReport) => t(msg(wave.kind === "canary" ? "campaignReport.waveCanary" : "campaignReport.wave", { wave: wave.number }));
  return `${[
    `# ${t(msg("campaignReport.title", { change: report.change, prefix: report.planId.slice(0, PLAN_ID_PREFIX_LENGTH), runId: report.runId }))}`,
    "",
    ...summary(out, report),
    ...section(t(msg("report.plan")), planLines(out, report)),
    ...section(t(msg("campaignReport.approvals")), approvalLines(out, report)),
    ...section(t(msg("campaignReport.gates")), gateLines(out, report)),
    ...report.waves.flatMap((wave) => section(waveTitle(wave), waveLines(out, wave, report.cutShort !== null && wave === report.waves.at(-1)))),
    ...section(t(msg("campaignReport.rollbacks")), rollbackLines(out, report)),
    ...section(t(msg("report.notices")), noticeSection(out, report)),
    ...section(t(msg("report.result")), outcomeLines(out, report)),
    ...contactsSection(out),
    ...section(t(msg("report.journal")), [
      `\`${result.run.path}\``,
      ...result.warnings.map((warning) => `- ${t(msg("report.journalWarning", { warning: t(warning) }))}`),
    ]),
  ].join("\n")}\n`;
}

/** The same report for tools: the journal's facts as they are, each sentence with its code. */
export function campaignReportJson(out: Output, result: CampaignReportResult): Record<string, unknown> {
  const report = result.campaign;
  return {
    command: "report",
    kind: "campaign",
    journal: result.run.path,
    campaign: {
      ...report,
      gates: report.gates.map((gate) => ({ ...gate, detail: said(out, gate.detail) })),
      waves: report.waves.map((wave) => ({
        ...wave,
        targets: wave.targets.map((target) => ({
          ...target,
          notices: target.notices.map((notice) => ({ ...notice, reason: said(out, notice.reason) })),
        })),
      })),
    },
    warnings: result.warnings.map((warning) => said(out, warning)),
  };
}
