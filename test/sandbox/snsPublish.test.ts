import { PublishCommand, SNSClient } from "@aws-sdk/client-sns";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createSnsPort } from "../../src/aws/sns.js";
import { startSandbox, type Sandbox } from "../../src/sandbox/start.js";

let box: Sandbox;
const client = (region: string) =>
  new SNSClient({ endpoint: box.endpoint, region, credentials: { accessKeyId: "AKIASANDBOX", secretAccessKey: "sandbox" }, maxAttempts: 1 });
const topic = (region: string) => `arn:aws:sns:${region}:${box.world.accountId}:dkim-changes`;

beforeAll(async () => {
  box = await startSandbox({ scenario: "good" });
});
afterAll(() => box.stop());

describe("the sandbox's SNS (Query protocol, Publish)", () => {
  it("keeps each published notice, in the region its topic ARN names", async () => {
    const port = createSnsPort(async (region) => client(region));
    const sent = await port.publish(topic("us-east-1"), "byodkim enable on goo.ne.jp: succeeded", "body text", new AbortController().signal);
    expect(sent.messageId).toMatch(/.+/);
    expect(box.world.notices.at(-1)).toMatchObject({
      region: "us-east-1",
      topicArn: topic("us-east-1"),
      subject: "byodkim enable on goo.ne.jp: succeeded",
      message: "body text",
    });
    const state = (await (await fetch(`${box.endpoint}/_sandbox/state`)).json()) as { notices: unknown[] };
    expect(state.notices).toHaveLength(box.world.notices.length);
  });

  it("finds no topic of another account, nor one asked for at another region's endpoint", async () => {
    await expect(
      client("ap-northeast-1").send(new PublishCommand({ TopicArn: "arn:aws:sns:ap-northeast-1:999999999999:t", Message: "m" })),
    ).rejects.toMatchObject({
      name: "NotFoundException",
    });
    await expect(client("ap-northeast-1").send(new PublishCommand({ TopicArn: topic("us-east-1"), Message: "m" }))).rejects.toMatchObject({
      name: "NotFoundException",
    });
  });

  it("refuses a subject of 100 characters or more, as SNS does", async () => {
    await expect(
      client("ap-northeast-1").send(new PublishCommand({ TopicArn: topic("ap-northeast-1"), Subject: "x".repeat(100), Message: "m" })),
    ).rejects.toMatchObject({ name: "InvalidParameterException" });
  });

  it("translates a refusal through callAws into an operator sentence", async () => {
    const port = createSnsPort(async (region) => client(region));
    await expect(port.publish("arn:aws:sns:ap-northeast-1:999999999999:t", "s", "m", new AbortController().signal)).rejects.toMatchObject({
      kind: "aws",
    });
  });
});
