import { assumeRole, parseAssumeRole, StsRejection } from "../assumeRole.js";
import type { SandboxCaller } from "../callers.js";
import type { SandboxWorld } from "../world.js";
import { escapeXml, queryError, requestId, type WireRequest, type WireResponse, xml } from "./wire.js";

const NAMESPACE = "https://sts.amazonaws.com/doc/2011-06-15/";

export const stsError = queryError(NAMESPACE);

export function stsOperation(request: WireRequest): string {
  return new URLSearchParams(request.body.toString("utf8")).get("Action") ?? "Unknown";
}

const answer = (operation: string, result: string) =>
  xml(
    operation,
    200,
    `<${operation}Response xmlns="${NAMESPACE}"><${operation}Result>${result}</${operation}Result><ResponseMetadata><RequestId>${requestId()}</RequestId></ResponseMetadata></${operation}Response>`,
  );

// STS states times to the second.
const stsTime = (date: Date) => date.toISOString().replace(/\.\d{3}Z$/, "Z");

/** Whoever signed is answered as themselves: an operations principal, or a member role's session in the member account. */
export function handleSts(world: SandboxWorld, request: WireRequest, now: Date, caller: SandboxCaller): WireResponse {
  const operation = stsOperation(request);
  if (operation === "GetCallerIdentity") {
    return answer(operation, `<Arn>${escapeXml(caller.arn)}</Arn><UserId>${escapeXml(caller.userId)}</UserId><Account>${caller.account}</Account>`);
  }
  if (operation !== "AssumeRole") return stsError(operation, "InvalidAction", 400, "Unsupported operation in the byodkim sandbox.");
  try {
    const session = assumeRole(world, caller, parseAssumeRole(new URLSearchParams(request.body.toString("utf8"))), now);
    return answer(
      operation,
      `<Credentials><AccessKeyId>${session.accessKeyId}</AccessKeyId><SecretAccessKey>${escapeXml(session.secretAccessKey)}</SecretAccessKey><SessionToken>${escapeXml(session.sessionToken)}</SessionToken><Expiration>${stsTime(session.expiration)}</Expiration></Credentials><AssumedRoleUser><AssumedRoleId>${escapeXml(session.assumedRoleId)}</AssumedRoleId><Arn>${escapeXml(session.arn)}</Arn></AssumedRoleUser>`,
    );
  } catch (err) {
    if (err instanceof StsRejection) return stsError(operation, err.code, err.status, err.message);
    throw err;
  }
}
