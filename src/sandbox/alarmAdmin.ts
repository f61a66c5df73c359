import { ALARM_STATES, type AlarmState } from "../config/config.js";
import { byodkimError } from "../errors.js";
import { json, jsonObjectBody, type WireRequest, type WireResponse } from "./api/wire.js";
import type { SandboxAlarm, SandboxWorld } from "./world.js";

/** What `/_sandbox/alarms` answers for one alarm; `updated` is what DescribeAlarms gives as StateUpdatedTimestamp. */
export interface SandboxAlarmView {
  readonly name: string;
  readonly state: AlarmState;
  readonly reason: string;
  readonly updated: string;
}

/** Written in the alarm's StateReason when the drill gives none, as CloudWatch's console fills in its own. */
export const DRILL_REASON = "Set by hand in the byodkim sandbox (rehearsal)";

const view = (alarm: SandboxAlarm): SandboxAlarmView => ({ name: alarm.name, state: alarm.state, reason: alarm.reason, updated: alarm.updated.toISOString() });

const BAD_BODY = `send {"name": "<alarm name>", "state": "${ALARM_STATES.join(" | ")}", "reason": "<optional text>"}`;

/**
 * `/_sandbox/alarms`, so an operator rehearsing a campaign can fire an alarm while a wave bakes:
 * GET lists the alarms; POST `{name, state, reason?}` sets one, as CloudWatch's SetAlarmState
 * would. Only an alarm the world has: a drill that fires a misspelt alarm must hear so (404, with
 * the names it knows), not watch a bake that nothing can roll back. The verification alarm is
 * still cleared by the sandbox's SES when it next sees a PENDING identity's key published.
 */
export function alarmsEndpoint(world: SandboxWorld, request: WireRequest, now: Date): WireResponse {
  const answer = () => json("SandboxAlarms", 200, [...world.alarms.values()].map(view));
  switch (request.method) {
    case "GET":
      return answer();
    case "POST": {
      const asked = alarmChangeFrom(request.body);
      if (!asked) return json("SandboxAlarms", 400, { message: BAD_BODY });
      if (!ALARM_STATES.includes(asked.state as AlarmState)) {
        return json("SandboxAlarms", 400, { message: `state must be one of ${ALARM_STATES.join(", ")}`, states: ALARM_STATES });
      }
      const alarm = world.alarms.get(asked.name);
      if (!alarm) return json("SandboxAlarms", 404, { message: `no alarm named ${asked.name}`, known: [...world.alarms.keys()] });
      // StateUpdatedTimestamp moves with the state only: a second ALARM with a new reason is not a new transition.
      if (alarm.state !== asked.state) alarm.updated = now;
      alarm.state = asked.state as AlarmState;
      alarm.reason = asked.reason ?? DRILL_REASON;
      return json("SandboxAlarms", 200, view(alarm));
    }
    default:
      return json("SandboxAlarms", 405, { message: "use GET or POST" });
  }
}

function alarmChangeFrom(body: Buffer): { name: string; state: string; reason?: string } | undefined {
  const value = jsonObjectBody(body);
  if (value === undefined) return undefined;
  const { name, state, reason } = value;
  if (typeof name !== "string" || name === "" || typeof state !== "string") return undefined;
  if (reason !== undefined && (typeof reason !== "string" || reason === "")) return undefined;
  return { name, state, ...(reason === undefined ? {} : { reason }) };
}

/** What the running sandbox said to a request to set an alarm. */
export type AlarmSetAnswer =
  | { readonly kind: "set"; readonly alarm: SandboxAlarmView; readonly previous: SandboxAlarmView }
  | { readonly kind: "unknownAlarm"; readonly known: readonly string[] };

/**
 * Sets `name` to `state` on the sandbox at `endpoint` (another process: the one `sandbox` runs).
 * The alarm as it was comes first, so that the operator is told what they changed.
 */
export async function setSandboxAlarm(endpoint: string, name: string, state: AlarmState, reason: string | undefined): Promise<AlarmSetAnswer> {
  const listed = (await adminJson(await fetch(`${endpoint}/_sandbox/alarms`))) as SandboxAlarmView[];
  const previous = listed.find((alarm) => alarm.name === name);
  if (!previous) return { kind: "unknownAlarm", known: listed.map((alarm) => alarm.name) };
  const response = await fetch(`${endpoint}/_sandbox/alarms`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ name, state, ...(reason === undefined ? {} : { reason }) }),
  });
  if (response.status === 404) return { kind: "unknownAlarm", known: ((await response.json()) as { known: string[] }).known };
  return { kind: "set", alarm: (await adminJson(response)) as SandboxAlarmView, previous };
}

/** A sandbox started by an older byodkim has no such endpoint: its answer is not ours to parse. */
async function adminJson(response: Response): Promise<unknown> {
  if (!response.ok) throw byodkimError("usage", "sandbox.alarm.notServed", { status: response.status }, "sandbox.alarm.notServed.hint");
  return response.json();
}
