import { CloudWatchClient, PutMetricDataCommand, type PutMetricDataCommandInput } from "@aws-sdk/client-cloudwatch";
import { mockClient } from "aws-sdk-client-mock";
import { afterEach, describe, expect, it } from "vitest";
import { createAwsPorts, lazy } from "../../src/aws/clients.js";
import { createMetricsPort, metricBatches, PUT_METRIC_DATA_LIMITS } from "../../src/aws/metrics.js";
import type { MetricDatum } from "../../src/aws/types.js";
import { ByodkimError, ExitCode } from "../../src/errors.js";
import { awsError, failure } from "../support/awsMocks.js";

const NOW = new Date("2026-11-25T10:00:00Z");
const METRICS = ["KeyAgeDays", "DaysUntilRotationDue", "DnsKeyMatches", "DkimHealthy"] as const;

/** The n-th datum of a fleet: four metrics per domain × region, as status sends them. */
function datum(n: number, overrides: Partial<MetricDatum> = {}): MetricDatum {
  return {
    name: METRICS[n % 4]!,
    value: n % 4 < 2 ? n % 40 : n % 2,
    unit: n % 4 < 2 ? "Count" : "None",
    dimensions: { Region: n % 8 < 4 ? "ap-northeast-1" : "ap-northeast-3", Domain: `d${Math.floor(n / 8)}.goo.ne.jp` },
    timestamp: NOW,
    ...overrides,
  };
}
const fleet = (count: number) => Array.from({ length: count }, (_, n) => datum(n));

/** The key and params of the error metricBatches throws, or the batches' sizes when it does not. */
function outcome(data: readonly MetricDatum[]) {
  try {
    return { sizes: metricBatches(data, PUT_METRIC_DATA_LIMITS, NOW).map((batch) => batch.length) };
  } catch (err) {
    if (!(err instanceof ByodkimError)) throw err;
    return { refused: err.what.key, hint: err.hint?.key, exitCode: err.exitCode };
  }
}

describe("metricBatches: PutMetricData requests within CloudWatch's limits", () => {
  it.each([
    [0, []],
    [1, [1]],
    [1000, [1000]],
    [1001, [1000, 1]],
    [2500, [1000, 1000, 500]],
  ])("splits %i data into requests of %j", (count, sizes) => {
    const data = fleet(count);
    const batches = metricBatches(data, PUT_METRIC_DATA_LIMITS, NOW);
    expect(batches.map((batch) => batch.length)).toEqual(sizes);
    // Nothing lost, nothing repeated, the order kept.
    expect(batches.flat()).toEqual(data);
  });

  it("keeps each request under 1 MB when the data are large, with fewer than 1000 in each", () => {
    // 30 dimensions of 1000 characters each: about 31 KB a datum, so about 32 to a request.
    const dimensions = Object.fromEntries(Array.from({ length: 30 }, (_, i) => [`D${i}`, String(i % 10).repeat(1000)]));
    const data = Array.from({ length: 100 }, (_, n) => datum(n, { dimensions }));
    const batches = metricBatches(data, PUT_METRIC_DATA_LIMITS, NOW);
    expect(batches.length).toBeGreaterThan(3);
    expect(batches.flat()).toEqual(data);
    const bodies = batches.map((batch) => Buffer.byteLength(JSON.stringify({ Namespace: "byodkim", MetricData: batch })));
    for (const bytes of bodies) expect(bytes).toBeLessThan(1_000_000);
    // Full requests until the last: the split is by size, not by a count picked to be safe.
    for (const bytes of bodies.slice(0, -1)) expect(bytes).toBeGreaterThan(950_000);
  });

  it("follows the limits it is given", () => {
    const limits = { ...PUT_METRIC_DATA_LIMITS, dataPerRequest: 3, dimensionsPerDatum: 2 };
    expect(metricBatches(fleet(7), limits, NOW).map((batch) => batch.length)).toEqual([3, 3, 1]);
    expect(() => metricBatches(fleet(1), { ...limits, dimensionsPerDatum: 1 }, NOW)).toThrow("aws.metricDimensions");
  });

  const thirty = Object.fromEntries(Array.from({ length: 30 }, (_, i) => [`D${i}`, "x"]));
  const thirtyOne = { ...thirty, D30: "x" };
  const day = 24 * 3_600_000;
  it.each<[string, Partial<MetricDatum>, ReturnType<typeof outcome>]>([
    ["30 dimensions", { dimensions: thirty }, { sizes: [1000, 1] }],
    ["a negative fraction", { value: -0.5 }, { sizes: [1000, 1] }],
    ["a timestamp 13 days old", { timestamp: new Date(NOW.getTime() - 13 * day) }, { sizes: [1000, 1] }],
    ["a timestamp 1 hour ahead", { timestamp: new Date(NOW.getTime() + 3_600_000) }, { sizes: [1000, 1] }],
    ["31 dimensions", { dimensions: thirtyOne }, { refused: "aws.metricDimensions", hint: "aws.metricRefused.hint", exitCode: ExitCode.checkFailed }],
    ["NaN", { value: Number.NaN }, { refused: "aws.metricValue", hint: "aws.metricRefused.hint", exitCode: ExitCode.checkFailed }],
    ["Infinity", { value: Number.POSITIVE_INFINITY }, { refused: "aws.metricValue", hint: "aws.metricRefused.hint", exitCode: ExitCode.checkFailed }],
    ["-Infinity", { value: Number.NEGATIVE_INFINITY }, { refused: "aws.metricValue", hint: "aws.metricRefused.hint", exitCode: ExitCode.checkFailed }],
    ["a value above 2^360", { value: 2 ** 361 }, { refused: "aws.metricValue", hint: "aws.metricRefused.hint", exitCode: ExitCode.checkFailed }],
    ["a value below 2^-360 in size", { value: -(2 ** -361) }, { refused: "aws.metricValue", hint: "aws.metricRefused.hint", exitCode: ExitCode.checkFailed }],
    [
      "an empty dimension value",
      { dimensions: { Domain: "" } },
      { refused: "aws.metricDimension", hint: "aws.metricRefused.hint", exitCode: ExitCode.checkFailed },
    ],
    ["an empty metric name", { name: "" }, { refused: "aws.metricName", hint: "aws.metricRefused.hint", exitCode: ExitCode.checkFailed }],
    [
      "a timestamp 15 days old",
      { timestamp: new Date(NOW.getTime() - 15 * day) },
      { refused: "aws.metricTimestamp", hint: "aws.metricTimestamp.hint", exitCode: ExitCode.checkFailed },
    ],
    [
      "a timestamp 3 hours ahead",
      { timestamp: new Date(NOW.getTime() + 3 * 3_600_000) },
      { refused: "aws.metricTimestamp", hint: "aws.metricTimestamp.hint", exitCode: ExitCode.checkFailed },
    ],
    [
      "an invalid date",
      { timestamp: new Date(Number.NaN) },
      { refused: "aws.metricTimestamp", hint: "aws.metricTimestamp.hint", exitCode: ExitCode.checkFailed },
    ],
  ])("with one datum of %s among 1001: %j", (_what, change, expected) => {
    const data = fleet(1001);
    data[700] = datum(700, change);
    expect(outcome(data)).toEqual(expected);
  });

  it("names the metric, its dimensions and the value it refuses", () => {
    const error = (() => {
      try {
        metricBatches([datum(0, { value: Number.NaN })], PUT_METRIC_DATA_LIMITS, NOW);
      } catch (err) {
        return err as ByodkimError;
      }
    })();
    expect(error?.what).toEqual({
      key: "aws.metricValue",
      params: { name: "KeyAgeDays", dimensions: "Domain=d0.goo.ne.jp, Region=ap-northeast-1", value: "NaN" },
    });
  });
});

describe("the CloudWatch metrics adapter", () => {
  const cloudwatch = mockClient(CloudWatchClient);
  afterEach(() => cloudwatch.reset());
  const port = () =>
    createMetricsPort(
      lazy(async () => new CloudWatchClient({ region: "ap-northeast-1" })),
      () => NOW,
    );
  const sent = () => cloudwatch.commandCalls(PutMetricDataCommand).map((call) => call.args[0].input as PutMetricDataCommandInput);

  it("sends PutMetricData with the namespace, each datum's name, value, unit, timestamp and dimensions sorted by name", async () => {
    cloudwatch.on(PutMetricDataCommand).resolves({});
    const result = await port().putMetricData("byodkim", [
      datum(0, { value: 12, dimensions: { Region: "ap-northeast-1", Domain: "goo.ne.jp" } }),
      datum(3, { value: 1, dimensions: { Domain: "goo.ne.jp", Region: "ap-northeast-1" } }),
    ]);
    expect(result).toEqual({ requests: 1 });
    expect(sent()).toEqual([
      {
        Namespace: "byodkim",
        MetricData: [
          {
            MetricName: "KeyAgeDays",
            Value: 12,
            Unit: "Count",
            Timestamp: NOW,
            Dimensions: [
              { Name: "Domain", Value: "goo.ne.jp" },
              { Name: "Region", Value: "ap-northeast-1" },
            ],
          },
          {
            MetricName: "DkimHealthy",
            Value: 1,
            Unit: "None",
            Timestamp: NOW,
            Dimensions: [
              { Name: "Domain", Value: "goo.ne.jp" },
              { Name: "Region", Value: "ap-northeast-1" },
            ],
          },
        ],
      },
    ]);
  });

  it("sends 2500 data as three requests, in order, and says so", async () => {
    cloudwatch.on(PutMetricDataCommand).resolves({});
    const data = fleet(2500);
    expect(await port().putMetricData("byodkim", data)).toEqual({ requests: 3 });
    expect(sent().map((input) => input.MetricData?.length)).toEqual([1000, 1000, 500]);
    expect(sent().flatMap((input) => input.MetricData?.map((d) => `${d.MetricName} ${d.Dimensions?.[0]?.Value}`))).toEqual(
      data.map((d) => `${d.name} ${d.dimensions["Domain"]}`),
    );
  });

  it("sends nothing for no data, and nothing at all when one datum would be refused", async () => {
    cloudwatch.on(PutMetricDataCommand).resolves({});
    expect(await port().putMetricData("byodkim", [])).toEqual({ requests: 0 });
    const data = fleet(1500);
    data[1400] = datum(1400, { value: Number.POSITIVE_INFINITY });
    expect((await failure(port().putMetricData("byodkim", data))).what.key).toBe("aws.metricValue");
    expect(sent()).toEqual([]);
  });

  it("names cloudwatch:PutMetricData and the namespace condition on AccessDenied, and stops at the first refused request", async () => {
    cloudwatch
      .on(PutMetricDataCommand)
      .resolvesOnce({})
      .rejects(awsError("AccessDenied", "client", 403));
    const error = await failure(port().putMetricData("byodkim", fleet(2500)));
    expect(error.what).toEqual({
      key: "aws.accessDenied",
      params: { service: "CloudWatch", action: "cloudwatch:PutMetricData", resource: "* (cloudwatch:namespace byodkim)", requestId: "req-test-1" },
    });
    expect(error.hint?.key).toBe("aws.accessDenied.hint");
    expect(error.exitCode).toBe(ExitCode.checkFailed);
    expect(sent()).toHaveLength(2);
  });

  it("gives up on throttling with its own sentence", async () => {
    cloudwatch.on(PutMetricDataCommand).rejects(awsError("Throttling", "client", 400));
    const error = await failure(port().putMetricData("byodkim", fleet(4)));
    expect(error.what.key).toBe("aws.throttled");
    expect(error.what.params).toMatchObject({ service: "CloudWatch", action: "cloudwatch:PutMetricData" });
    expect(error.exitCode).toBe(ExitCode.checkFailed);
  });

  it("is wired into the ports, on the clock the ports are given", async () => {
    cloudwatch.on(PutMetricDataCommand).resolves({});
    const at = Date.parse("2030-01-01T00:00:00Z");
    const ports = createAwsPorts({ region: "ap-northeast-1", profile: undefined, now: () => at });
    expect(await ports.metrics?.putMetricData("byodkim", [datum(0, { timestamp: new Date(at) })])).toEqual({ requests: 1 });
    // NOW is five years before the ports' clock: far more than the two weeks CloudWatch looks back.
    expect((await failure(ports.metrics!.putMetricData("byodkim", [datum(0)]))).what.key).toBe("aws.metricTimestamp");
    expect(sent()).toHaveLength(1);
  });
});
