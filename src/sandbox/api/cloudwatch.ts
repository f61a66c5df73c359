import type { AlarmState } from "../../aws/types.js";
import type { SandboxWorld } from "../world.js";
import { epochSeconds, json, type WireRequest, type WireResponse } from "./wire.js";

const CONTENT_TYPE = "application/x-amz-json-1.0";

/** CloudWatch speaks AWS JSON 1.0 with query-compatible error codes (`x-amzn-query-error`). */
export function cloudwatchError(operation: string, name: string, status: number, message: string): WireResponse {
  return { ...json(operation, status, { __type: name, message }, { "x-amzn-query-error": `${name};Sender` }, CONTENT_TYPE), error: name };
}

export function cloudwatchOperation(request: WireRequest): string {
  return String(request.headers["x-amz-target"] ?? "").replace(/^GraniteServiceVersion20100801\./, "") || "Unknown";
}

export function handleCloudWatch(world: SandboxWorld, request: WireRequest, now: Date): WireResponse {
  const operation = cloudwatchOperation(request);
  const body = JSON.parse(request.body.toString("utf8") || "{}") as Record<string, unknown>;
  switch (operation) {
    case "DescribeAlarms": {
      const names = Array.isArray(body["AlarmNames"]) ? (body["AlarmNames"] as string[]) : [...world.alarms.keys()];
      const alarms = names.flatMap((name) => (world.alarms.has(name) ? [world.alarms.get(name)!] : []));
      return json(
        operation,
        200,
        {
          MetricAlarms: alarms.map((alarm) => ({
            AlarmName: alarm.name,
            AlarmArn: `arn:aws:cloudwatch:${world.region}:${world.accountId}:alarm:${alarm.name}`,
            StateValue: alarm.state,
            StateReason: alarm.reason,
            StateUpdatedTimestamp: epochSeconds(alarm.updated),
          })),
          CompositeAlarms: [],
        },
        {},
        CONTENT_TYPE,
      );
    }
    case "SetAlarmState": {
      const alarm = world.alarms.get(String(body["AlarmName"] ?? ""));
      if (!alarm) return cloudwatchError(operation, "ResourceNotFound", 404, "Alarm not found.");
      alarm.state = body["StateValue"] as AlarmState;
      alarm.reason = String(body["StateReason"] ?? "");
      alarm.updated = now;
      return json(operation, 200, {}, {}, CONTENT_TYPE);
    }
    case "PutMetricData":
      // Accepted and dropped: no sandbox alarm watches a metric; they change state through SetAlarmState.
      return json(operation, 200, {}, {}, CONTENT_TYPE);
    case "PutMetricAlarm": {
      const name = String(body["AlarmName"] ?? "");
      world.alarms.set(name, { name, state: "INSUFFICIENT_DATA", reason: "Unchecked: Initial alarm creation", updated: now });
      return json(operation, 200, {}, {}, CONTENT_TYPE);
    }
    default:
      return cloudwatchError(operation, "InvalidAction", 400, "Unsupported operation in the byodkim sandbox.");
  }
}
