import { CloudWatchClient, type MetricDatum, PutMetricDataCommand } from "@aws-sdk/client-cloudwatch";
import { afterEach, describe, expect, it } from "vitest";
import { type Sandbox, type SandboxOptions, startSandbox } from "../../src/sandbox/start.js";
import type { SandboxMetric } from "../../src/sandbox/world.js";

let box: Sandbox | undefined;
afterEach(async () => {
  await box?.stop();
  box = undefined;
});

/** A CloudWatch client in `region` that also notes the Content-Encoding each request went out with. */
async function cloudwatchIn(region: string, options: SandboxOptions = {}) {
  box = await startSandbox(options);
  const client = new CloudWatchClient({
    endpoint: box.endpoint,
    region,
    credentials: { accessKeyId: "AKIASANDBOX", secretAccessKey: "sandbox" },
    maxAttempts: 1,
  });
  const encodings: (string | undefined)[] = [];
  client.middlewareStack.add(
    (next) => async (args) => {
      encodings.push((args.request as { headers: Record<string, string> }).headers["content-encoding"]);
      return next(args);
    },
    { step: "finalizeRequest", name: "noteEncoding" },
  );
  return { box, client, encodings };
}

const datum = (i: number, at: Date): MetricDatum => ({
  MetricName: "KeyAgeDays",
  Value: i,
  Unit: "Count",
  Timestamp: at,
  Dimensions: [
    { Name: "Domain", Value: `m${String(i).padStart(3, "0")}.goo.ne.jp` },
    { Name: "Region", Value: "ap-northeast-3" },
  ],
});

const state = async (sandbox: Sandbox) => (await (await fetch(`${sandbox.endpoint}/_sandbox/state`)).json()) as { metrics: SandboxMetric[] };

describe("sandbox CloudWatch keeps what PutMetricData sends", () => {
  it("stores each datum with its region, namespace, unit, dimensions and time, and shows them at /_sandbox/state", async () => {
    const { box: sandbox, client, encodings } = await cloudwatchIn("ap-northeast-3");
    const at = new Date(Date.now() - 60_000);
    await client.send(new PutMetricDataCommand({ Namespace: "Byodkim/Status", MetricData: [datum(7, at), { MetricName: "Rows", Value: 41 }] }));
    expect(encodings).toEqual([undefined]);
    expect((await state(sandbox)).metrics).toEqual([
      {
        region: "ap-northeast-3",
        namespace: "Byodkim/Status",
        name: "KeyAgeDays",
        value: 7,
        unit: "Count",
        dimensions: { Domain: "m007.goo.ne.jp", Region: "ap-northeast-3" },
        timestamp: at.toISOString(),
      },
      { region: "ap-northeast-3", namespace: "Byodkim/Status", name: "Rows", value: 41, unit: "None", dimensions: {}, timestamp: expect.any(String) },
    ]);
  });

  it("reads a gzip-compressed request, as the SDK sends one of 10 KiB or more", async () => {
    const { box: sandbox, client, encodings } = await cloudwatchIn("ap-northeast-1");
    const at = new Date();
    await client.send(new PutMetricDataCommand({ Namespace: "Byodkim/Status", MetricData: Array.from({ length: 1000 }, (_, i) => datum(i, at)) }));
    expect(encodings).toEqual(["gzip"]);
    const { metrics } = await state(sandbox);
    expect(metrics).toHaveLength(1000);
    expect(metrics[999]).toMatchObject({ region: "ap-northeast-1", value: 999, dimensions: { Domain: "m999.goo.ne.jp" } });
  });

  it("refuses more than 1000 data, a missing namespace and an AWS/ namespace with CloudWatch's errors, storing nothing", async () => {
    const { box: sandbox, client } = await cloudwatchIn("ap-northeast-1");
    const at = new Date();
    await expect(
      client.send(new PutMetricDataCommand({ Namespace: "Byodkim/Status", MetricData: Array.from({ length: 1001 }, (_, i) => datum(i, at)) })),
    ).rejects.toMatchObject({ Code: "InvalidParameterValue", $metadata: { httpStatusCode: 400 } });
    await expect(client.send(new PutMetricDataCommand({ Namespace: undefined as never, MetricData: [datum(1, at)] }))).rejects.toMatchObject({
      Code: "MissingParameter",
    });
    await expect(client.send(new PutMetricDataCommand({ Namespace: "AWS/SES", MetricData: [datum(1, at)] }))).rejects.toMatchObject({
      Code: "InvalidParameterValue",
    });
    await expect(
      client.send(
        new PutMetricDataCommand({ Namespace: "Byodkim/Status", MetricData: [datum(1, at), { MetricName: "Old", Value: 1, Timestamp: new Date(0) }] }),
      ),
    ).rejects.toMatchObject({ Code: "InvalidParameterValue" });
    expect((await state(sandbox)).metrics).toEqual([]);
  });

  it("authorises the namespace inside a compressed body against the policy's cloudwatch:namespace condition", async () => {
    const policy = {
      Version: "2012-10-17",
      Statement: [
        { Effect: "Allow", Action: "cloudwatch:PutMetricData", Resource: "*", Condition: { StringEquals: { "cloudwatch:namespace": "Byodkim/Status" } } },
      ],
    } as const;
    const { box: sandbox, client, encodings } = await cloudwatchIn("ap-northeast-1", { policy });
    const many = Array.from({ length: 300 }, (_, i) => datum(i, new Date()));
    await client.send(new PutMetricDataCommand({ Namespace: "Byodkim/Status", MetricData: many }));
    await expect(client.send(new PutMetricDataCommand({ Namespace: "Other", MetricData: many }))).rejects.toMatchObject({ name: "AccessDenied" });
    expect(encodings).toEqual(["gzip", "gzip"]);
    expect((await state(sandbox)).metrics).toHaveLength(300);
  });

  it("answers a body that claims gzip and is not with a client error", async () => {
    const { box: sandbox } = await cloudwatchIn("ap-northeast-1");
    const response = await fetch(sandbox.endpoint, {
      method: "POST",
      headers: {
        authorization: "AWS4-HMAC-SHA256 Credential=AKIASANDBOX/20250917/ap-northeast-1/monitoring/aws4_request, SignedHeaders=host, Signature=0",
        "content-type": "application/x-amz-json-1.0",
        "content-encoding": "gzip",
        "x-amz-target": "GraniteServiceVersion20100801.PutMetricData",
      },
      body: JSON.stringify({ Namespace: "Byodkim/Status", MetricData: [{ MetricName: "Rows", Value: 1 }] }),
    });
    expect(response.status).toBe(400);
    expect(response.headers.get("x-amzn-query-error")).toBe("InvalidParameterValue;Sender");
    expect((await state(sandbox)).metrics).toEqual([]);
  });
});
