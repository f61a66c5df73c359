import type { SNSClient } from "@aws-sdk/client-sns";
import { topicRegion } from "../config/notifyConfig.js";
import { callAws } from "./awsErrors.js";
import type { SnsPort } from "./types.js";

/** `client(region)`: one lazily built client per region, as topics may live outside the change's region. */
export function createSnsPort(client: (region: string) => Promise<SNSClient>): SnsPort {
  return {
    async publish(topicArn, subject, message, signal) {
      const { PublishCommand } = await import("@aws-sdk/client-sns");
      const response = await callAws({ service: "SNS", action: "sns:Publish", resource: topicArn }, async () =>
        (await client(topicRegion(topicArn))).send(new PublishCommand({ TopicArn: topicArn, Subject: subject, Message: message }), { abortSignal: signal }),
      );
      return { requestId: response.$metadata.requestId, messageId: response.MessageId };
    },
  };
}
