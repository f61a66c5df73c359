import { assumedRoleName } from "../iam/roles.js";
import { callerOf } from "../principals.js";
import type { SandboxWorld } from "../world.js";
import { escapeXml, queryError, requestId, type WireRequest, type WireResponse, xml } from "./wire.js";

export const stsError = queryError("https://sts.amazonaws.com/doc/2011-06-15/");

export function stsOperation(request: WireRequest): string {
  return new URLSearchParams(request.body.toString("utf8")).get("Action") ?? "Unknown";
}

export function handleSts(world: SandboxWorld, request: WireRequest): WireResponse {
  const operation = stsOperation(request);
  if (operation !== "GetCallerIdentity") return stsError(operation, "InvalidAction", 400, "Unsupported operation in the byodkim sandbox.");
  // Whoever signed: each principal's key is answered as that principal.
  const caller = callerOf(world.principals, request.headers);
  // An assumed role's UserId is the role's id and the session name.
  const roleId = world.roles.get(assumedRoleName(caller.arn) ?? "")?.roleId ?? "AROASANDBOX";
  return xml(
    operation,
    200,
    `<GetCallerIdentityResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><GetCallerIdentityResult><Arn>${escapeXml(caller.arn)}</Arn><UserId>${roleId}:${escapeXml(caller.session)}</UserId><Account>${world.accountId}</Account></GetCallerIdentityResult><ResponseMetadata><RequestId>${requestId()}</RequestId></ResponseMetadata></GetCallerIdentityResponse>`,
  );
}
