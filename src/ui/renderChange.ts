import { checkProbes } from "../gates/probeGate.js";
import type { ProbeTargetResult } from "../gates/probeVerdict.js";
import { describeUnsignedWindow } from "./describeProbeWindow.js";
import type { ChangePlan, ChangeResult } from "../engine/change/changeTypes.js";
import { type CallIntent, isObjectIntent, type ObjectIntent } from "../engine/change/dkimSettings.js";
import { type Msg, msg } from "../messages/msg.js";
import { type ContactRole, contactLine, contactRoleForError } from "../config/contacts.js";
import { describeDkim } from "./describeDkim.js";
import { displayWidth, padToWidth } from "./displayWidth.js";
import { type Output, terminalWidth } from "./output.js";
import { foldKeepingCommands } from "./fitTable.js";
import { afterInParentheses, labelled } from "./punctuation.js";
import { gateReportJson, renderGateRows } from "./renderPrecheck.js";

export const intentText = (intent: CallIntent | ObjectIntent): Msg => {
  switch (intent.kind) {
    case "writeKeyObject":
      return msg("change.intent.writeKey", { location: intent.location });
    case "tagKeyObject":
      return msg("change.intent.tagKey", { location: intent.location, status: intent.status });
    case "deleteKeyObject":
      return msg("change.intent.deleteKey", { location: intent.location });
    case "signWithExternalKey":
      return msg("change.intent.external", { selector: intent.selector });
    case "signWithEasyDkim":
      return msg("change.intent.easy");
    case "setSigning":
      return msg("change.intent.signing", { enabled: String(intent.enabled) });
  }
};

/** The plan before the question: where, SES now, the command's own rows, then every call and whether it is needed. */
export function renderPlan(out: Output, plan: ChangePlan): string {
  const { t, color } = out;
  const calls = plan.calls.map((call, i) => {
    const line = `${i + 1}. ${call.name}${afterInParentheses(out.lang, t(intentText(call.intent)))}`;
    return call.needed
      ? line
      : painted(labelled(out.lang, line, t(msg(isObjectIntent(call.intent) ? "change.plan.objects.noChange" : "change.plan.noChange"))), color.dim);
  });
  const rows: [string, PlanValue[]][] = [
    [t(msg("change.plan.where")), [t(msg("change.plan.whereValue", { account: plan.account, arn: plan.callerArn, region: plan.region }))]],
    [t(msg("change.plan.now")), [describeDkim(out, plan.current)]],
    ...plan.rows.map((row): [string, PlanValue[]] => [
      t(row.label),
      [
        row.dkim === undefined ? t(row.value) : `${t(row.value)} ${describeDkim(out, row.dkim)}`,
        ...(row.more ?? []).map((line) => `${"  ".repeat(line.depth)}${t(line.text)}`),
      ],
    ]),
    [t(msg("change.plan.calls")), calls],
  ];
  const onObjects = plan.calls.length > 0 && plan.calls.every((call) => isObjectIntent(call.intent));
  const recordKey = plan.recordOnly
    ? onObjects
      ? "change.plan.objects.recordOnly"
      : plan.earlierJournal
        ? "change.plan.recordOnlyEarlier"
        : "change.plan.recordOnly"
    : plan.earlierJournal
      ? plan.earlierCallsDone
        ? "change.plan.recordsEarlier"
        : "change.plan.completesEarlier"
      : null;
  if (recordKey) rows.push([t(msg("change.plan.record")), [painted(t(msg(recordKey, { journal: plan.earlierJournal ?? "-" })), color.cyan)]]);
  const width = Math.max(...rows.map(([label]) => displayWidth(label)));
  const terminal = terminalWidth(out);
  // On a terminal a long value folds under itself, past the labels, and a printed command keeps a line of its own.
  const folded = (value: PlanValue): string[] => {
    const { text, paint } = typeof value === "string" ? { text: value, paint: (line: string) => line } : value;
    const nested = /^ */.exec(text)![0];
    const indent = " ".repeat(width + 4) + nested;
    return foldKeepingCommands(text.slice(nested.length), terminal, indent).map((line) => paint(line.slice(width + 4)));
  };
  return [
    color.bold(t(plan.title)),
    ...rows.flatMap(([label, values]) => values.flatMap(folded).map((value, i) => `  ${color.bold(padToWidth(i === 0 ? label : "", width))}  ${value}`)),
    "",
  ].join("\n");
}

/** A plan value painted after it is folded, so no colour code is counted as width or cut in two. */
type PlanValue = string | { readonly text: string; readonly paint: (line: string) => string };
const painted = (text: string, paint: (line: string) => string): PlanValue => ({ text, paint });

const callLine = (out: Output, call: ChangeResult["calls"][number]) =>
  out.t(msg(call.reachedAfter ? REACHED_AFTER[call.reachedAfter] : `change.call.${call.outcome}`, { call: call.name, requestId: call.requestId ?? "-" }));

const REACHED_AFTER = { lostAnswer: "change.call.answerLost", error: "change.call.failedButReached" } as const;

/**
 * Who to reach after a change that needs another team (config contacts:): the AWS account's
 * administrators for an access AWS refused, the DNS team while records are still needed, the
 * emergency contact when a change stopped part-way. Nothing when the config names nobody.
 */
function changeContacts(out: Output, result: ChangeResult): Msg[] {
  const config = { contacts: out.contacts() };
  const errorRole = result.error ? contactRoleForError(result.error.kind, result.error.what.key) : undefined;
  const roles: ContactRole[] = [
    ...(errorRole && errorRole !== "dns" ? [errorRole] : []),
    ...(result.dnsRecordsNeeded.length > 0 || errorRole === "dns" ? (["dns"] as const) : []),
    ...(!result.ok && result.rollbackCommand ? (["emergency"] as const) : []),
  ];
  return roles.flatMap((role) => contactLine(role, config) ?? []);
}

export function renderChangeText(out: Output, result: ChangeResult): string {
  const { t, color } = out;
  const showGates = result.outcome === "gatesFailed" || result.outcome === "recheckFailed";
  const started = result.calls.length > 0 || result.sesChange !== null;
  const paint = result.ok ? color.green : color.red;
  const width = terminalWidth(out);
  // On a terminal each line folds under itself (two more spaces in), and a printed command keeps a line of its own.
  const folded = (text: string, indent: string, paintLine: (line: string) => string = (line) => line): string[] =>
    width === undefined || displayWidth(indent + text) <= width
      ? [paintLine(indent + text)]
      : foldKeepingCommands(text, width, `${indent}  `).map((line, i) => paintLine(i === 0 ? `${indent}${line.slice(indent.length + 2)}` : line));
  const lines = [
    ...(showGates ? [...renderGateRows(out, result.gates), ""] : []),
    ...folded(t(result.summary), "", paint),
    ...(result.error
      ? [
          ...folded(t(result.error.what), "  "),
          ...(result.error.hint ? folded(t(result.error.hint), "  ", color.dim) : []),
          ...(out.verbose && result.error.detail ? [color.dim(`  ${t(msg("aws.sdkSaid", { message: result.error.detail }))}`)] : []),
        ]
      : []),
    ...result.calls.flatMap((call) => folded(callLine(out, call), "  ", color.dim)),
    ...(started ? folded(labelled(out.lang, t(msg("change.sesNow")), describeDkim(out, result.sesNow)), "  ") : []),
    ...(result.elapsedMs !== null && result.calls.some((call) => call.outcome !== "skipped")
      ? [`  ${t(msg("change.elapsed", { seconds: (result.elapsedMs / 1000).toFixed(1) }))}`]
      : []),
    ...(result.probes ? probeLines(out, result.probes, result) : []),
    ...(result.probeWindow
      ? [
          color.bold(`  ${t(msg("probe.window.title"))}`),
          ...describeUnsignedWindow(result.probeWindow, result.domain).flatMap((line) => folded(t(line), "    ")),
        ]
      : []),
    ...result.warnings.flatMap((warning) => folded(`! ${t(warning)}`, "  ", color.yellow)),
    ...(result.dnsPublication ? folded(t(publicationLine(result.dnsPublication)), "  ", result.dnsPublication.answering ? color.green : color.yellow) : []),
    ...(result.dnsRecordsNeeded.length > 0
      ? [color.bold(`  ${t(msg("change.dnsRecords"))}`), ...result.dnsRecordsNeeded.map((record) => `    ${record}`)]
      : []),
    // A rollback left part-way is finished, not undone, by running it again.
    ...(result.rollbackCommand
      ? folded(t(msg(result.command === "rollback" ? "change.finishRollbackHint" : "change.undoHint", { command: result.rollbackCommand })), "  ", color.bold)
      : []),
    ...(result.finishCommand ? folded(t(msg("change.finishHint", { command: result.finishCommand })), "  ") : []),
    ...changeContacts(out, result).flatMap((line) => folded(t(line), "  ", color.cyan)),
    ...(result.next ? folded(t(result.next), "") : []),
    ...(result.journalPath ? [color.dim(`  ${t(msg("change.journal", { path: result.journalPath }))}`)] : []),
    "",
  ];
  return lines.join("\n");
}

/** What byodkim published in DNS itself, and whether every authoritative nameserver answers it. */
function publicationLine(publication: NonNullable<ChangeResult["dnsPublication"]>): Msg {
  const params = { names: publication.names.join(", "), target: publication.target, changeId: publication.changeId };
  return msg(publication.answering ? "dnsPublish.answering" : "dnsPublish.notYetAnswering", params);
}

/** `--probe`: what every target's probe said once SES said SUCCESS, as verify --probe says it. */
function probeLines(out: Output, probes: readonly ProbeTargetResult[], result: ChangeResult): string[] {
  const gate = checkProbes(probes, result.domain, result.selector ?? undefined);
  const paint = gate.status === "pass" ? out.color.green : out.color.red;
  return [paint(`  ${labelled(out.lang, out.t(msg("gate.probe.title")), out.t(gate.detail))}`), ...(gate.lines ?? []).map((line) => `    ${out.t(line)}`)];
}

/** The `--json` document of every mutating command; its shape is documented in the README and kept stable. */
export function changeJson(out: Output, result: ChangeResult): Record<string, unknown> {
  const plan = result.plan;
  return {
    ...gateReportJson(out, result),
    outcome: result.outcome,
    summary: out.t(result.summary),
    plan: plan && {
      command: plan.command,
      domain: plan.domain,
      account: plan.account,
      callerArn: plan.callerArn,
      region: plan.region,
      current: plan.current,
      target: plan.target,
      calls: plan.calls,
      recordOnly: plan.recordOnly,
      earlierJournal: plan.earlierJournal,
      details: plan.details,
    },
    calls: result.calls,
    sesNow: result.sesNow,
    sesChange: result.sesChange,
    verificationError: result.verificationError,
    unsignedWindow: result.probeWindow,
    probes: result.probes,
    warnings: result.warnings.map((warning) => ({ code: warning.key, message: out.t(warning) })),
    dnsRecordsNeeded: result.dnsRecordsNeeded,
    dnsPublication: result.dnsPublication
      ? {
          provider: result.dnsPublication.provider,
          zone: result.dnsPublication.zone,
          changeId: result.dnsPublication.changeId,
          names: result.dnsPublication.names,
          answering: result.dnsPublication.answering,
        }
      : null,
    elapsedMs: result.elapsedMs,
    journal: result.journalPath,
    rollbackCommand: result.rollbackCommand,
    finishCommand: result.finishCommand,
    error: result.error ? { code: result.error.what.key, message: out.t(result.error.what), hint: result.error.hint ? out.t(result.error.hint) : null } : null,
  };
}
