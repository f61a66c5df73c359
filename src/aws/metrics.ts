import type { CloudWatchClient, MetricDatum as CloudWatchDatum } from "@aws-sdk/client-cloudwatch";
import { byodkimError } from "../errors.js";
import { callAws } from "./awsErrors.js";
import type { MetricDatum, MetricsPort } from "./types.js";

/** What one PutMetricData request may carry (CloudWatch API Reference, PutMetricData and MetricDatum). */
export interface PutMetricDataLimits {
  /** "No more than 1000 different metrics" per request. */
  readonly dataPerRequest: number;
  /** 1 MB per HTTP POST, measured on the JSON before the SDK gzips it: the limit holds whichever size CloudWatch counts. */
  readonly bytesPerRequest: number;
  readonly dimensionsPerDatum: number;
  /** How far before and after now a datum's timestamp may lie. */
  readonly maxAgeMs: number;
  readonly maxAheadMs: number;
}

const HOUR_MS = 3_600_000;

export const PUT_METRIC_DATA_LIMITS: PutMetricDataLimits = {
  dataPerRequest: 1000,
  // 1 MB read as 10^6 bytes, the smaller of its two readings.
  bytesPerRequest: 1_000_000,
  dimensionsPerDatum: 30,
  maxAgeMs: 14 * 24 * HOUR_MS,
  maxAheadMs: 2 * HOUR_MS,
};

/** The request's own fields around MetricData: a namespace is at most 255 characters, escaped at most 6 bytes each. */
const ENVELOPE_BYTES = 2048;
const NAME_MAX = 255;
const DIMENSION_VALUE_MAX = 1024;
// CloudWatch refuses magnitudes outside 2^-360…2^360 (older API references spell out the lower bound too); 0 is fine.
const VALUE_MIN = 2 ** -360;
const VALUE_MAX = 2 ** 360;

/** Dimensions by name, so the same metric is always sent in the same order (CloudWatch treats the order as insignificant; readers of a capture do not). */
const sortedDimensions = (datum: MetricDatum) =>
  Object.entries(datum.dimensions)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([Name, Value]) => ({ Name, Value }));

function toCloudWatchDatum(datum: MetricDatum): CloudWatchDatum {
  return { MetricName: datum.name, Dimensions: sortedDimensions(datum), Timestamp: datum.timestamp, Value: datum.value, Unit: datum.unit };
}

/** The datum's share of the request body: its JSON (the timestamp as ISO text, longer than the epoch seconds the SDK writes) and a comma. */
const wireBytes = (datum: MetricDatum) => Buffer.byteLength(JSON.stringify({ ...toCloudWatchDatum(datum), Timestamp: datum.timestamp.toISOString() })) + 1;

const dimensionsText = (datum: MetricDatum) =>
  sortedDimensions(datum)
    .map(({ Name, Value }) => `${Name}=${Value}`)
    .join(", ") || "-";

/** Refuses a datum CloudWatch would refuse: then nothing of the publish goes out, rather than the requests before it. */
function checkDatum(datum: MetricDatum, limits: PutMetricDataLimits, now: Date): void {
  const { name } = datum;
  if (name.length === 0 || name.length > NAME_MAX) throw byodkimError("aws", "aws.metricName", { name }, "aws.metricRefused.hint");
  const dimensions = Object.entries(datum.dimensions);
  if (dimensions.length > limits.dimensionsPerDatum) {
    throw byodkimError("aws", "aws.metricDimensions", { name, count: dimensions.length, max: limits.dimensionsPerDatum }, "aws.metricRefused.hint");
  }
  for (const [key, value] of dimensions) {
    if (key.length === 0 || key.length > NAME_MAX || value.length === 0 || value.length > DIMENSION_VALUE_MAX) {
      throw byodkimError("aws", "aws.metricDimension", { name, dimension: `${key}=${value}` }, "aws.metricRefused.hint");
    }
  }
  const size = Math.abs(datum.value);
  if (!Number.isFinite(datum.value) || (size !== 0 && (size < VALUE_MIN || size > VALUE_MAX))) {
    throw byodkimError("aws", "aws.metricValue", { name, dimensions: dimensionsText(datum), value: String(datum.value) }, "aws.metricRefused.hint");
  }
  const at = datum.timestamp.getTime();
  if (!Number.isFinite(at) || at < now.getTime() - limits.maxAgeMs || at > now.getTime() + limits.maxAheadMs) {
    const timestamp = Number.isFinite(at) ? datum.timestamp.toISOString() : "Invalid Date";
    throw byodkimError("aws", "aws.metricTimestamp", { name, timestamp, now: now.toISOString() }, "aws.metricTimestamp.hint");
  }
}

/**
 * The data split into PutMetricData requests, in order, each within CloudWatch's limits; throws a
 * ByodkimError for the first datum CloudWatch would refuse. Within the checked lengths one datum is
 * far smaller than a request, so every datum fits one.
 */
export function metricBatches(data: readonly MetricDatum[], limits: PutMetricDataLimits = PUT_METRIC_DATA_LIMITS, now: Date = new Date()): MetricDatum[][] {
  for (const datum of data) checkDatum(datum, limits, now);
  const batches: MetricDatum[][] = [];
  let current: MetricDatum[] = [];
  let bytes = ENVELOPE_BYTES;
  for (const datum of data) {
    const size = wireBytes(datum);
    if (current.length > 0 && (current.length >= limits.dataPerRequest || bytes + size > limits.bytesPerRequest)) {
      batches.push(current);
      current = [];
      bytes = ENVELOPE_BYTES;
    }
    current.push(datum);
    bytes += size;
  }
  if (current.length > 0) batches.push(current);
  return batches;
}

/**
 * PutMetricData for status --publish-metrics. The requests go one after another: a run sends a few,
 * and the first refusal (AccessDenied, throttling after the SDK's retries) would meet the rest too.
 * A read's time limit, not MUTATING_CALL's: CloudWatch answers at once, and nothing byodkim guards changes.
 */
export function createMetricsPort(client: () => Promise<CloudWatchClient>, now: () => Date = () => new Date()): MetricsPort {
  return {
    async putMetricData(namespace, data) {
      const batches = metricBatches(data, PUT_METRIC_DATA_LIMITS, now());
      if (batches.length === 0) return { requests: 0 };
      const { PutMetricDataCommand } = await import("@aws-sdk/client-cloudwatch");
      // PutMetricData has no resource type: IAM narrows it by the namespace condition, which is what the operator asks for.
      const context = { service: "CloudWatch", action: "cloudwatch:PutMetricData", resource: `* (cloudwatch:namespace ${namespace})` } as const;
      for (const batch of batches) {
        await callAws(context, async () => (await client()).send(new PutMetricDataCommand({ Namespace: namespace, MetricData: batch.map(toCloudWatchDatum) })));
      }
      return { requests: batches.length };
    },
  };
}
