import type { ByodkimConfig } from "../config/config.js";
import type { PermissionNeed } from "./needs.js";

const SES_IDENTITY_ARN = /^arn:aws(?:-[a-z]+)*:ses:[^:]*:(\d{12}):identity\//;

/** The account an SES need's identity is in; undefined: not an identity's (ListEmailIdentities' `*`, another service). */
export function sesIdentityAccount(need: PermissionNeed): string | undefined {
  return need.action.startsWith("ses:") ? SES_IDENTITY_ARN.exec(need.resource)?.[1] : undefined;
}

const callsSes = (needs: readonly PermissionNeed[]) => needs.some((need) => need.action.startsWith("ses:"));

/** IAM's policy variable for the caller's organization: IAM fills it in when it judges the request. */
// biome-ignore lint/suspicious/noTemplateCurlyInString: an IAM policy variable, IAM's to resolve, not a JavaScript template
const CALLERS_ORGANIZATION = "${aws:PrincipalOrgID}";

/**
 * With `accounts: { fromOrganization: true }` every command that builds a context lists the
 * organization's accounts and each member's SES through the role of that name first: ListAccounts
 * (no resource type: `*`), and AssumeRole on that role in any account, only within the caller's
 * own organization (aws:ResourceOrgID), as no account id is known before the run.
 */
export function organizationNeeds(config: Pick<ByodkimConfig, "organization">): PermissionNeed[] {
  if (config.organization === undefined) return [];
  return [
    { action: "organizations:ListAccounts", resource: "*" },
    {
      action: "sts:AssumeRole",
      resource: `arn:aws:iam::*:role/${config.organization.roleName}`,
      conditions: [{ operator: "StringEquals", key: "aws:ResourceOrgID", values: [CALLERS_ORGANIZATION] }],
    },
  ];
}

/**
 * The operations account's share of `needs`: everything but SES on a member account's identity (that
 * SES is the member role's to grant), and, when the commands call SES at all, sts:AssumeRole on each
 * member account's role, through which byodkim reaches those identities.
 */
export function operationsAccountNeeds(
  needs: readonly PermissionNeed[],
  config: Pick<ByodkimConfig, "accountId" | "accounts" | "organization">,
): PermissionNeed[] {
  const own = needs.filter((need) => {
    const account = sesIdentityAccount(need);
    return account === undefined || account === config.accountId;
  });
  const roles = callsSes(needs) ? (config.accounts ?? []).map((member) => ({ action: "sts:AssumeRole", resource: member.roleArn })) : [];
  // Only commands that reach SES look the organization's accounts up (approve does not).
  return [...own, ...roles, ...(callsSes(needs) ? organizationNeeds(config) : [])];
}

/** A member account's share of `needs`: SES on its own identities, and SES's actions that have no resource type (`*`). */
export function memberAccountSesNeeds(needs: readonly PermissionNeed[], memberAccount: string): PermissionNeed[] {
  return needs.filter((need) => need.action.startsWith("ses:") && (need.resource === "*" || sesIdentityAccount(need) === memberAccount));
}
