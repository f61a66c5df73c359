import type { PrecheckResult } from "../engine/results.js";
import type { GateResult, GateStatus } from "../gates/types.js";
import type { Output } from "./output.js";
import { displayWidth, padToWidth } from "./displayWidth.js";
import { type Msg, msg } from "../messages/msg.js";

const MARK: Record<GateStatus, string> = { pass: "✔", fail: "✘", warn: "!" };

export function gateTitle(out: Output, gate: GateResult): string {
  return out.t(msg(`gate.${gate.id}.title`));
}

/** One row per gate (✔ / ✘ / !) with its detail lines. */
export function renderGateRows(out: Output, gates: readonly GateResult[]): string[] {
  const { color, t } = out;
  const paint = { pass: color.green, fail: color.red, warn: color.yellow } as const;
  const width = Math.max(...gates.map((gate) => displayWidth(gateTitle(out, gate))));
  return gates.flatMap((gate) => [
    `${paint[gate.status](MARK[gate.status])} ${color.bold(padToWidth(gateTitle(out, gate), width))}  ${t(gate.detail)}`,
    ...visibleLines(out, gate).map((line) => color.dim(`    ${t(line)}`)),
  ]);
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
  return [color.bold(header), "", ...renderGateRows(out, result.gates), "", summary, ...noOp, ""].join("\n");
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
