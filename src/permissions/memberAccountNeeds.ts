import type { ByodkimConfig } from "../config/config.js";
import type { PermissionNeed } from "./needs.js";

const SES_IDENTITY_ARN = /^arn:aws(?:-[a-z]+)*:ses:[^:]*:(\d{12}):identity\//;

/** The account an SES need's identity is in; undefined: not an identity's (ListEmailIdentities' `*`, another service). */
export function sesIdentityAccount(need: PermissionNeed): string | undefined {
  return need.action.startsWith("ses:") ? SES_IDENTITY_ARN.exec(need.resource)?.[1] : undefined;
}

const callsSes = (needs: readonly PermissionNeed[]) => needs.some((need) => need.action.startsWith("ses:"));

/**
 * The operations account's share of `needs`: everything but SES on a member account's identity (that
 * SES is the member role's to grant), and, when the commands call SES at all, sts:AssumeRole on each
 * member account's role, through which byodkim reaches those identities.
 */
export function operationsAccountNeeds(needs: readonly PermissionNeed[], config: Pick<ByodkimConfig, "accountId" | "accounts">): PermissionNeed[] {
  const own = needs.filter((need) => {
    const account = sesIdentityAccount(need);
    return account === undefined || account === config.accountId;
  });
  const roles = callsSes(needs) ? (config.accounts ?? []).map((member) => ({ action: "sts:AssumeRole", resource: member.roleArn })) : [];
  return [...own, ...roles];
}

/** A member account's share of `needs`: SES on its own identities, and SES's actions that have no resource type (`*`). */
export function memberAccountSesNeeds(needs: readonly PermissionNeed[], memberAccount: string): PermissionNeed[] {
  return needs.filter((need) => need.action.startsWith("ses:") && (need.resource === "*" || sesIdentityAccount(need) === memberAccount));
}
