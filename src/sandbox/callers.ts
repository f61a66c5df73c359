import type { IncomingMessage } from "node:http";
import { signingAccessKeyId } from "./api/wire.js";
import { assumedRoleName, roleArn } from "./iam/roles.js";
import { callerOf } from "./principals.js";
import type { SandboxMemberAccount, SandboxSession, SandboxWorld } from "./world.js";

/** Whoever signed a request, as every service sees them. */
export interface SandboxCaller {
  /** The caller ARN: an operations principal's, or a member role's session's. */
  readonly arn: string;
  /** The account the request acts in. */
  readonly account: string;
  /** STS's UserId: the role's id and the session name. */
  readonly userId: string;
  /** The IAM ARN of the role the caller's session is of (what a trust policy names); undefined when the sandbox knows no such role. */
  readonly roleArn: string | undefined;
  /** Set when a session of a member account's role signed: SES, STS and IAM answer in that account, nothing else does. */
  readonly member?: SandboxMemberAccount;
  readonly session?: SandboxSession;
}

/** Why a request's credentials are refused before any service looks at it. */
export type CredentialRejection = "expired" | "invalid";

export type SignerResolution = { readonly caller: SandboxCaller } | { readonly rejected: CredentialRejection };

/** Temporary credentials (STS's) have key ids starting ASIA; long-term ones AKIA. */
const isTemporaryKeyId = (keyId: string | undefined) => keyId?.startsWith("ASIA") === true;

const header = (headers: IncomingMessage["headers"], name: string) => {
  const value = headers[name];
  return typeof value === "string" ? value : undefined;
};

/**
 * Who signed the request. A long-term key is an operations principal (an unknown one the
 * operator, as before there were sessions); an `ASIA…` key is an AssumeRole session, which must
 * carry its session token and be unexpired on the sandbox's clock. The sandbox checks no signature.
 */
export function signerOf(world: SandboxWorld, headers: IncomingMessage["headers"], now: Date): SignerResolution {
  const keyId = signingAccessKeyId(headers);
  if (!isTemporaryKeyId(keyId)) return { caller: principalCaller(world, headers) };
  const session = world.sessions.get(keyId!);
  const member = session && world.members.get(session.account);
  // A temporary key without its token is as unknown to AWS as a made-up one.
  if (!session || !member || header(headers, "x-amz-security-token") !== session.sessionToken) return { rejected: "invalid" };
  if (now.getTime() >= session.expiration.getTime()) return { rejected: "expired" };
  return {
    caller: { arn: session.arn, account: member.id, userId: session.assumedRoleId, roleArn: roleArn(member.id, member.role), member, session },
  };
}

function principalCaller(world: SandboxWorld, headers: IncomingMessage["headers"]): SandboxCaller {
  const principal = callerOf(world.principals, headers);
  const role = world.roles.get(assumedRoleName(principal.arn) ?? "");
  return {
    arn: principal.arn,
    account: world.accountId,
    // An assumed role's UserId is the role's id and the session name.
    userId: `${role?.roleId ?? "AROASANDBOX"}:${principal.session}`,
    roleArn: role && roleArn(world.accountId, role),
  };
}
