import { type ByodkimConfig, privateKeyObjectKey } from "../config/config.js";
import { byodkimError } from "../errors.js";
import { operationsAccountNeeds } from "./memberAccountNeeds.js";
import { APPROVER_COMMANDS, OPERATOR_COMMANDS, type PermissionCommand, permissionNeeds, READONLY_COMMANDS, UNATTENDED_COMMANDS } from "./needs.js";
import { type PolicyDocument, policyOfNeeds, policyScope } from "./policy.js";
import { normaliseDomain } from "../config/names.js";
import { type Msg, msg } from "../messages/msg.js";
import { roleAccount, roleRefusal } from "./principal.js";

export type PolicyAudience = "operator" | "readonly" | "approver" | "unattended";

export const POLICY_AUDIENCES: Readonly<Record<PolicyAudience, readonly PermissionCommand[]>> = {
  operator: OPERATOR_COMMANDS,
  readonly: READONLY_COMMANDS,
  approver: APPROVER_COMMANDS,
  unattended: UNATTENDED_COMMANDS,
};

const isAudience = (value: string): value is PolicyAudience => Object.hasOwn(POLICY_AUDIENCES, value);

export interface IamPolicyResult {
  readonly command: "iam-policy";
  readonly for: PolicyAudience;
  readonly domain: string;
  readonly region: string;
  readonly account: string;
  /** The byodkim commands the policy lets its holder run. */
  readonly commands: readonly PermissionCommand[];
  /** The operators' role the preflight may simulate (--role); null: any role of the account. */
  readonly role: string | null;
  readonly policy: PolicyDocument;
  /** What the config makes wider than it looks (a key template without the domain). */
  readonly warnings: readonly Msg[];
}

/** The least-privilege policy for the config, from the config alone: no AWS call, no credentials needed. */
export function iamPolicy(
  config: ByodkimConfig,
  input: { domain: string | undefined; audience: string; region: string; role?: string | undefined; account?: string | undefined; trust?: boolean },
): IamPolicyResult {
  if (!isAudience(input.audience)) throw byodkimError("usage", "iamPolicy.badAudience", { value: input.audience });
  if (input.account !== undefined) throw byodkimError("usage", "iamPolicy.accountNotTarget", { audience: input.audience });
  if (input.trust === true) throw byodkimError("usage", "iamPolicy.trustNotTarget");
  const rawDomain = input.domain ?? config.domain;
  if (rawDomain === undefined) throw byodkimError("usage", "input.noDomain", undefined, "input.noDomain.hint");
  const domain = normaliseDomain(rawDomain);
  if (domain === undefined) throw byodkimError("input", "input.badDomain", { domain: rawDomain });
  if (input.role !== undefined) refuseRole(input.role, config.accountId);
  const commands = POLICY_AUDIENCES[input.audience];
  const kmsAlias = config.keys.kmsKeyId?.startsWith("alias/") ? config.keys.kmsKeyId : undefined;
  const scope = policyScope(withAnyFoundIdentity(config), domain, input.region, input.role);
  // SES on a member account's identity is that account's role's to grant (iam-policy --for target); this one assumes the role.
  const needs = operationsAccountNeeds(
    commands.flatMap((command) => permissionNeeds(command, scope)),
    config,
  );
  return {
    command: "iam-policy",
    for: input.audience,
    domain,
    region: input.region,
    account: config.accountId,
    commands,
    role: input.role ?? null,
    policy: policyOfNeeds(needs, scope, kmsAlias),
    warnings: [
      ...keyTemplatesWithoutDomain(config, domain),
      ...route53AnyZone(config, commands),
      ...(config.organization === undefined || !needs.some((need) => need.action === "organizations:ListAccounts")
        ? []
        : [msg("iamPolicy.organization", { roleName: config.organization.roleName })]),
    ],
  };
}

/** The member account an organization's identities found at run time stand in: never a real account (AWS's ids are not all zeros). */
const FOUND_ACCOUNT = "000000000000";

/**
 * With `accounts: { fromOrganization: true }` any domain may be found in a member account at run
 * time, and byodkim keeps its key, lock and state secret here: the policy grants them for every
 * domain (`*`), as an identity of a member account, so its SES stays the member role's to grant.
 */
function withAnyFoundIdentity(config: ByodkimConfig): ByodkimConfig {
  const organization = config.organization;
  if (organization === undefined) return config;
  return {
    ...config,
    identities: [
      ...config.identities,
      { domain: "*", regions: organization.regions, selectorPrefix: config.selectorPrefix, keys: config.keys, account: FOUND_ACCOUNT },
    ],
    accounts: [...(config.accounts ?? []), { id: FOUND_ACCOUNT, roleArn: `arn:aws:iam::${FOUND_ACCOUNT}:role/${organization.roleName}` }],
  };
}

/** `--role` as the operators' role: a role name, or a role's ARN in the operations account. */
export function refuseRole(role: string, account: string): void {
  const refusal = roleRefusal(role, account);
  const value = JSON.stringify(role);
  if (refusal === "badRole") throw byodkimError("usage", "iamPolicy.badRole", { value });
  if (refusal === "otherAccount") throw byodkimError("usage", "iamPolicy.roleOtherAccount", { value, roleAccount: roleAccount(role), account });
}

/** Route 53 publishing without a zone id: the zone is found at run time, so the grant names every zone of the account (the names stay limited). */
function route53AnyZone(config: ByodkimConfig, commands: readonly PermissionCommand[]): Msg[] {
  const publish = config.dns.publish;
  const publishes = commands.some((command) => command === "keygen" || command === "retire" || command === "rollback");
  return publish?.provider === "route53" && publish.hostedZoneId === undefined && publishes ? [msg("dnsPublish.iamAnyZone")] : [];
}

/** A key template without `{domain}` puts every domain's keys under one pattern, and the policy grants them all. */
function keyTemplatesWithoutDomain(config: ByodkimConfig, domain: string): Msg[] {
  const all = [{ domain, keys: config.keys }, ...config.identities];
  const seen = new Set<string>();
  return all.flatMap(({ domain: name, keys }) => {
    const key = `${keys.bucket}/${keys.key}`;
    if (keys.key.includes("{domain}") || seen.has(key)) return [];
    seen.add(key);
    return [
      msg("iamPolicy.keysWithoutDomain", {
        template: keys.key,
        bucket: keys.bucket,
        pattern: privateKeyObjectKey(keys.key, name, "*"),
        placeholder: "{domain}",
        example: "dkim/{domain}/{selector}.pem",
      }),
    ];
  });
}
