import {
  CreatePolicyCommand,
  CreateRoleCommand,
  GetRolePolicyCommand,
  IAMClient,
  PutRolePolicyCommand,
  UpdateAssumeRolePolicyCommand,
} from "@aws-sdk/client-iam";
import { AssumeRoleCommand, STSClient } from "@aws-sdk/client-sts";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parse as parseYaml } from "yaml";
import { validateConfig } from "../../src/config/loadConfig.js";
import { iamPolicy } from "../../src/permissions/iamPolicy.js";
import { roleNameAndPath, targetPolicy } from "../../src/permissions/targetPolicy.js";
import { MEMBER_ACCOUNTS_YAML, WITH_EXTERNAL_ID, WITHOUT_EXTERNAL_ID } from "../support/memberAccountsConfig.js";
import { motoAvailable, startMoto } from "../support/motoServer.js";

// The member role's two documents go to moto's IAM, which validates a permission policy on
// CreatePolicy and PutRolePolicy as AWS does, and a trust policy on UpdateAssumeRolePolicy (its
// CreateRole stores one unchecked): what the member account's administrator pastes is accepted by
// an IAM nobody here wrote.
const haveMoto = motoAvailable("the check of iam-policy --for target's documents against moto's IAM");

const config = validateConfig(parseYaml(MEMBER_ACCOUNTS_YAML), "accounts.yaml");

let moto: Awaited<ReturnType<typeof startMoto>> | undefined;
let iam: IAMClient;

/** IAM in the member account itself: moto keeps one world per account, entered as its administrator's role. */
async function iamOfAccount(account: string): Promise<IAMClient> {
  const sts = new STSClient({
    endpoint: moto!.endpoint,
    region: "us-east-1",
    credentials: { accessKeyId: "testing", secretAccessKey: "testing" },
    maxAttempts: 1,
  });
  const { Credentials: session } = await sts.send(new AssumeRoleCommand({ RoleArn: `arn:aws:iam::${account}:role/admin`, RoleSessionName: "admin" }));
  return new IAMClient({
    endpoint: moto!.endpoint,
    region: "us-east-1",
    credentials: { accessKeyId: session!.AccessKeyId!, secretAccessKey: session!.SecretAccessKey!, sessionToken: session!.SessionToken! },
    maxAttempts: 1,
  });
}

describe.skipIf(!haveMoto)("iam-policy --for target against moto's IAM", () => {
  beforeAll(async () => {
    moto = await startMoto();
    iam = new IAMClient({ endpoint: moto.endpoint, region: "us-east-1", credentials: { accessKeyId: "testing", secretAccessKey: "testing" }, maxAttempts: 1 });
  }, 60_000);
  afterAll(() => moto?.stop());

  it.each([
    ["with an external id, trusting the operators' role", WITH_EXTERNAL_ID, "MailOps"],
    ["without one, trusting the operations account", WITHOUT_EXTERNAL_ID, undefined],
  ])(
    "accepts the permission policy (CreatePolicy) and the role made as printed (CreateRole with the trust policy, PutRolePolicy) %s",
    async (_what, member, role) => {
      const result = targetPolicy(config, { domain: undefined, account: member.id, region: "ap-northeast-1", role });
      const iam = await iamOfAccount(member.id);
      const policy = await iam.send(
        new CreatePolicyCommand({ PolicyName: `byodkim-target-${member.id}`, PolicyDocument: JSON.stringify(result.permissionPolicy) }),
      );
      expect(policy.Policy?.Arn).toContain(`byodkim-target-${member.id}`);
      // As stderr prints it: aws iam create-role --role-name <name> [--path <path>] --assume-role-policy-document …, then put-role-policy.
      const { name, path } = roleNameAndPath(result.roleArn);
      const created = await iam.send(new CreateRoleCommand({ RoleName: name, Path: path, AssumeRolePolicyDocument: JSON.stringify(result.trustPolicy) }));
      expect(created.Role?.Arn).toBe(member.roleArn);
      const stored = JSON.parse(decodeURIComponent(created.Role!.AssumeRolePolicyDocument!)) as typeof result.trustPolicy;
      expect(stored.Statement[0]?.Condition).toEqual(result.trustPolicy.Statement[0]?.Condition);
      await iam.send(new UpdateAssumeRolePolicyCommand({ RoleName: name, PolicyDocument: JSON.stringify(result.trustPolicy) }));
      await iam.send(new PutRolePolicyCommand({ RoleName: name, PolicyName: "byodkim-ses", PolicyDocument: JSON.stringify(result.permissionPolicy) }));
      const attached = await iam.send(new GetRolePolicyCommand({ RoleName: name, PolicyName: "byodkim-ses" }));
      expect(JSON.parse(decodeURIComponent(attached.PolicyDocument!))).toEqual(JSON.parse(JSON.stringify(result.permissionPolicy)));
    },
  );

  it("accepts an organization config's policies: ListAccounts and the role in the caller's organization, and a member role's SES on identity/*", async () => {
    const organization = validateConfig(
      {
        ...parseYaml(MEMBER_ACCOUNTS_YAML),
        identities: null,
        state: { secretId: "byodkim/state/{domain}" },
        accounts: { fromOrganization: true, roleName: "byodkim-target", externalId: "org-ext", regions: ["ap-northeast-1", "ap-northeast-3"] },
      },
      "organization.yaml",
    );
    for (const audience of ["operator", "readonly", "unattended"] as const) {
      const { policy } = iamPolicy(organization, { domain: undefined, audience, region: "ap-northeast-1", role: "MailOps" });
      expect(JSON.stringify(policy)).toContain("aws:ResourceOrgID");
      const created = await iam.send(new CreatePolicyCommand({ PolicyName: `byodkim-organization-${audience}`, PolicyDocument: JSON.stringify(policy) }));
      expect(created.Policy?.Arn).toContain(`byodkim-organization-${audience}`);
    }
    const target = targetPolicy(organization, { domain: undefined, account: "222222222222", region: "ap-northeast-1", role: "MailOps" });
    const member = await iamOfAccount("222222222222");
    const created = await member.send(
      new CreatePolicyCommand({ PolicyName: "byodkim-target-organization", PolicyDocument: JSON.stringify(target.permissionPolicy) }),
    );
    expect(created.Policy?.Arn).toContain("byodkim-target-organization");
  });

  it("refuses the permission policy pasted as the trust policy, so the acceptance above means something", async () => {
    const { permissionPolicy } = targetPolicy(config, { domain: undefined, account: WITHOUT_EXTERNAL_ID.id, region: "ap-northeast-1" });
    await iam.send(new CreateRoleCommand({ RoleName: "byodkim-broken", AssumeRolePolicyDocument: "{}" }));
    await expect(
      iam.send(new UpdateAssumeRolePolicyCommand({ RoleName: "byodkim-broken", PolicyDocument: JSON.stringify(permissionPolicy) })),
    ).rejects.toMatchObject({
      name: "MalformedPolicyDocumentException",
    });
  });
});
