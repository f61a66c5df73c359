import type { IncomingMessage } from "node:http";
import { signingAccessKeyId } from "./api/wire.js";

/**
 * Someone who signs requests to the sandbox with an access key of their own, and whom STS answers
 * as themselves: two of them make a second person's approval something a rehearsal can show.
 */
export interface SandboxPrincipal {
  /** What `byodkim sandbox --env --as` takes. */
  readonly name: SandboxPrincipalName;
  /** What STS's GetCallerIdentity answers for this principal's key. */
  readonly arn: string;
  /** The assumed-role session name, the part of the ARN that tells two people of one role apart. */
  readonly session: string;
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
}

/** The operator, whose keys `sandbox --env` gives, and the colleague who approves the operator's plans. */
export const SANDBOX_PRINCIPAL_NAMES = ["operator", "approver"] as const;
export type SandboxPrincipalName = (typeof SANDBOX_PRINCIPAL_NAMES)[number];

export const isSandboxPrincipalName = (name: string): name is SandboxPrincipalName => (SANDBOX_PRINCIPAL_NAMES as readonly string[]).includes(name);

/**
 * Both sign in to the same role, as two operators of one IAM Identity Center permission set do:
 * the session name alone makes them two people, which is the case approval must get right.
 * STS names the role alone; its path shows only in the IAM ARN that GetRole answers.
 */
export function sandboxPrincipals(accountId: string, roleName: string): readonly [SandboxPrincipal, SandboxPrincipal] {
  const assumed = (session: string) => `arn:aws:sts::${accountId}:assumed-role/${roleName}/${session}`;
  return [
    {
      name: "operator",
      arn: assumed("operator"),
      session: "operator",
      accessKeyId: "AKIASANDBOXOPERATOR",
      secretAccessKey: "sandbox-secret-access-key",
    },
    {
      name: "approver",
      arn: assumed("approver"),
      session: "approver",
      accessKeyId: "AKIASANDBOXAPPROVER",
      secretAccessKey: "sandbox-approver-secret-access-key",
    },
  ];
}

/**
 * Whose key signed the request. The sandbox checks no signature, and never has: a key it does not
 * know (or none) is taken for the operator, as every request was before there were two principals.
 */
export function callerOf(principals: readonly [SandboxPrincipal, ...SandboxPrincipal[]], headers: IncomingMessage["headers"]): SandboxPrincipal {
  const keyId = signingAccessKeyId(headers);
  return principals.find((principal) => principal.accessKeyId === keyId) ?? principals[0];
}
