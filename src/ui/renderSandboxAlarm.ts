import type { SandboxAlarmChange } from "../commands/sandboxAlarm.js";
import { msg } from "../messages/msg.js";
import type { Output } from "./output.js";
import { labelled } from "./punctuation.js";

export function renderSandboxAlarmSet(out: Output, change: SandboxAlarmChange): string {
  const { t, color } = out;
  const { alarm, previous } = change;
  const headline =
    alarm.state === previous.state
      ? t(msg("sandbox.alarm.unchanged", { name: alarm.name, state: alarm.state, updated: alarm.updated }))
      : t(msg("sandbox.alarm.set", { name: alarm.name, previous: previous.state, state: alarm.state, updated: alarm.updated }));
  return [
    alarm.state === "ALARM" ? color.red(headline) : headline,
    `  ${labelled(out.lang, t(msg("sandbox.alarm.reason")), alarm.reason)}`,
    ...(alarm.state === "ALARM" ? [color.dim(t(msg("sandbox.alarm.firing")))] : []),
    "",
  ].join("\n");
}

/** `updated` is what DescribeAlarms gives as StateUpdatedTimestamp, in UTC ISO. */
export function sandboxAlarmJson(change: SandboxAlarmChange): Record<string, unknown> {
  return { command: "sandbox alarm", outcome: "set", alarm: change.alarm, previous: change.previous };
}
