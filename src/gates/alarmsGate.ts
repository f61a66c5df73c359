import type { AlarmFacts } from "../aws/types.js";
import type { AlarmExpectation } from "../config/config.js";
import { msg, type Msg } from "../messages/msg.js";
import type { Fetched } from "./fetched.js";
import { failFromError } from "./verdicts.js";
import type { GateResult } from "./types.js";

export interface AlarmsFacts {
  readonly expected: readonly AlarmExpectation[];
  readonly found: Fetched<readonly AlarmFacts[]>;
}

/** Before enabling: every configured alarm exists and is in one of its `before` states. */
export function checkAlarmsBeforeEnable(facts: AlarmsFacts): GateResult {
  if (facts.expected.length === 0) {
    return { id: "alarms", status: "warn", detail: msg("gate.alarms.noneConfigured") };
  }
  if (!facts.found.ok) return failFromError("alarms", facts.found.error);

  const byName = new Map(facts.found.value.map((alarm) => [alarm.name, alarm]));
  const lines: Msg[] = [];
  const report: { name: string; state: string | null; allowed: readonly string[]; ok: boolean }[] = [];
  for (const expectation of facts.expected) {
    const alarm = byName.get(expectation.name);
    const allowed = expectation.before.join("|");
    if (!alarm) {
      lines.push(msg("gate.alarms.missing", { name: expectation.name }));
      report.push({ name: expectation.name, state: null, allowed: expectation.before, ok: false });
      continue;
    }
    const ok = expectation.before.includes(alarm.state);
    lines.push(msg(ok ? "gate.alarms.inState" : "gate.alarms.wrongState", { name: alarm.name, state: alarm.state, allowed }));
    report.push({ name: alarm.name, state: alarm.state, allowed: expectation.before, ok });
  }
  const bad = report.filter((entry) => !entry.ok).length;
  return {
    id: "alarms",
    status: bad === 0 ? "pass" : "fail",
    detail: bad === 0 ? msg("gate.alarms.pass", { count: report.length }) : msg("gate.alarms.fail", { bad, count: report.length }),
    lines,
    data: { alarms: report },
  };
}
