import type { ApplyResult } from "../commands/apply.js";
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
    // The left-out targets follow with their reasons in full, not as the approver's one line each.
    ...summary.lines
      .slice(1)
      .filter((line) => !line.key.startsWith("campaign.summary.leftOut"))
      .flatMap((line) => foldKeepingCommands(t(line), width, "  ")),
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

export function renderApplyText(out: Output, result: ApplyResult, width: number | undefined = terminalWidth(out)): string {
  const { color, t } = out;
  const prose = (text: string) => wrapToWidth(text, width, "");
  // The checklist was shown as the gates answered; only an identity that failed before it is shown here.
  const failedGates = result.outcome === "identityFailed" ? result.gates : [];
  const paint = result.ok ? color.green : result.outcome === "declined" || result.outcome === "windowClosed" ? color.yellow : color.red;
  const mark = result.ok ? MARKS.done : result.outcome === "declined" || result.outcome === "windowClosed" ? MARKS.warning : MARKS.failed;
  const waves = result.waves.flatMap((wave) => {
    const count = (ends: readonly string[]) => wave.targets.filter((target) => ends.includes(target.end)).length;
    const rolled = wave.targets.filter((target) => target.rolledBack !== null).length;
    return prose(
      t(
        msg("apply.waveLine", {
          wave: wave.number,
          done: count(["completed", "upToDate", "doneEarlier"]),
          failed: count(["failed"]),
          skipped: count(["superseded", "notStarted"]),
          rolledBack: rolled,
          bake: wave.bake === null ? "-" : wave.bake.broke ? t(msg("apply.bakeBroke")) : t(msg("apply.bakeHeld", { minutes: wave.bake.minutes })),
        }),
      ),
    ).map((line) => `  ${line}`);
  });
  return [
    ...(failedGates.length > 0 ? [...renderGateRows(out, failedGates, width), ""] : []),
    ...prose(paint(`${mark} ${t(result.summary)}`)),
    ...waves,
    ...(result.journalPath ? prose(color.dim(t(msg("apply.journal", { path: result.journalPath })))) : []),
    ...(result.next ? foldKeepingCommands(t(result.next), width, "  ") : []),
    "",
  ].join("\n");
}

export function applyJson(out: Output, result: ApplyResult): Record<string, unknown> {
  return {
    command: "apply",
    outcome: result.outcome,
    ok: result.ok,
    id: result.id,
    change: result.plan.command,
    gates: result.gates.map((gate) => gateJson(out, gate)),
    summary: out.t(result.summary),
    waves: result.waves.map((wave) => ({
      number: wave.number,
      kind: wave.kind,
      bake: wave.bake,
      targets: wave.targets.map((target) => ({
        domain: target.domain,
        region: target.region,
        selector: target.selector,
        end: target.end,
        outcome: target.outcome,
        summary: target.summary ? out.t(target.summary) : null,
        calls: target.calls,
        journal: target.journalPath,
        rolledBack: target.rolledBack,
      })),
    })),
    journal: result.journalPath,
    next: result.next ? out.t(result.next) : null,
  };
}
