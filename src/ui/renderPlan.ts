import type { ApproveResult } from "../commands/approve.js";
import type { PlanResult } from "../commands/plan.js";
import { type CampaignPlan, leftOutTargets, type PlanDnsZone, type PlanGateReason, readyTargets } from "../campaign/planDocument.js";
import { dkimHandoff } from "../dkim/handoff.js";
import type { MessageKey } from "../messages/msg.js";
import { type Msg, msg } from "../messages/msg.js";
import { foldKeepingCommands, wrapToWidth } from "./fitTable.js";
import { MARKS } from "./marks.js";
import { type Output, terminalWidth } from "./output.js";
import { gateJson, renderGateRows } from "./renderPrecheck.js";

type Planned = Extract<PlanResult, { readonly stored: unknown }>;
const isPlanned = (result: PlanResult): result is Planned => "stored" in result;

/** A reason the plan keeps as a code is a catalogue key with its params: shown in the operator's language. */
export const reasonText = (out: Output, reason: PlanGateReason): string => out.t({ key: reason.code as MessageKey, params: reason.params ?? {} } as Msg);

/** Each zone's records as one zone-file snippet and one Route 53 change batch, as keygen hands one record over. */
export function zoneHandoff(zone: PlanDnsZone): { zoneFile: string; route53ChangeBatch: Record<string, unknown> } {
  const handoffs = zone.records.map((record) => dkimHandoff(record.name, record.value, record.ttl));
  return {
    zoneFile: `${handoffs.map((handoff) => handoff.bindLine).join("\n")}\n`,
    route53ChangeBatch: {
      Comment: `DKIM key records for ${zone.zone}`,
      Changes: handoffs.flatMap((handoff) => (handoff.route53ChangeBatch["Changes"] as unknown[]) ?? []),
    },
  };
}

export function renderPlanText(out: Output, result: PlanResult, width: number | undefined = terminalWidth(out)): string {
  const { color, t } = out;
  if (!isPlanned(result)) {
    if (result.outcome === "identityFailed") return [...renderGateRows(out, [result.identity]), ""].join("\n");
    return `${color.yellow(t(result.problem ?? msg("plan.noTargets")))}\n`;
  }
  const prose = (text: string, indent = "") => wrapToWidth(text, width, indent);
  const { plan, summary } = result;
  const leftOut = leftOutTargets(plan);
  const lines = [
    ...summary.lines.slice(0, 1).flatMap((line) => prose(color.bold(t(line)))),
    ...summary.lines.slice(1).flatMap((line) => foldKeepingCommands(t(line), width, "  ")),
    ...(leftOut.length === 0
      ? []
      : [
          "",
          color.yellow(t(msg("plan.leftOutHead", { count: leftOut.length }))),
          ...leftOut.flatMap((target) => [
            `${color.red(MARKS.failed)} ${target.domain} ${color.dim(target.region)}`,
            ...target.reasons.flatMap((reason) => prose(reasonText(out, reason), "    ")),
          ]),
        ]),
    ...dnsLines(out, plan),
    "",
    ...prose(t(msg(result.stored.written ? "plan.stored" : "plan.storedAlready", { url: result.stored.url }))),
    ...(result.file ? prose(t(msg("plan.writtenTo", { path: result.file }))) : []),
    `${t(msg("plan.id"))} ${color.bold(result.id)}`,
    ...(result.outcome === "planned" ? foldKeepingCommands(t(result.next), width, "  ") : prose(color.red(t(msg("plan.nothingReady"))))),
    "",
  ];
  return lines.join("\n");
}

function dnsLines(out: Output, plan: CampaignPlan): string[] {
  if (plan.dnsRecords.length === 0) return [];
  return [
    "",
    out.color.yellow(out.t(msg("plan.dnsHead"))),
    ...plan.dnsRecords.flatMap((zone) => [
      `  ${out.t(msg("plan.dnsZone", { zone: zone.zone }))}`,
      ...zoneHandoff(zone)
        .zoneFile.trimEnd()
        .split("\n")
        .map((line) => `    ${line}`),
    ]),
  ];
}

export function planJson(out: Output, result: PlanResult): Record<string, unknown> {
  if (!isPlanned(result)) {
    return {
      command: "plan",
      outcome: result.outcome,
      ok: false,
      identity: gateJson(out, result.identity),
      problem: result.problem ? out.t(result.problem) : null,
    };
  }
  return {
    command: "plan",
    outcome: result.outcome,
    ok: result.ok,
    id: result.id,
    url: result.stored.url,
    written: result.stored.written,
    file: result.file,
    ready: result.summary.ready,
    leftOut: result.summary.leftOut,
    summary: result.summary.lines.map((line) => out.t(line)),
    next: result.outcome === "planned" ? out.t(result.next) : null,
    plan: result.plan,
  };
}

/** The ticket's text: what, where, who and until when, each wave's targets, what was left out and the DNS work, in Markdown. */
export function renderPlanMarkdown(out: Output, result: Planned): string {
  const { t } = out;
  const { plan } = result;
  const cell = (text: string) => text.replace(/\|/g, "\\|").replace(/\n/g, " ");
  const ready = readyTargets(plan);
  const leftOut = leftOutTargets(plan);
  const callsOf = (target: (typeof ready)[number]) =>
    target.calls
      .filter((call) => call.needed)
      .map((call) => call.name)
      .join(", ") || "-";
  const sections = [
    `# ${t(msg("plan.md.title", { command: plan.command, idPrefix: result.id.slice(0, 8) }))}`,
    "",
    ...result.summary.lines.map((line) => `- ${t(line)}`),
    "",
    `${t(msg("plan.id"))} \`${result.id}\``,
    "",
    `## ${t(msg("plan.md.targets"))}`,
    "",
    `| ${t(msg("plan.md.wave"))} | ${t(msg("plan.md.identity"))} | ${t(msg("plan.md.region"))} | ${t(msg("plan.md.selector"))} | ${t(msg("plan.md.calls"))} | ${t(msg("plan.md.restores"))} |`,
    "|---|---|---|---|---|---|",
    ...ready.map(
      (target) =>
        `| ${target.wave} | ${cell(target.domain)} | ${target.region} | ${target.selector ?? "-"} | ${callsOf(target)} | ${target.restores.origin ?? "-"} ${target.restores.selector ?? ""} |`,
    ),
    ...(leftOut.length === 0
      ? []
      : [
          "",
          `## ${t(msg("plan.leftOutHead", { count: leftOut.length }))}`,
          "",
          ...leftOut.map((target) => `- ${target.domain} (${target.region}): ${target.reasons.map((reason) => cell(reasonText(out, reason))).join("; ")}`),
        ]),
    ...(plan.dnsRecords.length === 0
      ? []
      : [
          "",
          `## ${t(msg("plan.dnsHead"))}`,
          ...plan.dnsRecords.flatMap((zone) => {
            const handoff = zoneHandoff(zone);
            return [
              "",
              `### ${zone.zone}`,
              "",
              "```",
              handoff.zoneFile.trimEnd(),
              "```",
              "",
              "```json",
              JSON.stringify(handoff.route53ChangeBatch, null, 2),
              "```",
            ];
          }),
        ]),
    "",
  ];
  return sections.join("\n");
}

export function renderApproveText(out: Output, result: ApproveResult, width: number | undefined = terminalWidth(out)): string {
  const { color, t } = out;
  const prose = (text: string) => wrapToWidth(text, width, "");
  const gates =
    result.outcome === "approved"
      ? []
      : renderGateRows(
          out,
          result.gates.filter((gate) => gate.status !== "pass"),
          width,
        );
  const head =
    result.outcome === "approved"
      ? color.green(`${MARKS.done} ${t(msg("approve.approved", { id: result.id, who: result.approval?.by ?? "-" }))}`)
      : result.outcome === "declined"
        ? color.yellow(t(result.declined ?? msg("approve.refused")))
        : color.red(`${MARKS.failed} ${t(msg("approve.refused"))}`);
  return [
    ...gates,
    ...prose(head),
    ...(result.approval ? prose(t(msg("approve.stored", { url: result.approval.url }))) : []),
    ...(result.outcome === "approved" ? prose(t(msg("approve.count", result.approvals))) : []),
    ...(result.next ? foldKeepingCommands(t(result.next), width, "  ") : []),
    "",
  ].join("\n");
}

export function approveJson(out: Output, result: ApproveResult): Record<string, unknown> {
  return {
    command: "approve",
    outcome: result.outcome,
    ok: result.ok,
    id: result.id,
    gates: result.gates.map((gate) => gateJson(out, gate)),
    approval: result.approval,
    approvals: result.approvals,
    summary: result.summary.lines.map((line) => out.t(line)),
    next: result.next ? out.t(result.next) : null,
  };
}
