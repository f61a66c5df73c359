import { CloudWatchClient, GetMetricStatisticsCommand, ListMetricsCommand, type Metric } from "@aws-sdk/client-cloudwatch";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { lazy } from "../../src/aws/clients.js";
import { createMetricsPort } from "../../src/aws/metrics.js";
import type { MetricDatum } from "../../src/aws/types.js";
import { motoAvailable, startMoto } from "../support/motoServer.js";

// status --publish-metrics's data through byodkim's own adapter into moto's CloudWatch, a
// CloudWatch nobody here wrote, then read back with ListMetrics and GetMetricStatistics. 1200 data
// make two requests. moto_server 5.2.1 decompresses a gzip request body twice (its Flask hook and
// its response class both do), so this client sends PutMetricData uncompressed; the SDK gzips
// bodies over 10 KB to AWS itself, which the mocked adapter test does not see either way.
const haveMoto = motoAvailable("the check of PutMetricData's batches against moto's CloudWatch");

const NAMESPACE = "byodkim";
const REGIONS = ["ap-northeast-1", "ap-northeast-3"] as const;
const DOMAINS = Array.from({ length: 150 }, (_, i) => `d${i}.goo.ne.jp`);
const credentials = { accessKeyId: "testing", secretAccessKey: "testing" };

let moto: Awaited<ReturnType<typeof startMoto>> | undefined;
let cloudwatch: CloudWatchClient;
const at = new Date();

/** Four metrics per domain × region, each value telling the row apart from its neighbours. */
const data: MetricDatum[] = DOMAINS.flatMap((domain, i) =>
  REGIONS.flatMap((region, r): MetricDatum[] => {
    const dimensions = { Region: region, Domain: domain };
    return [
      { name: "KeyAgeDays", value: (i + r) % 40, unit: "Count", dimensions, timestamp: at },
      { name: "DaysUntilRotationDue", value: 31 - ((i + r) % 40), unit: "Count", dimensions, timestamp: at },
      { name: "DnsKeyMatches", value: (i + r) % 2, unit: "None", dimensions, timestamp: at },
      { name: "DkimHealthy", value: i % 3 === 0 ? 0 : 1, unit: "None", dimensions, timestamp: at },
    ];
  }),
);

async function listMetrics(dimensions?: { Name: string; Value: string }[]): Promise<Metric[]> {
  const found: Metric[] = [];
  let token: string | undefined;
  do {
    const page = await cloudwatch.send(new ListMetricsCommand({ Namespace: NAMESPACE, Dimensions: dimensions, NextToken: token }));
    found.push(...(page.Metrics ?? []));
    token = page.NextToken;
  } while (token);
  return found;
}

describe.skipIf(!haveMoto)("PutMetricData through the metrics port against moto's CloudWatch", () => {
  let requests: number;
  beforeAll(async () => {
    moto = await startMoto();
    const config = { endpoint: moto.endpoint, region: REGIONS[0], credentials, maxAttempts: 1, disableRequestCompression: true };
    cloudwatch = new CloudWatchClient(config);
    const port = createMetricsPort(lazy(async () => new CloudWatchClient(config)));
    ({ requests } = await port.putMetricData(NAMESPACE, data));
  }, 60_000);
  afterAll(() => moto?.stop());

  it("sends the 1200 data as two requests", () => {
    expect(data).toHaveLength(1200);
    expect(requests).toBe(2);
  });

  it("leaves every metric listed in the byodkim namespace, each with its Domain and Region dimensions", async () => {
    const listed = await listMetrics();
    const seen = listed.map((metric) => `${metric.MetricName} ${metric.Dimensions?.map((d) => `${d.Name}=${d.Value}`).join(",")}`).sort();
    const sent = data.map((datum) => `${datum.name} Domain=${datum.dimensions["Domain"]},Region=${datum.dimensions["Region"]}`).sort();
    expect(seen).toEqual(sent);
  });

  it("lists one domain's eight metrics (four in each region) by its Domain dimension", async () => {
    const listed = await listMetrics([{ Name: "Domain", Value: "d7.goo.ne.jp" }]);
    expect(listed.map((metric) => `${metric.MetricName} ${metric.Dimensions?.find((d) => d.Name === "Region")?.Value}`).sort()).toEqual(
      ["KeyAgeDays", "DaysUntilRotationDue", "DnsKeyMatches", "DkimHealthy"].flatMap((name) => REGIONS.map((region) => `${name} ${region}`)).sort(),
    );
  });

  // The first datum, the last of the first request, the first of the second, and the very last.
  it.each([0, 999, 1000, 1199])("reads back datum %i's value and unit with GetMetricStatistics", async (index) => {
    const datum = data[index]!;
    const result = await cloudwatch.send(
      new GetMetricStatisticsCommand({
        Namespace: NAMESPACE,
        MetricName: datum.name,
        Dimensions: [
          { Name: "Domain", Value: datum.dimensions["Domain"]! },
          { Name: "Region", Value: datum.dimensions["Region"]! },
        ],
        StartTime: new Date(at.getTime() - 10 * 60_000),
        EndTime: new Date(at.getTime() + 10 * 60_000),
        Period: 60,
        Statistics: ["Maximum", "SampleCount"],
      }),
    );
    expect(result.Datapoints).toEqual([expect.objectContaining({ Maximum: datum.value, SampleCount: 1, Unit: datum.unit })]);
  });
});
