import { gunzipSync } from "node:zlib";
import type { AlarmState } from "../../aws/types.js";
import type { SandboxWorld } from "../world.js";
import { MetricDataRejection, parseMetricData } from "./metricData.js";
import { epochSeconds, json, signingRegion, type WireRequest, type WireResponse } from "./wire.js";

const CONTENT_TYPE = "application/x-amz-json-1.0";

/** CloudWatch speaks AWS JSON 1.0 with query-compatible error codes (`x-amzn-query-error`). */
export function cloudwatchError(operation: string, name: string, status: number, message: string): WireResponse {
  return { ...json(operation, status, { __type: name, message }, { "x-amzn-query-error": `${name};Sender` }, CONTENT_TYPE), error: name };
}

export function cloudwatchOperation(request: WireRequest): string {
  return String(request.headers["x-amz-target"] ?? "").replace(/^GraniteServiceVersion20100801\./, "") || "Unknown";
}

/**
 * The request as CloudWatch reads it: PutMetricData carries the model's `requestcompression` trait,
 * so the SDK gzips a body of 10 KiB or more and says so in Content-Encoding. Undone here, before
 * IAM reads the namespace for its condition key and before the operation reads the data.
 */
export function decodeCloudWatchRequest(request: WireRequest): WireRequest | WireResponse {
  if (request.headers["content-encoding"] !== "gzip") return request;
  try {
    return { ...request, body: gunzipSync(request.body) };
  } catch {
    // CloudWatch's answer to a body that is not the gzip it claims is not documented; a client error is the honest guess.
    return cloudwatchError(cloudwatchOperation(request), "InvalidParameterValue", 400, "The request body could not be decompressed as gzip.");
  }
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
      // Stored for tests and drills to read back; no sandbox alarm watches a metric (they change through SetAlarmState).
      try {
        world.metrics.push(...parseMetricData(body, signingRegion(request.headers) ?? world.region, now));
      } catch (err) {
        if (err instanceof MetricDataRejection) return cloudwatchError(operation, err.code, 400, err.message);
        throw err;
      }
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
