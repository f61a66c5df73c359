import type { STSClient } from "@aws-sdk/client-sts";
import type { AwsCredentialIdentity } from "@smithy/types";
import { ByodkimError } from "../errors.js";
import { msg } from "../messages/msg.js";
import { translateAwsError } from "./awsErrors.js";

/** The role a member account is reached through (config `accounts:`). */
export interface RoleToAssume {
  readonly account: string;
  readonly roleArn: string;
  readonly externalId?: string | undefined;
}

export interface AssumeRoleDeps {
  /** The operations account's STS client: the operator's own credentials assume the role. */
  readonly sts: () => Promise<STSClient>;
  /** The role session name, which the member account's CloudTrail shows beside every call. */
  readonly sessionName: () => Promise<string>;
  readonly now: () => number;
  /** How far STS's clock is ahead of `now` (a rehearsal's sandbox calendar; 0 against AWS): the expiry it stamps is read back onto `now`. */
  readonly serviceAheadMs?: number;
}

/** One hour, STS's default and what every role allows without raising its maximum session duration. */
export const ASSUMED_ROLE_SECONDS = 3600;
/** Credentials this close to their expiry are assumed again, so no call is signed with a key that ends on its way. */
export const REFRESH_BEFORE_EXPIRY_MS = 5 * 60_000;

/**
 * The member account's credentials: the role assumed on first use, kept for the run, and assumed
 * again shortly before they expire (a change that waits an hour for DNS outlives one session).
 * A failed attempt is not remembered: the next call tries again.
 */
export function assumedRoleCredentials(role: RoleToAssume, deps: AssumeRoleDeps): () => Promise<AwsCredentialIdentity> {
  let current: Promise<AwsCredentialIdentity> | undefined;
  const fresh = (credentials: AwsCredentialIdentity) =>
    credentials.expiration === undefined || credentials.expiration.getTime() - deps.now() > REFRESH_BEFORE_EXPIRY_MS;
  return async () => {
    if (current) {
      const held = await current.catch(() => undefined);
      if (held && fresh(held)) return held;
    }
    const attempt = assume(role, deps);
    current = attempt;
    attempt.catch(() => {
      if (current === attempt) current = undefined;
    });
    return attempt;
  };
}

async function assume(role: RoleToAssume, deps: AssumeRoleDeps): Promise<AwsCredentialIdentity> {
  const [{ AssumeRoleCommand }, client, sessionName] = await Promise.all([import("@aws-sdk/client-sts"), deps.sts(), deps.sessionName()]);
  try {
    const response = await client.send(
      new AssumeRoleCommand({
        RoleArn: role.roleArn,
        RoleSessionName: sessionName,
        DurationSeconds: ASSUMED_ROLE_SECONDS,
        ...(role.externalId === undefined ? {} : { ExternalId: role.externalId }),
      }),
    );
    const credentials = response.Credentials;
    if (!credentials?.AccessKeyId || !credentials.SecretAccessKey) throw new Error("AssumeRole answered without credentials");
    return {
      accessKeyId: credentials.AccessKeyId,
      secretAccessKey: credentials.SecretAccessKey,
      ...(credentials.SessionToken ? { sessionToken: credentials.SessionToken } : {}),
      // On this machine's clock, which the SDK also judges expiry by: the session's length, not the service's calendar.
      ...(credentials.Expiration ? { expiration: new Date(new Date(credentials.Expiration).getTime() - (deps.serviceAheadMs ?? 0)) } : {}),
    };
  } catch (err) {
    throw assumeRoleError(err, role);
  }
}

/**
 * AWS answers AccessDenied alike for a role that does not trust the caller, a wrong external id and a
 * caller whose own policy lacks sts:AssumeRole: the sentence names the role and the account, the hint all three.
 */
export function assumeRoleError(err: unknown, role: RoleToAssume): ByodkimError {
  if (err instanceof ByodkimError) return err;
  const translated = translateAwsError(err, { service: "STS", action: "sts:AssumeRole", resource: role.roleArn });
  if (translated.what.key !== "aws.accessDenied") return translated;
  const requestId = (err as { $metadata?: { requestId?: string } }).$metadata?.requestId ?? "-";
  return new ByodkimError(
    "aws",
    msg("account.assumeDenied", { role: role.roleArn, account: role.account, requestId }),
    msg("account.assumeDenied.hint", { account: role.account }),
    translated.detail,
  );
}

/**
 * `byodkim-` and who the operator is (their role session, or IAM user), so the member account's
 * CloudTrail names the person behind each change: STS allows 2–64 of `[\w+=,.@-]`.
 */
export function roleSessionName(callerArn: string): string {
  // The resource part of the ARN (`assumed-role/ROLE/SESSION`, `user/PATH/NAME`, `root`): its last segment.
  const resource = callerArn.split(":").slice(5).join(":");
  const who = resource.split("/").at(-1) || "operator";
  const name = `byodkim-${who.replace(/[^\w+=,.@-]/g, "-")}`;
  return name.slice(0, 64);
}
