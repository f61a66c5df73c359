import { ListAccountsCommand, OrganizationsClient } from "@aws-sdk/client-organizations";
import { AssumeRoleCommand, STSClient } from "@aws-sdk/client-sts";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createOrganizationsPort } from "../../src/aws/organizations.js";
import { validateConfig } from "../../src/config/loadConfig.js";
import { ByodkimError } from "../../src/errors.js";
import { withOrganizationConfig } from "../../src/sandbox/accountsWorld.js";
import { SANDBOX_DEFAULTS, SANDBOX_MEMBER, SANDBOX_ORGANIZATION } from "../../src/sandbox/defaults.js";
import { SCENARIOS, sandboxConfigDocument } from "../../src/sandbox/scenarios.js";
import { type Sandbox, startSandbox } from "../../src/sandbox/start.js";

const { accountId: OPS, region } = SANDBOX_DEFAULTS;
const OPERATOR = { accessKeyId: "AKIASANDBOXOPERATOR", secretAccessKey: "sandbox-secret-access-key" };
const OPERATOR_ARN = `arn:aws:sts::${OPS}:assumed-role/MailOps/operator`;
type Credentials = { accessKeyId: string; secretAccessKey: string; sessionToken?: string };
const organizations = (box: Sandbox, credentials: Credentials = OPERATOR) =>
  new OrganizationsClient({ endpoint: box.endpoint, region, credentials, maxAttempts: 1 });

describe("the accounts-organization scenario: Organizations answers the operations account", () => {
  let box: Sandbox;
  beforeAll(async () => {
    box = await startSandbox({ scenario: SANDBOX_ORGANIZATION.scenario });
  });
  afterAll(async () => {
    await box.stop();
  });

  it("ListAccounts pages through the organization: the operations account and both members, ACTIVE, as the SDK reads them", async () => {
    const client = organizations(box);
    const first = await client.send(new ListAccountsCommand({}));
    expect(first.Accounts?.map((account) => account.Id)).toEqual([OPS, SANDBOX_MEMBER.accountId]);
    expect(first.NextToken).toBeTruthy();
    const second = await client.send(new ListAccountsCommand({ NextToken: first.NextToken }));
    expect(second.Accounts?.map((account) => account.Id)).toEqual([SANDBOX_ORGANIZATION.accountId]);
    expect(second.NextToken).toBeUndefined();
    const member = second.Accounts![0]!;
    expect(member).toMatchObject({
      Arn: `arn:aws:organizations::${OPS}:account/o-byodkimsbx1/${SANDBOX_ORGANIZATION.accountId}`,
      State: "ACTIVE",
      Status: "ACTIVE",
      JoinedMethod: "INVITED",
    });
    expect(member.JoinedTimestamp).toBeInstanceOf(Date);
    // byodkim's port reads every page.
    const port = createOrganizationsPort(async () => client, OPS);
    expect((await port.listAccounts()).map((account) => [account.id, account.status])).toEqual([
      [OPS, "ACTIVE"],
      [SANDBOX_MEMBER.accountId, "ACTIVE"],
      [SANDBOX_ORGANIZATION.accountId, "ACTIVE"],
    ]);
  });

  it("refuses a MaxResults over Organizations' 20", async () => {
    await expect(organizations(box).send(new ListAccountsCommand({ MaxResults: 21 }))).rejects.toMatchObject({ name: "InvalidInputException" });
  });

  it("enforces the operators' policy: without organizations:ListAccounts the port says the account cannot list the organization", async () => {
    const policyUrl = `${box.endpoint}/_sandbox/policy`;
    const allowSesOnly = { Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "ses:*", Resource: "*" }] };
    expect((await fetch(policyUrl, { method: "PUT", body: JSON.stringify(allowSesOnly) })).status).toBe(200);
    try {
      const raw = await organizations(box)
        .send(new ListAccountsCommand({}))
        .catch((err: unknown) => err);
      expect(raw).toMatchObject({
        name: "AccessDeniedException",
        message: expect.stringContaining(`User: ${OPERATOR_ARN} is not authorized to perform: organizations:ListAccounts`),
      });
      const err = await createOrganizationsPort(async () => organizations(box), OPS)
        .listAccounts()
        .catch((thrown: unknown) => thrown);
      expect(err).toBeInstanceOf(ByodkimError);
      expect((err as ByodkimError).what).toEqual({ key: "organization.listDenied", params: { account: OPS, name: "AccessDeniedException" } });
    } finally {
      await fetch(policyUrl, { method: "DELETE" });
    }
  });

  it("refuses a member account's session: only the operations account lists the organization", async () => {
    const sts = new STSClient({ endpoint: box.endpoint, region, credentials: OPERATOR, maxAttempts: 1 });
    const { Credentials: session } = await sts.send(
      new AssumeRoleCommand({ RoleArn: SANDBOX_MEMBER.roleArn, RoleSessionName: "byodkim", ExternalId: SANDBOX_MEMBER.externalId }),
    );
    const member = { accessKeyId: session!.AccessKeyId!, secretAccessKey: session!.SecretAccessKey!, sessionToken: session!.SessionToken! };
    await expect(organizations(box, member).send(new ListAccountsCommand({}))).rejects.toMatchObject({ name: "AccessDeniedException" });
  });

  it("is listed, and its config names the organization's role, not the accounts", () => {
    expect(SCENARIOS.map((scenario) => scenario.name)).toContain("accounts-organization");
    const config = validateConfig(withOrganizationConfig(sandboxConfigDocument(["127.0.0.1:53"])), "accounts-organization");
    expect(config.organization).toEqual({ roleName: SANDBOX_MEMBER.roleName, externalId: SANDBOX_MEMBER.externalId, regions: [...SANDBOX_MEMBER.regions] });
    expect(config.accounts).toBeUndefined();
    expect(config.state.secretId).toBe("byodkim/state/{domain}");
    expect(box.world.secrets.get("byodkim/state/goo.ne.jp")?.versions.at(-1)?.value).toContain('"current_phase":"6"');
  });
});
