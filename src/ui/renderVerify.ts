import type { VerifyResult } from "../engine/results.js";
import { msg } from "../messages/msg.js";
import type { Output } from "./output.js";
import { countStatuses, gateReportJson, renderGateRows } from "./renderPrecheck.js";

export function renderVerifyText(out: Output, result: VerifyResult): string {
  const { t, color } = out;
  const header = t(msg("verify.header", { domain: result.domain, selector: result.selector ?? "-", region: result.region }));
  const counts = countStatuses(result.gates);
  // A test message that was only sent proves nothing about its signature: only --eml and --probe read one.
  const sentUnchecked =
    result.gates.some((gate) => gate.id === "sendTest" && gate.status === "pass") && !result.gates.some((gate) => gate.id === "eml" || gate.id === "probe");
  const summary = result.ok
    ? color.green(t(msg(sentUnchecked ? "verify.summary.sentUnchecked" : "verify.summary.ok", counts)))
    : color.red(t(msg("verify.summary.fail", counts)));
  return [color.bold(header), "", ...renderGateRows(out, result.gates), "", summary, ""].join("\n");
}

export function verifyJson(out: Output, result: VerifyResult): Record<string, unknown> {
  return gateReportJson(out, result);
}
