import type { SandboxMetric } from "../world.js";

/** What CloudWatch answers a PutMetricData it refuses: a query-compatible error code and its sentence. */
export class MetricDataRejection extends Error {
  constructor(
    readonly code: "InvalidParameterValue" | "MissingParameter" | "InvalidParameterCombination",
    message: string,
  ) {
    super(message);
  }
}

// PutMetricData's limits (CloudWatch API Reference, PutMetricData; the service model's shapes).
const MAX_METRICS = 1000;
const MAX_DIMENSIONS = 30;
const MAX_NAME = 255;
const PAST_MS = 14 * 86_400_000;
const FUTURE_MS = 2 * 3_600_000;
const STANDARD_UNITS = new Set([
  "Seconds",
  "Microseconds",
  "Milliseconds",
  "Bytes",
  "Kilobytes",
  "Megabytes",
  "Gigabytes",
  "Terabytes",
  "Bits",
  "Kilobits",
  "Megabits",
  "Gigabits",
  "Terabits",
  "Percent",
  "Count",
  "Bytes/Second",
  "Kilobytes/Second",
  "Megabytes/Second",
  "Gigabytes/Second",
  "Terabytes/Second",
  "Bits/Second",
  "Kilobits/Second",
  "Megabits/Second",
  "Gigabits/Second",
  "Terabits/Second",
  "Count/Second",
  "None",
]);

const invalid = (parameter: string, value: unknown) =>
  new MetricDataRejection("InvalidParameterValue", `The value ${String(value)} for parameter ${parameter} is invalid.`);
const missing = (parameter: string) => new MetricDataRejection("MissingParameter", `The parameter ${parameter} is required.`);
const records = (value: unknown): Record<string, unknown>[] =>
  Array.isArray(value) ? value.map((item) => (item !== null && typeof item === "object" ? (item as Record<string, unknown>) : {})) : [];

/**
 * PutMetricData's body (AWS JSON 1.0: Timestamp in epoch seconds) as the data CloudWatch stores,
 * validated whole first: a request with one bad datum stores none of them, as CloudWatch does.
 */
export function parseMetricData(body: Record<string, unknown>, region: string, now: Date): SandboxMetric[] {
  const namespace = body["Namespace"];
  if (typeof namespace !== "string" || namespace === "") throw missing("Namespace");
  // The service model's pattern `[^:].*`, and AWS's own namespaces are not for customers to write.
  if (namespace.length > MAX_NAME || namespace.startsWith(":") || namespace.startsWith("AWS/")) throw invalid("Namespace", namespace);
  const data = [...records(body["MetricData"]), ...records(body["EntityMetricData"]).flatMap((entity) => records(entity["MetricData"]))];
  if (data.length === 0) throw missing("MetricData");
  // The limit counts MetricData and EntityMetricData's metrics together.
  if (data.length > MAX_METRICS) throw invalid("MetricData", `of ${data.length} items (at most ${MAX_METRICS} are allowed)`);
  return data.map((datum, index) => parseDatum(datum, `MetricData.member.${index + 1}`, namespace, region, now));
}

function parseDatum(datum: Record<string, unknown>, parameter: string, namespace: string, region: string, now: Date): SandboxMetric {
  const name = datum["MetricName"];
  if (typeof name !== "string" || name === "") throw missing(`${parameter}.MetricName`);
  if (name.length > MAX_NAME) throw invalid(`${parameter}.MetricName`, name);
  const value = datum["Value"];
  if (value !== undefined && (typeof value !== "number" || !Number.isFinite(value))) throw invalid(`${parameter}.Value`, value);
  if (value !== undefined && datum["StatisticValues"] !== undefined) {
    throw new MetricDataRejection(
      "InvalidParameterCombination",
      `The parameters ${parameter}.Value and ${parameter}.StatisticValues are mutually exclusive and you have specified both.`,
    );
  }
  const unit = datum["Unit"] ?? "None";
  if (typeof unit !== "string" || !STANDARD_UNITS.has(unit)) throw invalid(`${parameter}.Unit`, unit);
  const dimensionList = records(datum["Dimensions"]);
  if (dimensionList.length > MAX_DIMENSIONS) throw invalid(`${parameter}.Dimensions`, `of ${dimensionList.length} items`);
  const dimensions: Record<string, string> = {};
  for (const [i, dimension] of dimensionList.entries()) {
    const { Name: dimensionName, Value: dimensionValue } = dimension;
    if (typeof dimensionName !== "string" || dimensionName.trim() === "") throw missing(`${parameter}.Dimensions.member.${i + 1}.Name`);
    if (typeof dimensionValue !== "string" || dimensionValue.trim() === "") throw missing(`${parameter}.Dimensions.member.${i + 1}.Value`);
    dimensions[dimensionName] = dimensionValue;
  }
  const timestamp = datum["Timestamp"] === undefined ? now : new Date(Number(datum["Timestamp"]) * 1000);
  const drift = timestamp.getTime() - now.getTime();
  if (Number.isNaN(drift) || drift < -PAST_MS || drift > FUTURE_MS) throw invalid(`${parameter}.Timestamp`, datum["Timestamp"]);
  return { region, namespace, name, value: value ?? null, unit, dimensions, timestamp: timestamp.toISOString() };
}
