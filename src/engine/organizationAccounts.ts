import type { OrganizationAccount } from "../aws/organizations.js";
import type { ByodkimConfig, IdentityConfig, MemberAccount, OrganizationAccounts } from "../config/config.js";
import { ByodkimError, byodkimError } from "../errors.js";
import { type Msg, msg } from "../messages/msg.js";
import type { CommandEvents } from "./events.js";

/** `arn:aws-cn:organizations::…`: the partition every account of the organization, and so its roles, is in. */
const partitionOf = (arn: string): string => /^arn:(aws(?:-[a-z]+)*):/.exec(arn)?.[1] ?? "aws";

/** The member role an organization's account is reached through: `roleName` in that account, in the organization's partition. */
export function organizationMember(account: OrganizationAccount, organization: OrganizationAccounts): MemberAccount {
  return {
    id: account.id,
    roleArn: `arn:${partitionOf(account.arn)}:iam::${account.id}:role/${organization.roleName}`,
    ...(organization.externalId === undefined ? {} : { externalId: organization.externalId }),
  };
}

/** Why a member account could not be listed: byodkim's own sentence when it has one (a refused role), else the service's error name. */
const reasonOf = (err: unknown): Msg =>
  err instanceof ByodkimError ? err.what : msg("organization.listFailed", { service: "SES", name: (err instanceof Error && err.name) || "Error" });

export interface OrganizationDiscovery {
  /** organizations:ListAccounts, with the operations account's own credentials. */
  readonly listAccounts: () => Promise<readonly OrganizationAccount[]>;
  /** The domain identities one member account's SES holds in one region, through its role (memberAccountWiring). */
  readonly listDomains: (account: MemberAccount, region: string) => Promise<readonly string[]>;
  readonly regionInForce: string;
  readonly events: Pick<CommandEvents, "emit">;
}

/**
 * The config with the organization's member accounts and their SES domain identities merged in,
 * as if `accounts:` had listed them, so every command that asks which account holds a domain
 * (memberAccountOf) works unchanged. The organization's ACTIVE accounts but the operations account
 * are each listed through the role `roleName` in every region of `regions` (default: the region
 * in force); an account whose role cannot be used is a warning and left out. A domain in two member
 * accounts, or in one while the config lists it for the operations account, stops the run (exit 2).
 */
export async function withOrganizationAccounts(config: ByodkimConfig, discovery: OrganizationDiscovery): Promise<ByodkimConfig> {
  const organization = config.organization;
  if (organization === undefined) return config;
  const regions = organization.regions ?? [discovery.regionInForce];
  const members = (await discovery.listAccounts())
    .filter((account) => account.status === "ACTIVE" && account.id !== config.accountId)
    .map((account) => organizationMember(account, organization));
  const reached: MemberAccount[] = [];
  // domain → its account and the regions it was found in, in the order first met.
  const found = new Map<string, { account: string; regions: string[] }>();
  for (const member of members) {
    const listed: [string, readonly string[]][] = [];
    try {
      for (const region of regions) listed.push([region, await discovery.listDomains(member, region)]);
    } catch (err) {
      discovery.events.emit({ type: "marked", mark: "warning", message: msg("organization.accountSkipped", { account: member.id, role: member.roleArn }) });
      discovery.events.emit({ type: "marked", mark: "warning", message: reasonOf(err) });
      continue;
    }
    reached.push(member);
    for (const [region, domains] of listed) {
      for (const domain of domains) {
        const known = found.get(domain);
        if (known === undefined) found.set(domain, { account: member.id, regions: [region] });
        else if (known.account !== member.id) {
          throw byodkimError(
            "usage",
            "organization.domainInTwoAccounts",
            { domain, first: known.account, second: member.id },
            "organization.domainInTwoAccounts.hint",
            { domain },
          );
        } else if (!known.regions.includes(region)) known.regions.push(region);
      }
    }
  }
  const ownDomains = new Set([
    ...(config.domain === undefined ? [] : [config.domain]),
    ...config.identities.filter((own) => own.account === undefined).map((own) => own.domain),
  ]);
  const identities: IdentityConfig[] = [];
  for (const [domain, where] of found) {
    if (ownDomains.has(domain)) {
      throw byodkimError(
        "usage",
        "organization.domainAlsoOwn",
        { domain, member: where.account, operations: config.accountId },
        "organization.domainAlsoOwn.hint",
        { domain, member: where.account },
      );
    }
    identities.push({ domain, regions: where.regions, selectorPrefix: config.selectorPrefix, keys: config.keys, account: where.account });
  }
  return { ...config, accounts: [...(config.accounts ?? []), ...reached], identities: [...config.identities, ...identities] };
}
