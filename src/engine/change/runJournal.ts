import type { GateResult } from "../../gates/types.js";
import type { CommandContext } from "../context.js";
import type { ChangeCheck } from "./changePlan.js";
import type { ChangeRun } from "./changeRun.js";
import type { ChangeSpec } from "./changeSpec.js";

/**
 * Opens the run's journal and writes its header: the run, the gates with what they read, and the
 * plan. A confirmed run opens it before the question; a dry run opens it too, so that the plan
 * reviewed before the change window can be reported (`byodkim report <run id>`) and attached to
 * the ticket.
 */
export function openRunJournal<C extends ChangeCheck>(ctx: CommandContext, spec: ChangeSpec<C>, run: ChangeRun<C>, dryRun: boolean): void {
  // decide has planned the change.
  const plan = run.plan!;
  const runId = ctx.newRunId();
  const journal = ctx.journal.open(spec.command, spec.domain, runId);
  run.runId = runId;
  run.operator = plan.callerArn;
  run.journal = journal;
  journal.append("run-started", {
    command: spec.command,
    runId,
    domain: spec.domain,
    operator: plan.callerArn,
    host: ctx.host,
    region: ctx.region,
    account: plan.account,
    ...(ctx.changeId === undefined ? {} : { changeId: ctx.changeId }),
    ...(ctx.planId === undefined ? {} : { planId: ctx.planId }),
    ...(dryRun ? { dryRun: true } : {}),
  });
  journal.append("gates", { gates: journaledGates(run.check) });
  journal.append("plan", { plan });
}

// The record the DNS team must publish is in the plan and the output; the journal keeps what each server served, by fingerprint.
const NOT_EVIDENCE = new Set(["expectedRecord", "expectedBindLine"]);

/**
 * Each gate's verdict with what it read (`evidence`): the nameservers asked and the key fingerprint
 * each served, SES's DKIM settings, the alarms' states. Facts only: gates never hold a key.
 */
export const journaledGates = (check: ChangeCheck) => check.gates.map(journaledGate);

export const journaledGate = ({ id, status, detail, data }: GateResult) => ({
  id,
  status,
  code: detail.key,
  ...(data ? { evidence: Object.fromEntries(Object.entries(data).filter(([field]) => !NOT_EVIDENCE.has(field))) } : {}),
});
