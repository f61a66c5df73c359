import type { ByodkimConfig, MemberAccount, OrganizationAccounts } from "../config/config.js";
import { normaliseDomain, parseRoleArn } from "../config/names.js";
import { byodkimError } from "../errors.js";
import { type Msg, msg } from "../messages/msg.js";
import { POLICY_AUDIENCES, refuseRole } from "./iamPolicy.js";
import { memberAccountSesNeeds } from "./memberAccountNeeds.js";
import { type PermissionNeed, permissionNeeds } from "./needs.js";
import { ownRoleArn, type PolicyDocument, policyOfNeeds, policyScope } from "./policy.js";

/** A role's trust policy: who may assume it, and on what condition. */
export interface TrustPolicyDocument {
  readonly Version: "2012-10-17";
  readonly Statement: readonly {
    readonly Sid: string;
    readonly Effect: "Allow";
    readonly Principal: { readonly AWS: string };
    readonly Action: "sts:AssumeRole";
    readonly Condition?: { readonly StringEquals: { readonly "sts:ExternalId": string } };
  }[];
}

export interface TargetPolicyResult {
  readonly command: "iam-policy";
  readonly for: "target";
  /** The member account the role is in. */
  readonly account: string;
  readonly operationsAccount: string;
  /** The role byodkim assumes there (config `accounts[].roleArn`). */
  readonly roleArn: string;
  /** The principal the trust policy names: the operators' role, or the operations account as a whole. */
  readonly trustedPrincipal: string;
  /** The account's identities, each in the regions SES has it in. */
  readonly identities: readonly { readonly domain: string; readonly regions: readonly string[] }[];
  readonly domains: readonly string[];
  readonly permissionPolicy: PolicyDocument;
  readonly trustPolicy: TrustPolicyDocument;
  readonly warnings: readonly Msg[];
}

/** Every command any audience runs: whatever SES call one of them makes in the member account, the role grants. */
const EVERY_COMMAND = [...new Set(Object.values(POLICY_AUDIENCES).flat())];

/**
 * The role byodkim assumes in member account `account`, from the config alone: its permission policy
 * (the SES calls the commands make on the account's own identities, and the permission preflight on
 * the role itself; nothing of the keys, state or locks, which stay in the operations account) and
 * its trust policy (the operators' role, or the operations account, with the external id if any).
 */
export function targetPolicy(
  config: ByodkimConfig,
  input: { domain: string | undefined; account: string | undefined; region: string; role?: string | undefined },
): TargetPolicyResult {
  const member = config.organization === undefined ? chosenAccount(config, input.account) : organizationAccount(config, config.organization, input.account);
  if (input.domain !== undefined) throw byodkimError("usage", "iamPolicy.target.domain", { domain: input.domain });
  if (input.role !== undefined) refuseRole(input.role, config.accountId);
  // An organization's identities are found at run time: every identity of the account, in the regions they are looked for in.
  const organizationRegions = config.organization === undefined ? undefined : (config.organization.regions ?? [input.region]);
  const identities =
    organizationRegions === undefined
      ? config.identities
          .filter((identity) => identity.account === member.id)
          .map((identity) => ({ domain: normaliseDomain(identity.domain) ?? identity.domain, regions: identity.regions ?? [input.region] }))
      : [{ domain: "*", regions: organizationRegions }];
  // A scope in one region watches the other identities there too: only each identity's own regions are granted.
  const granted = new Set(identities.flatMap(({ domain, regions }) => regions.map((region) => `arn:aws:ses:${region}:${member.id}:identity/${domain}`)));
  const sesNeeds = identities.flatMap(({ domain, regions }) =>
    regions.flatMap((region) => {
      const scope = { ...policyScope(config, domain, region), sesAccount: member.id, ownRole: member.roleArn };
      const needs = memberAccountSesNeeds(
        EVERY_COMMAND.flatMap((command) => permissionNeeds(command, scope)),
        member.id,
      );
      return needs.filter((need) => need.resource === "*" || granted.has(need.resource));
    }),
  );
  // The preflight, run inside the member account, simulates the role's SES needs as the role itself.
  const preflight: PermissionNeed[] = [
    { action: "iam:SimulatePrincipalPolicy", resource: member.roleArn },
    { action: "iam:GetRole", resource: member.roleArn },
  ];
  const trustedPrincipal = input.role === undefined ? `arn:aws:iam::${config.accountId}:root` : ownRoleArn(input.role, config.accountId);
  return {
    command: "iam-policy",
    for: "target",
    account: member.id,
    operationsAccount: config.accountId,
    roleArn: member.roleArn,
    trustedPrincipal,
    identities,
    domains: identities.map(({ domain }) => domain),
    permissionPolicy: policyOfNeeds([...sesNeeds, ...preflight], {}),
    trustPolicy: trustPolicyFor(member, trustedPrincipal),
    warnings: [
      ...(organizationRegions === undefined ? [] : [msg("iamPolicy.target.organization", { account: member.id, regions: organizationRegions.join(", ") })]),
      ...(input.role === undefined ? [msg("iamPolicy.target.anyPrincipal", { account: config.accountId })] : []),
    ],
  };
}

function trustPolicyFor(member: MemberAccount, principal: string): TrustPolicyDocument {
  return {
    Version: "2012-10-17",
    Statement: [
      {
        Sid: "ByodkimOperations",
        Effect: "Allow",
        Principal: { AWS: principal },
        Action: "sts:AssumeRole",
        ...(member.externalId === undefined ? {} : { Condition: { StringEquals: { "sts:ExternalId": member.externalId } } }),
      },
    ],
  };
}

/** `--account` as one of the config's member accounts; anything else is refused naming those there are. */
function chosenAccount(config: ByodkimConfig, account: string | undefined): MemberAccount {
  const accounts = config.accounts ?? [];
  if (accounts.length === 0) throw byodkimError("usage", "iamPolicy.target.noAccounts");
  const ids = accounts.map((member) => member.id).join(", ");
  if (account === undefined) throw byodkimError("usage", "iamPolicy.target.noAccount", { ids });
  const member = accounts.find((candidate) => candidate.id === account);
  if (member === undefined) throw byodkimError("usage", "iamPolicy.target.unknownAccount", { value: JSON.stringify(account), ids });
  return member;
}

/** `--account` for an organization's config: any member account's id (its identities and role are the organization's, found at run time). */
function organizationAccount(config: ByodkimConfig, organization: OrganizationAccounts, account: string | undefined): MemberAccount {
  if (account === undefined || !/^\d{12}$/.test(account) || account === config.accountId) {
    throw byodkimError("usage", "iamPolicy.target.organizationBadAccount", { value: JSON.stringify(account ?? ""), operations: config.accountId });
  }
  return {
    id: account,
    roleArn: `arn:aws:iam::${account}:role/${organization.roleName}`,
    ...(organization.externalId === undefined ? {} : { externalId: organization.externalId }),
  };
}

/** The role's name and its path as `aws iam create-role` takes them (`/` when the ARN has none). */
export function roleNameAndPath(roleArn: string): { name: string; path: string } {
  // The config's role ARNs were checked as one when read; an organization's are made from a role name.
  const { name, path } = parseRoleArn(roleArn) ?? { name: roleArn.slice(roleArn.lastIndexOf("/") + 1), path: "/" };
  return { name, path };
}
