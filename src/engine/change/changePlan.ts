import type { CallerIdentity, SesIdentityFacts } from "../../aws/types.js";
import type { GateResult } from "../../gates/types.js";
import type { Msg } from "../../messages/msg.js";
import { isJournalOf, type JournalEntry, type JournalStore } from "../../state/journal.js";
import type { StateRecord } from "../../state/stateSecret.js";
import type { ChangePlan, PlanRow } from "./changeTypes.js";
import { type CallIntent, type PlannedCall, planCalls, snapshotDkim } from "./dkimSettings.js";

/** What a command's checks found: the verdicts, and the facts the plan is made from. */
export interface ChangeCheck {
  readonly gates: readonly GateResult[];
  readonly ok: boolean;
  readonly selector: string | null;
  readonly caller: CallerIdentity | undefined;
  readonly sesIdentity: SesIdentityFacts | null | undefined;
  /** The state secret's JSON, when it could be read. */
  readonly state: StateRecord | undefined;
}

/** A command's own part of the plan: where it wants SES, and how it describes that. */
export interface ChangeDescription {
  readonly title: Msg;
  readonly intents: readonly CallIntent[];
  /** Calls on key objects in S3, after the SES calls, each already judged needed or not. */
  readonly objectCalls?: readonly PlannedCall[];
  readonly rows: readonly PlanRow[];
  readonly details: Readonly<Record<string, unknown>>;
}

/** Builds the plan from a passing check. Calls that would change nothing are kept in the list, marked not needed. */
export function buildChangePlan(
  command: string,
  domain: string,
  region: string,
  check: ChangeCheck,
  description: ChangeDescription,
  journal: JournalStore,
  now: Date,
): ChangePlan {
  if (!check.caller || !check.sesIdentity) throw new Error("a change plan needs a passing check");
  const current = snapshotDkim(check.sesIdentity, now);
  const planned = planCalls(current, description.intents);
  const { target } = planned;
  const calls = [...planned.calls, ...(description.objectCalls ?? [])];
  const recordOnly = calls.every((call) => !call.needed);
  const earlier = calls.some((call) => !call.needed) ? findUnfinishedRun(journal, command, domain) : { path: null, callsDone: false, warnings: [] };
  return {
    command,
    title: description.title,
    domain,
    account: check.caller.account,
    callerArn: check.caller.arn,
    region,
    current,
    target,
    calls,
    recordOnly,
    earlierJournal: earlier.path,
    earlierCallsDone: earlier.callsDone,
    journalWarnings: earlier.warnings,
    rows: description.rows,
    details: description.details,
  };
}

/** Two plans ask SES for the same thing with the same calls: what the operator confirmed still holds. */
export const samePlannedChange = (a: ChangePlan, b: ChangePlan) => JSON.stringify(changeShape(a)) === JSON.stringify(changeShape(b));

const changeShape = (plan: ChangePlan) => ({ target: plan.target, calls: plan.calls, details: plan.details, recordOnly: plan.recordOnly });

/**
 * The newest journal of this command for the domain that made SES calls but never recorded the
 * result, whether its calls all went through (it reached its record and could not write it), and
 * what reading the journals skipped. A torn last line is the mark of a run killed mid-write, the
 * very run looked for: its other lines still count.
 */
export function findUnfinishedRun(journal: JournalStore, command: string, domain: string): { path: string | null; callsDone: boolean; warnings: Msg[] } {
  const listed = journal.list(domain);
  const warnings: Msg[] = [...listed.warnings];
  for (const path of listed.paths.filter((candidate) => isJournalOf(candidate, command))) {
    const read = journal.read(path);
    warnings.push(...read.warnings);
    const events = read.entries.map((entry) => entry.event);
    if (events.includes("state-recorded")) return { path: null, callsDone: false, warnings };
    // A run that stopped knowing it changed nothing in SES (its first call refused) left nothing to finish.
    if (changedNothing(read.entries)) continue;
    if (events.includes("call-done") || events.includes("call-failed")) return { path, callsDone: events.includes("state-not-recorded"), warnings };
  }
  return { path: null, callsDone: false, warnings };
}

const changedNothing = (entries: readonly JournalEntry[]) =>
  entries.some((entry) => (entry.event === "stopped" || entry.event === "ended") && entry["sesChange"] === "none");
