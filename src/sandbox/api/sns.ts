import type { SandboxWorld } from "../world.js";
import { queryError, requestId, signingRegion, type WireRequest, type WireResponse, xml } from "./wire.js";

const NAMESPACE = "http://sns.amazonaws.com/doc/2010-03-31/";
/** SNS: "Subjects must be … less than 100 characters long" (Publish, API Reference). */
const SUBJECT_MAX = 99;

/** SNS's Query errors (the model's NotFoundException is code NotFound, 404). */
export const snsError = queryError(NAMESPACE);

const snsParams = (request: WireRequest) => new URLSearchParams(request.body.toString("utf8"));

export function snsOperation(request: WireRequest): string {
  return snsParams(request).get("Action") ?? "Unknown";
}

/** Publish only: every topic of the sandbox's account exists, in the region its ARN names. */
export function handleSns(world: SandboxWorld, request: WireRequest, now: Date): WireResponse {
  const params = snsParams(request);
  const operation = params.get("Action") ?? "Unknown";
  if (operation !== "Publish") return snsError(operation, "InvalidAction", 400, "Unsupported operation in the byodkim sandbox.");
  const topicArn = params.get("TopicArn") ?? "";
  const message = params.get("Message");
  const subject = params.get("Subject");
  if (message === null || message === "") return snsError(operation, "InvalidParameter", 400, "Invalid parameter: Empty message");
  if (subject !== null && ([...subject].length > SUBJECT_MAX || /[\r\n\t]/.test(subject) || subject.trim() === "")) {
    return snsError(operation, "InvalidParameter", 400, "Invalid parameter: Subject");
  }
  const [, , service, region = "", account] = topicArn.split(":");
  // A topic is reached at its own region's endpoint: another region's client does not find it.
  const requestRegion = signingRegion(request.headers);
  if (service !== "sns" || account !== world.accountId || (requestRegion !== undefined && requestRegion !== region)) {
    return snsError(operation, "NotFound", 404, "Topic does not exist");
  }
  const messageId = requestId();
  world.notices.push({ time: now.toISOString(), region, topicArn, subject, message, messageId });
  return xml(
    operation,
    200,
    `<PublishResponse xmlns="${NAMESPACE}"><PublishResult><MessageId>${messageId}</MessageId></PublishResult><ResponseMetadata><RequestId>${requestId()}</RequestId></ResponseMetadata></PublishResponse>`,
  );
}
