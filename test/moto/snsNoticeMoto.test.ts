import { SNSClient } from "@aws-sdk/client-sns";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createSnsPort } from "../../src/aws/sns.js";
import { noticeChannels } from "../../src/notify/channels.js";
import type { NoticeFacts } from "../../src/notify/notice.js";
import { createNotifier } from "../../src/notify/notifier.js";
import { motoAvailable, startMoto } from "../support/motoServer.js";
import { CONFIRMED_NOTICE } from "../support/notices.js";

// A change notice through byodkim's own SNS adapter into moto's SNS, an SNS nobody here wrote, read
// back from an SQS queue subscribed to the topic, as a mail-ops queue would receive it. The topic
// and the queue are set up with plain Query requests: the test needs no SQS client of its own.
const haveMoto = motoAvailable("the check of change notices against moto's SNS");

const REGION = "ap-northeast-1";
let moto: Awaited<ReturnType<typeof startMoto>> | undefined;

/** One Query request to moto; moto reads the service and region from the credential scope and checks no signature. */
async function query(service: "sns" | "sqs", path: string, params: Record<string, string>): Promise<string> {
  const response = await fetch(`${moto!.endpoint}${path}`, {
    method: "POST",
    headers: {
      "content-type": "application/x-www-form-urlencoded",
      authorization: `AWS4-HMAC-SHA256 Credential=testing/20261201/${REGION}/${service}/aws4_request, SignedHeaders=host, Signature=00`,
    },
    body: new URLSearchParams(params).toString(),
  });
  expect(response.status).toBe(200);
  return response.text();
}
const between = (text: string, tag: string) => new RegExp(`<${tag}>([^<]*)</${tag}>`).exec(text)?.[1] ?? "";
const unescapeXml = (text: string) => text.replaceAll("&quot;", '"').replaceAll("&lt;", "<").replaceAll("&gt;", ">").replaceAll("&amp;", "&");

const facts: NoticeFacts = { ...CONFIRMED_NOTICE, event: "change-succeeded", region: REGION, outcome: "completed" };

beforeAll(async () => {
  if (haveMoto) moto = await startMoto();
}, 40_000);
afterAll(() => moto?.stop());

describe.skipIf(!haveMoto)("change notices against moto's SNS, read back through SQS", () => {
  it("publishes the notice with its subject and text, as a subscribed queue receives it", async () => {
    const topicArn = between(await query("sns", "/", { Action: "CreateTopic", Name: "dkim-changes", Version: "2010-03-31" }), "TopicArn");
    const queueUrl = between(await query("sqs", "/", { Action: "CreateQueue", QueueName: "mail-ops", Version: "2012-11-05" }), "QueueUrl");
    await query("sns", "/", {
      Action: "Subscribe",
      TopicArn: topicArn,
      Protocol: "sqs",
      Endpoint: `arn:aws:sqs:${REGION}:123456789012:mail-ops`,
      Version: "2010-03-31",
    });

    const sns = createSnsPort(
      async (region) =>
        new SNSClient({ endpoint: moto!.endpoint, region, credentials: { accessKeyId: "testing", secretAccessKey: "testing" }, maxAttempts: 1 }),
    );
    const notifier = createNotifier(noticeChannels({ sns: [topicArn], webhooks: [], lang: "ja" }, { sns, post: async () => 500 }));
    notifier.send(facts, null);
    expect(await notifier.settle()).toMatchObject([{ target: `sns:${topicArn}`, ok: true }]);

    const received = await query("sqs", new URL(queueUrl).pathname, { Action: "ReceiveMessage", MaxNumberOfMessages: "10", Version: "2012-11-05" });
    const envelope = JSON.parse(unescapeXml(between(received, "Body"))) as { Subject: string; Message: string; TopicArn: string };
    expect(envelope.TopicArn).toBe(topicArn);
    expect(envelope.Subject).toBe("byodkim enable（goo.ne.jp）：成功しました");
    expect(envelope.Message).toContain(facts.operator);
    expect(envelope.Message).toContain(facts.selector);
  }, 30_000);

  it("fails a publish to a topic that does not exist as a notice failure, not an exception", async () => {
    const sns = createSnsPort(
      async (region) =>
        new SNSClient({ endpoint: moto!.endpoint, region, credentials: { accessKeyId: "testing", secretAccessKey: "testing" }, maxAttempts: 1 }),
    );
    const notifier = createNotifier(
      noticeChannels({ sns: [`arn:aws:sns:${REGION}:123456789012:nobody`], webhooks: [], lang: "en" }, { sns, post: async () => 200 }),
    );
    notifier.send(facts, null);
    const [result] = await notifier.settle();
    expect(result).toMatchObject({ ok: false, warning: { key: "notice.failed.aws" } });
  });
});
