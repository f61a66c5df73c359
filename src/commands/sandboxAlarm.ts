import { ALARM_STATES, type AlarmState } from "../config/config.js";
import { byodkimError } from "../errors.js";
import { type SandboxAlarmView, setSandboxAlarm } from "../sandbox/alarmAdmin.js";
import { readCurrentSandboxEndpoint } from "../sandbox/shellEnv.js";

export interface SandboxAlarmRequest {
  readonly name: string;
  readonly state: string;
  readonly reason?: string;
}

export interface SandboxAlarmChange {
  readonly alarm: SandboxAlarmView;
  readonly previous: SandboxAlarmView;
}

/**
 * `byodkim sandbox alarm <name> <state>`: sets an alarm of the sandbox running in another shell,
 * the one `sandbox --env` points at. `startCommand` is how to start one, for the refusal when none runs.
 */
export async function setRunningSandboxAlarm(env: NodeJS.ProcessEnv, request: SandboxAlarmRequest, startCommand: string): Promise<SandboxAlarmChange> {
  const state = alarmStateOf(request.state);
  const { path, endpoint } = await readCurrentSandboxEndpoint(env);
  if (endpoint === null) throw byodkimError("usage", "sandbox.notRunning", { path }, "sandbox.notRunning.hint", { command: startCommand });
  const reason = request.reason?.trim() ? request.reason : undefined;
  const answer = await setSandboxAlarm(endpoint, request.name, state, reason);
  if (answer.kind === "unknownAlarm") throw byodkimError("usage", "sandbox.alarm.unknown", { name: request.name, known: answer.known.join(", ") });
  return { alarm: answer.alarm, previous: answer.previous };
}

/** As CloudWatch spells them; `alarm` and `insufficient-data` are accepted too, as an operator types them. */
function alarmStateOf(text: string): AlarmState {
  const state = text.trim().toUpperCase().replaceAll("-", "_");
  if (ALARM_STATES.includes(state as AlarmState)) return state as AlarmState;
  throw byodkimError("usage", "sandbox.alarm.badState", { state: text, known: ALARM_STATES.join(", ") });
}
