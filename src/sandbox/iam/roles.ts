import { createHash } from "node:crypto";

/** An IAM role the sandbox's IAM knows; its permissions are the world's one policy. */
export interface SandboxRole {
  readonly name: string;
  /** `/`, or a longer path such as IAM Identity Center's `/aws-reserved/sso.amazonaws.com/ap-northeast-1/`. */
  readonly path: string;
  readonly roleId: string;
  readonly created: Date;
  /** The trust policy, as JSON text. */
  readonly trustPolicy: string;
}

/** The IAM ARN carries the path; the STS assumed-role ARN carries the name alone. */
export const roleArn = (accountId: string, role: Pick<SandboxRole, "name" | "path">) => `arn:aws:iam::${accountId}:role${role.path}${role.name}`;

/** `arn:aws:sts::ACCOUNT:assumed-role/NAME/SESSION` → NAME. */
export const assumedRoleName = (callerArn: string) => /^arn:aws:sts::\d{12}:assumed-role\/([^/]+)\//.exec(callerArn)?.[1];

const SSO_PATH = /^\/aws-reserved\/sso\.amazonaws\.com\/([a-z0-9-]+\/)?$/;
/** IAM's pathType: `/` or `/…/`, printable ASCII, at most 512 characters. */
export const isRolePath = (path: string) => path.length <= 512 && /^(\/|\/[\u0021-\u007E]+\/)$/.test(path);

/** When the sandbox's roles were "created": a fixed moment, so GetRole answers the same in every run. */
const CREATED = new Date("2024-04-01T00:00:00Z");

/** A role as IAM would hold it: an `AROA` id of 21 characters, and the trust policy a role on that path has. */
export function sandboxRole(accountId: string, name: string, path = "/"): SandboxRole {
  const digest = createHash("sha256").update(`${accountId}:${path}${name}`).digest("hex").toUpperCase();
  const trust = SSO_PATH.test(path)
    ? {
        // IAM Identity Center's roles trust the account's SAML provider, not the account itself.
        Effect: "Allow",
        Principal: { Federated: `arn:aws:iam::${accountId}:saml-provider/AWSSSO_0123456789abcdef_DO_NOT_DELETE` },
        Action: ["sts:AssumeRoleWithSAML", "sts:TagSession"],
        Condition: { StringEquals: { "SAML:aud": "https://signin.aws.amazon.com/saml" } },
      }
    : { Effect: "Allow", Principal: { AWS: `arn:aws:iam::${accountId}:root` }, Action: "sts:AssumeRole" };
  return { name, path, roleId: `AROA${digest.slice(0, 17)}`, created: CREATED, trustPolicy: JSON.stringify({ Version: "2012-10-17", Statement: [trust] }) };
}
