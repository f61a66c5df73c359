import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { parse as parseYaml } from "yaml";
import { validateConfig } from "../../src/config/loadConfig.js";
import { ByodkimError } from "../../src/errors.js";
import { iamPolicy, POLICY_AUDIENCES, type PolicyAudience } from "../../src/permissions/iamPolicy.js";
import { memberAccountSesNeeds, operationsAccountNeeds, sesIdentityAccount } from "../../src/permissions/memberAccountNeeds.js";
import { permissionNeeds } from "../../src/permissions/needs.js";
import { type PolicyStatement, policyScope } from "../../src/permissions/policy.js";
import { roleNameAndPath, targetPolicy } from "../../src/permissions/targetPolicy.js";
import { MEMBER_ACCOUNTS_YAML, MEMBER_DOMAINS, OPERATIONS_ACCOUNT, WITH_EXTERNAL_ID, WITHOUT_EXTERNAL_ID } from "../support/memberAccountsConfig.js";

const config = validateConfig(parseYaml(MEMBER_ACCOUNTS_YAML), "accounts.yaml");
const example = validateConfig(parseYaml(readFileSync(fileURLToPath(new URL("../../byodkim.config.example.yaml", import.meta.url)), "utf8")), "example.yaml");
const REGION = "ap-northeast-1";
const list = (value: string | readonly string[]) => (typeof value === "string" ? [value] : value);
const actionsOf = (statements: readonly PolicyStatement[]) => statements.flatMap((statement) => list(statement.Action));
const resourcesOf = (statements: readonly PolicyStatement[], prefix: string) => [
  ...new Set(statements.flatMap((statement) => (list(statement.Action).some((action) => action.startsWith(prefix)) ? list(statement.Resource) : []))),
];
const operationsPolicy = (audience: PolicyAudience, domain?: string) =>
  iamPolicy(config, { domain, audience, region: REGION, role: "MailOps" }).policy.Statement;
const usageError = (run: () => unknown) => {
  try {
    run();
  } catch (err) {
    expect(err).toBeInstanceOf(ByodkimError);
    return { kind: (err as ByodkimError).kind, key: (err as ByodkimError).what.key, params: (err as ByodkimError).what.params };
  }
  throw new Error("not refused");
};

describe("the operations account's policy when accounts: lists member accounts", () => {
  it.each([
    ["operator", true],
    ["readonly", true],
    ["unattended", true],
    ["approver", false],
  ] as const)("%s: SES only on the operations account's own identities; sts:AssumeRole on the member roles: %s", (audience, assumes) => {
    const statements = operationsPolicy(audience);
    const sesIdentities = resourcesOf(statements, "ses:").filter((resource) => resource !== "*");
    for (const resource of sesIdentities)
      expect(resource).toMatch(new RegExp(`^arn:aws:ses:[^:]+:${OPERATIONS_ACCOUNT}:identity/(goo\\.ne\\.jp|mail\\.goo\\.ne\\.jp)$`));
    for (const domain of MEMBER_DOMAINS) expect(JSON.stringify(sesIdentities)).not.toContain(domain);
    const assumeRole = statements.filter((statement) => list(statement.Action).includes("sts:AssumeRole"));
    expect(assumeRole).toEqual(
      assumes
        ? [{ Sid: "MemberAccountRoles", Effect: "Allow", Action: "sts:AssumeRole", Resource: [WITH_EXTERNAL_ID.roleArn, WITHOUT_EXTERNAL_ID.roleArn] }]
        : [],
    );
  });

  it("keeps what is central in the operations account: the member identities' keys, locks, state secret and Route 53 names", () => {
    const route53 = config.dns.publish;
    expect(route53).toBeUndefined();
    const statements = operationsPolicy("operator");
    const s3 = resourcesOf(statements, "s3:");
    for (const domain of MEMBER_DOMAINS) {
      expect(s3).toContain(`arn:aws:s3:::aws-ses-migration-prod-dkim/dkim/${domain}/*.pem`);
      expect(s3).toContain(`arn:aws:s3:::aws-ses-migration-prod-dkim/dkim/locks/${domain}.json`);
    }
    // The state secret stays in the operations account, in each region an identity is changed in (the regional ports read it there).
    expect(resourcesOf(statements, "secretsmanager:")).toEqual(
      [REGION, "ap-northeast-3", "us-east-1"].map(
        (at) => `arn:aws:secretsmanager:${at}:${OPERATIONS_ACCOUNT}:secret:aws-ses-migration/prod/dkim-config-??????`,
      ),
    );
    const withRoute53 = validateConfig(
      parseYaml(MEMBER_ACCOUNTS_YAML.replace("  servers: [] #", "  publish: { provider: route53 }\n  servers: [] #")),
      "r53.yaml",
    );
    const published = iamPolicy(withRoute53, { domain: undefined, audience: "operator", region: REGION }).policy.Statement;
    const names = published.find((statement) => statement.Action === "route53:ChangeResourceRecordSets")?.Condition?.["ForAllValues:StringLike"];
    expect(list(names?.["route53:ChangeResourceRecordSetsNormalizedRecordNames"] ?? [])).toEqual(
      expect.arrayContaining(MEMBER_DOMAINS.map((domain) => `*._domainkey.${domain}`)),
    );
  });

  it("gives a member domain named as the policy's domain no SES grant in the operations account, and still its keys", () => {
    const statements = operationsPolicy("operator", "shop.example.jp");
    expect(JSON.stringify(resourcesOf(statements, "ses:"))).not.toContain("shop.example.jp");
    expect(resourcesOf(statements, "s3:")).toContain("arn:aws:s3:::aws-ses-migration-prod-dkim/dkim/shop.example.jp/*.pem");
    expect(actionsOf(statements)).toContain("sts:AssumeRole");
  });

  it("is unchanged for a config without accounts: (no sts:AssumeRole at all)", () => {
    for (const audience of Object.keys(POLICY_AUDIENCES) as PolicyAudience[])
      expect(actionsOf(iamPolicy(example, { domain: undefined, audience, region: REGION }).policy.Statement)).not.toContain("sts:AssumeRole");
  });
});

describe("iam-policy --for target: the member account's role", () => {
  it("grants SES on exactly the account's identities in their regions (the region in force for one listing none), and the preflight on the role itself", () => {
    const result = targetPolicy(config, { domain: undefined, account: WITH_EXTERNAL_ID.id, region: REGION, role: "MailOps" });
    const identity = (region: string, domain: string) => `arn:aws:ses:${region}:${WITH_EXTERNAL_ID.id}:identity/${domain}`;
    expect(result.permissionPolicy).toEqual({
      Version: "2012-10-17",
      Statement: [
        {
          Sid: "SesDkim",
          Effect: "Allow",
          Action: ["ses:GetEmailIdentity", "ses:PutEmailIdentityDkimAttributes", "ses:PutEmailIdentityDkimSigningAttributes"],
          Resource: [identity(REGION, "news.example.jp"), identity(REGION, "shop.example.jp"), identity("us-east-1", "shop.example.jp")],
        },
        // SES's listing has no resource type: only "*" grants it, as in the operations policy.
        { Sid: "StatusIdentityListing", Effect: "Allow", Action: "ses:ListEmailIdentities", Resource: "*" },
        {
          Sid: "SesDkim2",
          Effect: "Allow",
          Action: "ses:SendEmail",
          Resource: [identity(REGION, "shop.example.jp"), identity("us-east-1", "shop.example.jp")],
          Condition: { StringLike: { "ses:FromAddress": "byodkim-verify@shop.example.jp" } },
        },
        {
          Sid: "SesDkim3",
          Effect: "Allow",
          Action: "ses:SendEmail",
          Resource: identity(REGION, "news.example.jp"),
          Condition: { StringLike: { "ses:FromAddress": "byodkim-verify@news.example.jp" } },
        },
        { Sid: "PermissionPreflight", Effect: "Allow", Action: ["iam:GetRole", "iam:SimulatePrincipalPolicy"], Resource: WITH_EXTERNAL_ID.roleArn },
      ],
    });
    expect(result).toMatchObject({
      account: WITH_EXTERNAL_ID.id,
      operationsAccount: OPERATIONS_ACCOUNT,
      roleArn: WITH_EXTERNAL_ID.roleArn,
      domains: ["shop.example.jp", "news.example.jp"],
      identities: [
        { domain: "shop.example.jp", regions: [REGION, "us-east-1"] },
        { domain: "news.example.jp", regions: [REGION] },
      ],
      warnings: [],
    });
  });

  it("trusts the operators' role with the account's external id", () => {
    const result = targetPolicy(config, { domain: undefined, account: WITH_EXTERNAL_ID.id, region: REGION, role: "MailOps" });
    expect(result.trustPolicy).toEqual({
      Version: "2012-10-17",
      Statement: [
        {
          Sid: "ByodkimOperations",
          Effect: "Allow",
          Principal: { AWS: `arn:aws:iam::${OPERATIONS_ACCOUNT}:role/MailOps` },
          Action: "sts:AssumeRole",
          Condition: { StringEquals: { "sts:ExternalId": WITH_EXTERNAL_ID.externalId } },
        },
      ],
    });
  });

  it("without --role trusts the operations account as a whole, without a condition when the account has no external id, and warns", () => {
    const result = targetPolicy(config, { domain: undefined, account: WITHOUT_EXTERNAL_ID.id, region: "eu-west-1" });
    expect(result.trustPolicy.Statement).toEqual([
      { Sid: "ByodkimOperations", Effect: "Allow", Principal: { AWS: `arn:aws:iam::${OPERATIONS_ACCOUNT}:root` }, Action: "sts:AssumeRole" },
    ]);
    expect(result.warnings).toEqual([{ key: "iamPolicy.target.anyPrincipal", params: { account: OPERATIONS_ACCOUNT } }]);
    expect(resourcesOf(result.permissionPolicy.Statement, "ses:GetEmailIdentity")).toEqual([
      `arn:aws:ses:eu-west-1:${WITHOUT_EXTERNAL_ID.id}:identity/brand.example.com`,
    ]);
    expect(resourcesOf(result.permissionPolicy.Statement, "iam:")).toEqual([WITHOUT_EXTERNAL_ID.roleArn]);
  });

  it("trusts an operators' role named by its ARN, path and all", () => {
    const role = `arn:aws:iam::${OPERATIONS_ACCOUNT}:role/aws-reserved/sso.amazonaws.com/ap-northeast-1/AWSReservedSSO_MailOps_0123`;
    expect(targetPolicy(config, { domain: undefined, account: WITHOUT_EXTERNAL_ID.id, region: REGION, role }).trustPolicy.Statement[0]?.Principal).toEqual({
      AWS: role,
    });
  });

  it("grants nothing but SES and the preflight: no S3, no Secrets Manager, no KMS, not even with SSE-KMS keys", () => {
    const kms = validateConfig(parseYaml(MEMBER_ACCOUNTS_YAML.replace(/^ {2}# kmsKeyId:.*\n/m, "  kmsKeyId: alias/dkim-keys\n")), "kms.yaml");
    for (const member of [WITH_EXTERNAL_ID, WITHOUT_EXTERNAL_ID]) {
      const actions = actionsOf(targetPolicy(kms, { domain: undefined, account: member.id, region: REGION }).permissionPolicy.Statement);
      expect(actions.filter((action) => !action.startsWith("ses:"))).toEqual(["iam:GetRole", "iam:SimulatePrincipalPolicy"]);
    }
  });

  it.each(Object.values(POLICY_AUDIENCES).flat())("grants every SES call %s makes on the account's identities", (command) => {
    const statements = targetPolicy(config, { domain: undefined, account: WITH_EXTERNAL_ID.id, region: REGION }).permissionPolicy.Statement;
    for (const domain of ["shop.example.jp", "news.example.jp"]) {
      const needs = memberAccountSesNeeds(permissionNeeds(command, policyScope(config, domain, REGION)), WITH_EXTERNAL_ID.id);
      for (const need of needs) {
        const statement = statements.find((candidate) => list(candidate.Action).includes(need.action) && list(candidate.Resource).includes(need.resource));
        expect(statement, `${command}: ${need.action} on ${need.resource}`).toBeDefined();
      }
    }
  });

  it.each([
    ["no --account", { account: undefined }, "iamPolicy.target.noAccount", { ids: `${WITH_EXTERNAL_ID.id}, ${WITHOUT_EXTERNAL_ID.id}` }],
    ["an account not in accounts:", { account: "444444444444" }, "iamPolicy.target.unknownAccount", { value: '"444444444444"' }],
    ["the operations account", { account: OPERATIONS_ACCOUNT }, "iamPolicy.target.unknownAccount", { value: `"${OPERATIONS_ACCOUNT}"` }],
    ["a domain", { account: WITH_EXTERNAL_ID.id, domain: "shop.example.jp" }, "iamPolicy.target.domain", { domain: "shop.example.jp" }],
    ["--role of another account", { account: WITH_EXTERNAL_ID.id, role: "arn:aws:iam::210987654321:role/MailOps" }, "iamPolicy.roleOtherAccount", {}],
    ["--role with a wildcard", { account: WITH_EXTERNAL_ID.id, role: "Mail*" }, "iamPolicy.badRole", {}],
  ])("refuses %s as a usage error", (_what, input, key, params) => {
    const refusal = usageError(() => targetPolicy(config, { domain: undefined, region: REGION, ...input }));
    expect(refusal).toMatchObject({ kind: "usage", key, params });
  });

  it("refuses --for target for a config without accounts:", () => {
    expect(usageError(() => targetPolicy(example, { domain: undefined, account: WITH_EXTERNAL_ID.id, region: REGION }))).toMatchObject({
      kind: "usage",
      key: "iamPolicy.target.noAccounts",
    });
  });

  it.each([
    ["--account", { account: WITH_EXTERNAL_ID.id }, "iamPolicy.accountNotTarget"],
    ["--trust", { trust: true }, "iamPolicy.trustNotTarget"],
  ])("refuses %s with another audience as a usage error", (_flag, input, key) => {
    expect(usageError(() => iamPolicy(config, { domain: undefined, audience: "operator", region: REGION, ...input }))).toMatchObject({ kind: "usage", key });
  });
});

describe("splitting needs between the accounts", () => {
  const need = (action: string, resource: string) => ({ action, resource });
  it.each([
    [need("ses:GetEmailIdentity", "arn:aws:ses:us-east-1:210987654321:identity/shop.example.jp"), "210987654321"],
    [need("ses:SendEmail", "arn:aws-cn:ses:cn-north-1:333333333333:identity/brand.example.com"), "333333333333"],
    [need("ses:ListEmailIdentities", "*"), undefined],
    [need("s3:GetObject", "arn:aws:s3:::bucket/dkim/shop.example.jp/*.pem"), undefined],
  ])("reads the account of %j as %s", (input, account) => {
    expect(sesIdentityAccount(input)).toBe(account);
  });

  it("assumes the member roles only for needs that call SES", () => {
    expect(operationsAccountNeeds([need("s3:GetObject", "arn:aws:s3:::b/k")], config)).toEqual([need("s3:GetObject", "arn:aws:s3:::b/k")]);
    expect(operationsAccountNeeds([need("ses:GetEmailIdentity", "arn:aws:ses:us-east-1:210987654321:identity/shop.example.jp")], config)).toEqual([
      need("sts:AssumeRole", WITH_EXTERNAL_ID.roleArn),
      need("sts:AssumeRole", WITHOUT_EXTERNAL_ID.roleArn),
    ]);
  });

  it.each([
    [WITH_EXTERNAL_ID.roleArn, { name: "byodkim-target", path: "/" }],
    [WITHOUT_EXTERNAL_ID.roleArn, { name: "byodkim-target", path: "/mail/" }],
    ["arn:aws:iam::333333333333:role/a/b/R", { name: "R", path: "/a/b/" }],
  ])("names the role of %s for aws iam create-role", (arn, expected) => {
    expect(roleNameAndPath(arn)).toEqual(expected);
  });
});

describe("accounts: { fromOrganization: true }: member accounts found at run time", () => {
  const organization = validateConfig(
    {
      ...parseYaml(readFileSync(fileURLToPath(new URL("../../byodkim.config.example.yaml", import.meta.url)), "utf8")),
      identities: null,
      state: { secretId: "byodkim/state/{domain}" },
      accounts: { fromOrganization: true, roleName: "byodkim-target", externalId: "org-ext", regions: ["ap-northeast-1", "ap-northeast-3"] },
    },
    "organization.yaml",
  );
  const ORGANIZATION_ROLES = {
    Sid: "MemberAccountRoles",
    Effect: "Allow",
    Action: "sts:AssumeRole",
    Resource: "arn:aws:iam::*:role/byodkim-target",
    // biome-ignore lint/suspicious/noTemplateCurlyInString: IAM's policy variable, written as IAM reads it
    Condition: { StringEquals: { "aws:ResourceOrgID": "${aws:PrincipalOrgID}" } },
  };

  it("approver: nothing of the organization, as approve never reaches a member account (nor looks the accounts up)", () => {
    const result = iamPolicy(organization, { domain: undefined, audience: "approver", region: REGION, role: "MailOps" });
    expect(JSON.stringify(result.policy)).not.toMatch(/organizations:|sts:AssumeRole/);
    expect(result.warnings.map((warning) => warning.key)).not.toContain("iamPolicy.organization");
  });

  it.each(["operator", "readonly", "unattended"] as const)(
    "%s: organizations:ListAccounts on *, and the role of that name only in the caller's own organization, with a warning",
    (audience) => {
      const result = iamPolicy(organization, { domain: undefined, audience, region: REGION, role: "MailOps" });
      const statements = result.policy.Statement;
      expect(statements.filter((statement) => list(statement.Action).includes("organizations:ListAccounts"))).toEqual([
        { Sid: "OrganizationMemberAccounts", Effect: "Allow", Action: "organizations:ListAccounts", Resource: "*" },
      ]);
      expect(statements.filter((statement) => list(statement.Action).includes("sts:AssumeRole"))).toEqual([ORGANIZATION_ROLES]);
      expect(result.warnings.map((warning) => warning.key)).toContain("iamPolicy.organization");
    },
  );

  it("grants the key, lock and state secret of any domain, as a found identity's may be any, and no account's SES", () => {
    const statements = iamPolicy(organization, { domain: undefined, audience: "operator", region: REGION, role: "MailOps" }).policy.Statement;
    const s3 = resourcesOf(statements, "s3:");
    expect(s3).toContain("arn:aws:s3:::aws-ses-migration-prod-dkim/dkim/*/*.pem");
    expect(s3).toContain("arn:aws:s3:::aws-ses-migration-prod-dkim/dkim/locks/*.json");
    // The stand-in account is no account: nothing names it.
    expect(JSON.stringify(statements)).not.toContain("000000000000");
    const ses = resourcesOf(statements, "ses:").filter((resource) => resource !== "*");
    for (const resource of ses) expect(resource).toMatch(new RegExp(`:${OPERATIONS_ACCOUNT}:identity/goo\\.ne\\.jp$`));
  });

  it("has neither grant nor warning for a config that lists its accounts", () => {
    const result = iamPolicy(config, { domain: undefined, audience: "operator", region: REGION, role: "MailOps" });
    expect(actionsOf(result.policy.Statement)).not.toContain("organizations:ListAccounts");
    expect(result.warnings.map((warning) => warning.key)).not.toContain("iamPolicy.organization");
  });

  it("--for target --account <id>: SES on every identity of that account in the organization's regions, with a warning", () => {
    const result = targetPolicy(organization, { domain: undefined, account: "222222222222", region: REGION, role: "MailOps" });
    expect(result.roleArn).toBe("arn:aws:iam::222222222222:role/byodkim-target");
    expect(result.trustPolicy.Statement[0]!.Condition).toEqual({ StringEquals: { "sts:ExternalId": "org-ext" } });
    const ses = resourcesOf(result.permissionPolicy.Statement, "ses:").filter((resource) => resource !== "*");
    expect(ses.sort()).toEqual(["arn:aws:ses:ap-northeast-1:222222222222:identity/*", "arn:aws:ses:ap-northeast-3:222222222222:identity/*"]);
    expect(actionsOf(result.permissionPolicy.Statement)).toContain("ses:PutEmailIdentityDkimSigningAttributes");
    expect(actionsOf(result.permissionPolicy.Statement)).toContain("ses:ListEmailIdentities");
    expect(result.warnings.map((warning) => warning.key)).toEqual(["iamPolicy.target.organization"]);
  });

  it.each([undefined, "2222", OPERATIONS_ACCOUNT])("--for target refuses --account %s for an organization", (account) => {
    const refused = usageError(() => targetPolicy(organization, { domain: undefined, account, region: REGION }));
    expect(refused).toMatchObject({ kind: "usage", key: "iamPolicy.target.organizationBadAccount" });
  });
});
