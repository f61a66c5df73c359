import { type AuthorisationRequest, evaluatePolicy } from "./policy.js";
import type { PolicyDocument } from "./policyDocument.js";

export interface Denial {
  readonly request: AuthorisationRequest;
  readonly decision: "implicitDeny" | "explicitDeny";
  /** AWS's sentence, naming the caller, the action and the resource. */
  readonly message: string;
}

/** AWS's AccessDenied message, as the services word it since 2023 (it says why: no Allow, or a Deny). */
export function accessDeniedMessage(callerArn: string, request: AuthorisationRequest, decision: Denial["decision"]): string {
  const what = `User: ${callerArn} is not authorized to perform: ${request.action} on resource: ${request.resource}`;
  return decision === "explicitDeny"
    ? `${what} with an explicit deny in an identity-based policy`
    : `${what} because no identity-based policy allows the ${request.action} action`;
}

/** The first of the operation's requests the policy does not allow; none: the operation may go ahead. */
export function firstDenial(policy: PolicyDocument, callerArn: string, requests: readonly AuthorisationRequest[]): Denial | undefined {
  for (const request of requests) {
    const { decision } = evaluatePolicy(policy, request);
    if (decision !== "allowed") return { request, decision, message: accessDeniedMessage(callerArn, request, decision) };
  }
  return undefined;
}

/**
 * AWS's sentence for a member role's session reaching for what the operations account holds (the
 * keys bucket, a state secret): the member's own policy may allow it, but the resource's account
 * granted nothing (IAM User Guide, "Cross-account policy evaluation logic").
 */
export function crossAccountDeniedMessage(callerArn: string, request: AuthorisationRequest | undefined): string {
  if (!request) return `User: ${callerArn} is not authorized to perform this operation: a member account of the byodkim sandbox holds no such resource`;
  return `User: ${callerArn} is not authorized to perform: ${request.action} on resource: ${request.resource} because no resource-based policy allows the ${request.action} action`;
}
