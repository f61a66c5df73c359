import type { TickIdentityResult, TickResult } from "../commands/tick.js";
import type { TickReason } from "../gates/tickDecision.js";
import { type Msg, msg } from "../messages/msg.js";
import { MARKS } from "./marks.js";
import { afterInParentheses, labelled } from "./punctuation.js";
import type { Output } from "./output.js";

/** A reason's sentence; a stopped step's own words stand in for its problem. */
export function tickReasonMessage(out: Output, identity: Pick<TickIdentityResult, "reason" | "step">): Msg {
  const reason: TickReason = identity.reason;
  if (reason.code === "stepFailed") return msg("tick.reason.stepFailed", { problem: identity.step?.summary ? out.t(identity.step.summary) : "-" });
  // One sentence per step held: what the person does differs with it.
  const key = reason.code === "autoOff" ? `tick.reason.autoOff.${reason.params["step"]}` : `tick.reason.${reason.code}`;
  return { key: key as Msg["key"], params: reason.params };
}

/** The identity a scheduler's first line is about: the first whose exit code is the run's. */
const headlineIdentity = (result: TickResult) => result.identities.find((identity) => identity.exitCode === result.exitCode);

function headline(out: Output, result: TickResult): string {
  const count = result.identities.length;
  const worst = headlineIdentity(result);
  if ((result.outcome === "needsPerson" || result.outcome === "failed" || result.outcome === "interrupted") && worst) {
    const key = result.outcome === "needsPerson" ? "tick.headline.needsPerson" : "tick.headline.failed";
    return out.t(msg(key, { domain: worst.domain, region: worst.region, reason: out.t(tickReasonMessage(out, worst)) }));
  }
  if (result.outcome === "progressed") {
    return out.t(msg("tick.headline.progressed", { steps: result.identities.filter((identity) => identity.step !== null).length, count }));
  }
  return out.t(msg("tick.headline.nothingToDo", { count }));
}

/** One line per identity, and under it what its step said: the first line is the one a scheduler's mail shows. */
export function renderTickText(out: Output, result: TickResult): string {
  const lines = [headline(out, result)];
  for (const identity of result.identities) {
    const mark = identity.exitCode !== 0 ? MARKS.failed : identity.step !== null ? MARKS.done : MARKS.pending;
    const decision = out.t({ key: `tick.decision.${identity.decision}` as Msg["key"] });
    const where = `${identity.domain}${afterInParentheses(out.lang, identity.region)}`;
    lines.push(`${mark} ${where}  ${labelled(out.lang, decision, out.t(tickReasonMessage(out, identity)))}`);
    const step = identity.step;
    if (step?.summary && identity.reason.code !== "stepFailed") lines.push(`    ${out.t(step.summary)}`);
    for (const gate of step?.failedGates ?? []) lines.push(`    ${MARKS.failed} ${out.t(gate.detail)}`);
    if (step && step.handoffFiles.length > 0) lines.push(`    ${out.t(msg("tick.handoffFiles", { files: step.handoffFiles.join(", ") }))}`);
    else for (const record of step?.dnsRecordsNeeded ?? []) lines.push(`    ${out.t(msg("tick.record", { record }))}`);
    if (identity.command) lines.push(`    ${out.t(msg("tick.type", { command: identity.command }))}`);
  }
  return `${lines.join("\n")}\n`;
}

/** One document per run; its schema is the README's (tick, --json). */
export function tickJson(out: Output, result: TickResult): Record<string, unknown> {
  return {
    command: "tick",
    outcome: result.outcome,
    exitCode: result.exitCode,
    checkedAt: result.checkedAt,
    identities: result.identities.map((identity) => ({
      domain: identity.domain,
      region: identity.region,
      decision: identity.decision,
      reason: { code: identity.reason.code, params: identity.reason.params, text: out.t(tickReasonMessage(out, identity)) },
      command: identity.command,
      exitCode: identity.exitCode,
      step: identity.step && {
        command: identity.step.command,
        outcome: identity.step.outcome,
        exitCode: identity.step.exitCode,
        summary: identity.step.summary ? out.t(identity.step.summary) : null,
        journalPath: identity.step.journalPath,
        handoffFiles: identity.step.handoffFiles,
        dnsRecordsNeeded: identity.step.dnsRecordsNeeded,
        failedGates: identity.step.failedGates.map((gate) => ({ id: gate.id, detail: out.t(gate.detail) })),
      },
    })),
  };
}
