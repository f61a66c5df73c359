import type { PrecheckResult } from "../engine/results.js";
import type { GateResult, GateStatus } from "../gates/types.js";
import { type Output, terminalWidth } from "./output.js";
import { foldKeepingCommands, wrapToWidth } from "./fitTable.js";
import { displayWidth, padToWidth } from "./displayWidth.js";
import { MARKS } from "./marks.js";
import { type Msg, msg } from "../messages/msg.js";
import { contactLine, contactRoleForGate } from "../config/contacts.js";

const MARK: Record<GateStatus, string> = { pass: MARKS.done, fail: MARKS.failed, warn: MARKS.warning };

export function gateTitle(out: Output, gate: GateResult): string {
  return out.t(msg(`gate.${gate.id}.title`));
}

/**
 * One row per gate, marked passed, failed or warned, with its detail lines; on a terminal the
 * detail folds under itself and the lines under the row, so the terminal never breaks a word.
 */
export function renderGateRows(out: Output, gates: readonly GateResult[], width: number | undefined = terminalWidth(out)): string[] {
  const { color, t } = out;
  const paint = { pass: color.green, fail: color.red, warn: color.yellow } as const;
  const titleWidth = Math.max(...gates.map((gate) => displayWidth(gateTitle(out, gate))));
  // Too narrow a terminal leaves the detail no room beside the title: it then folds under the mark.
  const hang = width !== undefined && width - (titleWidth + 4) < 30 ? 4 : titleWidth + 4;
  return gates.flatMap((gate) => {
    const lead = `${paint[gate.status](MARK[gate.status])} ${color.bold(padToWidth(gateTitle(out, gate), titleWidth))}  `;
    const [first = "", ...rest] = foldKeepingCommands(t(gate.detail), width, " ".repeat(hang)).map((line) => line.slice(hang));
    const detail = hang === 4 && width !== undefined && titleWidth + 4 + displayWidth(first) > width ? [lead.trimEnd(), `    ${first}`] : [`${lead}${first}`];
    return [
      ...detail,
      ...rest.map((line) => `${" ".repeat(hang)}${line}`),
      ...visibleLines(out, gate).flatMap((line) => foldKeepingCommands(t(line), width, "    ").map((folded) => color.dim(folded))),
      ...contactLines(out, gate).flatMap((line) => foldKeepingCommands(t(line), width, "    ").map((folded) => color.cyan(folded))),
    ];
  });
}

/** A gate that failed on another team's ground says who that team is, when the config names them. */
function contactLines(out: Output, gate: GateResult): Msg[] {
  // A gate not checked (an earlier gate failed first) has not failed on that team's ground.
  const failedOnItsOwn = gate.status === "fail" && gate.notChecked !== true;
  const role = failedOnItsOwn ? contactRoleForGate(gate.id) : undefined;
  const line = role === undefined ? null : contactLine(role, { contacts: out.contacts() });
  return line ? [line] : [];
}

/** A gate's lines, and its --verbose ones when asked for. */
function visibleLines(out: Output, gate: GateResult): readonly Msg[] {
  return out.verbose ? [...(gate.lines ?? []), ...(gate.verboseLines ?? [])] : (gate.lines ?? []);
}

/** The human checklist, for stdout. */
export function renderPrecheckText(out: Output, result: PrecheckResult): string {
  const { color, t } = out;
  const header = t(msg("render.precheck.header", { domain: result.domain, selector: result.selector ?? "-", region: result.region }));
  const counts = countStatuses(result.gates);
  // An identity already on this selector is not "ready for" a switch it has had: the headline says where it stands.
  const summary = !result.ok
    ? color.red(t(msg("render.precheck.notReady", counts)))
    : result.alreadyActive
      ? color.green(t(msg("render.precheck.alreadyActiveSummary", counts)))
      : color.green(t(msg("render.precheck.ready", counts)));
  const noOp = !result.ok && result.alreadyActive ? [color.cyan(t(msg("render.precheck.alreadyActive")))] : [];
  const width = terminalWidth(out);
  const heading = wrapToWidth(header, width, "").map((line) => color.bold(line));
  return [...heading, "", ...renderGateRows(out, result.gates, width), "", summary, ...noOp, ""].join("\n");
}

export function countStatuses(gates: readonly GateResult[]): { passed: number; failed: number; warned: number } {
  return {
    passed: gates.filter((gate) => gate.status === "pass").length,
    failed: gates.filter((gate) => gate.status === "fail").length,
    warned: gates.filter((gate) => gate.status === "warn").length,
  };
}

interface GateReport {
  readonly command: string;
  readonly domain: string;
  readonly selector: string | null;
  readonly region: string;
  readonly ok: boolean;
  readonly gates: readonly GateResult[];
}

/** The fields every gate-running command's `--json` document starts with (README "--json output"). */
export function gateReportJson(out: Output, report: GateReport): Record<string, unknown> {
  return {
    command: report.command,
    domain: report.domain,
    selector: report.selector,
    region: report.region,
    ok: report.ok,
    gates: report.gates.map((gate) => gateJson(out, gate)),
  };
}

/** The `--json` document; its shape is documented in the README and kept stable. */
export function precheckJson(out: Output, result: PrecheckResult): Record<string, unknown> {
  return { ...gateReportJson(out, result), alreadyActive: result.alreadyActive };
}

export function gateJson(out: Output, gate: GateResult): Record<string, unknown> {
  return {
    id: gate.id,
    status: gate.status,
    title: gateTitle(out, gate),
    detail: out.t(gate.detail),
    code: gate.detail.key,
    lines: visibleLines(out, gate).map(out.t),
    data: gate.data ?? {},
  };
}
