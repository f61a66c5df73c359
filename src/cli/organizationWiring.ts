import { clientConfig, lazy } from "../aws/clients.js";
import { createOrganizationsPort } from "../aws/organizations.js";
import type { AwsPorts } from "../aws/types.js";
import type { ByodkimConfig, MemberAccount } from "../config/config.js";
import type { CommandEvents } from "../engine/events.js";
import { domainIdentityNames } from "../engine/fleet.js";
import { withOrganizationAccounts } from "../engine/organizationAccounts.js";

/**
 * `accounts: { fromOrganization: true }` → the config with the organization's member accounts and
 * their identities in it. Loaded only for such a config: the Organizations client's module with it.
 * ListAccounts is asked with the operator's own credentials; each member's SES through `awsFor`,
 * so its role, external id, session name and SES pace are the ones every later call uses.
 */
export async function discoverOrganization(
  config: ByodkimConfig,
  settings: {
    readonly region: string;
    readonly profile: string | undefined;
    readonly awsFor: (account: MemberAccount | undefined, region: string) => AwsPorts;
    readonly events: CommandEvents;
  },
): Promise<ByodkimConfig> {
  const client = lazy(
    async () => new (await import("@aws-sdk/client-organizations")).OrganizationsClient(clientConfig({ region: settings.region, profile: settings.profile })),
  );
  const organizations = createOrganizationsPort(client, config.accountId);
  return withOrganizationAccounts(config, {
    listAccounts: () => organizations.listAccounts(),
    listDomains: async (account, region) => domainIdentityNames(await settings.awsFor(account, region).ses.listEmailIdentities()),
    regionInForce: settings.region,
    events: settings.events,
  });
}
