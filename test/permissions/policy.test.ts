import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { parse as parseYaml } from "yaml";
import { iamPolicy } from "../../src/permissions/iamPolicy.js";
import { validateConfig } from "../../src/config/loadConfig.js";
import { OPERATOR_COMMANDS, permissionNeeds, READONLY_COMMANDS } from "../../src/permissions/needs.js";
import { kmsKeyArn, type PolicyStatement, policyScope, secretArnPattern } from "../../src/permissions/policy.js";

const EXAMPLE = readFileSync(fileURLToPath(new URL("../../byodkim.config.example.yaml", import.meta.url)), "utf8");
const config = validateConfig(parseYaml(EXAMPLE), "example.yaml");
const policyOf = (audience: "operator" | "readonly", role?: string) =>
  iamPolicy(config, { domain: undefined, audience, region: "ap-northeast-1", role }).policy.Statement;
const list = (value: string | readonly string[]) => (typeof value === "string" ? [value] : value);

/** The statement granting `action` on exactly `resource` (the policy's patterns are written out, not globbed: each need names one). */
const grant = (statements: readonly PolicyStatement[], action: string, resource: string) =>
  statements.find((statement) => list(statement.Action).includes(action) && list(statement.Resource).includes(resource));

describe("the policies iam-policy writes", () => {
  const scope = policyScope(config, "goo.ne.jp", "ap-northeast-1");

  it.each(OPERATOR_COMMANDS)("the operator policy grants everything %s needs, with its condition", (command) => {
    const statements = policyOf("operator");
    for (const need of permissionNeeds(command, scope)) {
      const statement = grant(statements, need.action, need.resource);
      expect(statement, `${need.action} on ${need.resource}`).toBeDefined();
      // IAM ORs a condition key's values: the statement grants the need when it lists every value the need asks for.
      for (const condition of need.conditions ?? [])
        expect(list(statement!.Condition?.[condition.operator]?.[condition.key] ?? [])).toEqual(expect.arrayContaining([...condition.values]));
    }
  });

  it("the readonly policy grants what precheck, verify and status read, and nothing that changes anything but byodkim's own metrics", () => {
    const statements = policyOf("readonly");
    for (const command of READONLY_COMMANDS)
      for (const need of permissionNeeds(command, scope)) expect(grant(statements, need.action, need.resource), `${command}: ${need.action}`).toBeDefined();
    const actions = statements.flatMap((statement) => list(statement.Action));
    expect(actions.filter((action) => /:(Put|Delete|Send|Create|Update)/.test(action))).toEqual(["cloudwatch:PutMetricData"]);
    expect(statements.find((statement) => statement.Action === "cloudwatch:PutMetricData")?.Condition).toEqual({
      StringEquals: { "cloudwatch:namespace": "byodkim" },
    });
  });

  it("grants * only to the two actions IAM cannot narrow by resource, PutMetricData to byodkim's namespace only; every statement has a name of its own", () => {
    for (const audience of ["operator", "readonly"] as const) {
      const statements = policyOf(audience);
      expect(statements.filter((statement) => list(statement.Resource).includes("*"))).toEqual([
        { Sid: "StatusIdentityListing", Effect: "Allow", Action: "ses:ListEmailIdentities", Resource: "*" },
        {
          Sid: "StatusMetrics",
          Effect: "Allow",
          Action: "cloudwatch:PutMetricData",
          Resource: "*",
          Condition: { StringEquals: { "cloudwatch:namespace": "byodkim" } },
        },
      ]);
      const sids = statements.map((statement) => statement.Sid);
      expect(new Set(sids).size).toBe(sids.length);
    }
  });

  it("lets SES send the test message as byodkim-verify@ the domain only, and S3 take new keys encrypted only", () => {
    const statements = policyOf("operator");
    expect(statements.find((statement) => statement.Action === "ses:SendEmail")?.Condition).toEqual({
      StringLike: { "ses:FromAddress": "byodkim-verify@goo.ne.jp" },
    });
    const keyWrite = statements.find((statement) => statement.Action === "s3:PutObject" && statement.Condition);
    expect(keyWrite).toMatchObject({
      Resource: "arn:aws:s3:::aws-ses-migration-prod-dkim/dkim/goo.ne.jp/*.pem",
      Condition: { StringEquals: { "s3:x-amz-server-side-encryption": "AES256" } },
    });
  });

  it("lets IAM keep keygen's never-overwrite and retire's exact delete: PutObject on a key only with If-None-Match, DeleteObject only with If-Match", () => {
    const statements = policyOf("operator");
    const keys = "arn:aws:s3:::aws-ses-migration-prod-dkim/dkim/goo.ne.jp/*.pem";
    const onKeys = (action: string) => statements.filter((statement) => list(statement.Action).includes(action) && list(statement.Resource).includes(keys));
    expect(onKeys("s3:PutObject")).toEqual([
      expect.objectContaining({
        Action: "s3:PutObject",
        Condition: { StringEquals: { "s3:x-amz-server-side-encryption": "AES256" }, Null: { "s3:if-none-match": "false" } },
      }),
    ]);
    expect(onKeys("s3:DeleteObject")).toEqual([expect.objectContaining({ Action: "s3:DeleteObject", Condition: { Null: { "s3:if-match": "false" } } })]);
    // The lock beside the keys is taken over by ETag and released by ETag: its grants stay as they were.
    const lock = "arn:aws:s3:::aws-ses-migration-prod-dkim/dkim/locks/goo.ne.jp.json";
    const lockWrites = statements.filter((statement) => list(statement.Resource).includes(lock) && list(statement.Action).includes("s3:PutObject"));
    expect(lockWrites).toEqual([expect.objectContaining({ Action: ["s3:DeleteObject", "s3:PutObject"], Resource: lock })]);
    expect(lockWrites[0]!.Condition).toBeUndefined();
  });

  it.each([
    [undefined, "arn:aws:iam::123456789012:role/*"],
    ["MailOps", "arn:aws:iam::123456789012:role/MailOps"],
    [
      "arn:aws:iam::123456789012:role/aws-reserved/sso.amazonaws.com/AWSReservedSSO_Ops_1",
      "arn:aws:iam::123456789012:role/aws-reserved/sso.amazonaws.com/AWSReservedSSO_Ops_1",
    ],
  ])("the preflight may simulate role %s: %s", (role, resource) => {
    expect(policyOf("operator", role).find((statement) => statement.Sid === "PermissionPreflight")?.Resource).toBe(resource);
  });

  it.each([
    ["aws-ses-migration/prod/dkim-config", "arn:aws:secretsmanager:ap-northeast-1:123456789012:secret:aws-ses-migration/prod/dkim-config-??????"],
    ["arn:aws:secretsmanager:ap-northeast-1:123456789012:secret:x-AbCdEf", "arn:aws:secretsmanager:ap-northeast-1:123456789012:secret:x-AbCdEf"],
  ])("names the state secret %s as %s", (secretId, arn) => {
    expect(secretArnPattern(secretId, "ap-northeast-1", "123456789012")).toBe(arn);
  });

  it.each([
    ["1234abcd-12ab-34cd-56ef-1234567890ab", "arn:aws:kms:ap-northeast-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab"],
    ["arn:aws:kms:ap-northeast-1:123456789012:key/k", "arn:aws:kms:ap-northeast-1:123456789012:key/k"],
    ["alias/dkim-keys", "arn:aws:kms:ap-northeast-1:123456789012:key/*"],
  ])("names the KMS key %s as %s", (id, arn) => {
    expect(kmsKeyArn(id, "ap-northeast-1", "123456789012")).toBe(arn);
  });

  it("narrows a KMS alias to the keys that carry it", () => {
    const withAlias = validateConfig(parseYaml(EXAMPLE.replace("# kmsKeyId: alias/dkim-keys", "kmsKeyId: alias/dkim-keys")), "example.yaml");
    const statements = iamPolicy(withAlias, { domain: undefined, audience: "operator", region: "ap-northeast-1" }).policy.Statement;
    const kms = statements.find((statement) => list(statement.Action).includes("kms:GenerateDataKey"));
    expect(kms).toMatchObject({
      Action: ["kms:Decrypt", "kms:GenerateDataKey"],
      Condition: { "ForAnyValue:StringEquals": { "kms:ResourceAliases": "alias/dkim-keys" } },
    });
  });

  it("keeps the statements it had before status: status's reads fall within them, and its two actions come as statements of their own", () => {
    const before = ["SesDkim", "SesDkim2", "DkimKeyObjects", "StateSecret", "Alarms", "PermissionPreflight"];
    expect(policyOf("operator").map((statement) => statement.Sid)).toEqual(expect.arrayContaining([...before, "StatusIdentityListing", "StatusMetrics"]));
    expect(policyOf("operator").find((statement) => statement.Sid === "SesDkim")).toMatchObject({
      Action: ["ses:GetEmailIdentity", "ses:PutEmailIdentityDkimAttributes", "ses:PutEmailIdentityDkimSigningAttributes"],
      Resource: "arn:aws:ses:ap-northeast-1:123456789012:identity/goo.ne.jp",
    });
  });

  it("refuses an audience it does not know", () => {
    expect(() => iamPolicy(config, { domain: undefined, audience: "admin", region: "ap-northeast-1" })).toThrow("iamPolicy.badAudience");
  });
});

describe("the policies for a config that lists identities: status reads each one, in each of its regions", () => {
  const IDENTITIES = `
identities:
  - domain: mail.goo.ne.jp
    regions: [ap-northeast-1, ap-northeast-3]
  - domain: news.goo.ne.jp
    keys: { bucket: news-dkim-keys, key: "news/{domain}/{selector}.pem" }
`;
  const withIdentities = validateConfig(parseYaml(`${EXAMPLE}${IDENTITIES}`), "example.yaml");
  const statementsFor = (audience: "operator" | "readonly") =>
    iamPolicy(withIdentities, { domain: undefined, audience, region: "ap-northeast-1" }).policy.Statement;
  const ses = (region: string, domain: string) => `arn:aws:ses:${region}:123456789012:identity/${domain}`;

  it.each(["operator", "readonly"] as const)("the %s policy lets status read every identity, its keys and its missing keys as 404", (audience) => {
    const statements = statementsFor(audience);
    const reads = statements.find((statement) => list(statement.Action).includes("ses:GetEmailIdentity"));
    expect(list(reads!.Resource)).toEqual([
      ses("ap-northeast-1", "goo.ne.jp"),
      ses("ap-northeast-1", "mail.goo.ne.jp"),
      ses("ap-northeast-1", "news.goo.ne.jp"),
      ses("ap-northeast-3", "mail.goo.ne.jp"),
    ]);
    const keyReads = statements.filter((statement) => list(statement.Action).includes("s3:GetObject")).flatMap((statement) => list(statement.Resource));
    expect(keyReads).toEqual(
      expect.arrayContaining([
        "arn:aws:s3:::aws-ses-migration-prod-dkim/dkim/goo.ne.jp/*.pem",
        "arn:aws:s3:::aws-ses-migration-prod-dkim/dkim/mail.goo.ne.jp/*.pem",
        "arn:aws:s3:::news-dkim-keys/news/news.goo.ne.jp/*.pem",
      ]),
    );
    // One listing grant per bucket, with each watched identity's prefix: a key object that is gone reads as 404.
    const listings = statements.filter((statement) => statement.Action === "s3:ListBucket");
    expect(listings.map((statement) => [statement.Resource, statement.Condition])).toEqual(
      expect.arrayContaining([
        [
          "arn:aws:s3:::aws-ses-migration-prod-dkim",
          // The operators' plans and approvals lie in the keys bucket too.
          { StringLikeIfExists: { "s3:prefix": ["dkim/goo.ne.jp/*", "dkim/mail.goo.ne.jp/*", ...(audience === "operator" ? ["dkim/plans/*"] : [])] } },
        ],
        ["arn:aws:s3:::news-dkim-keys", { StringLikeIfExists: { "s3:prefix": "news/news.goo.ne.jp/*" } }],
      ]),
    );
    expect(listings).toHaveLength(2);
  });

  it("has the single-identity commands change nothing but the top-level domain: their SES switches, key writes and lock stay on goo.ne.jp", () => {
    const scope = policyScope(withIdentities, "goo.ne.jp", "ap-northeast-1");
    for (const command of ["enable", "rotate", "rollback", "keygen", "retire", "retire-delete-key", "verify-send-test"] as const) {
      const writes = permissionNeeds(command, scope).filter((need) => /:(Put|Delete|Send)/.test(need.action));
      expect(writes.length, command).toBeGreaterThan(0);
      expect(
        writes.filter((need) => /mail\.goo|news\.goo|news-dkim-keys/.test(need.resource)),
        command,
      ).toEqual([]);
    }
  });

  it("lets apply move every identity of the config in each of its regions, as a campaign's targets, under each one's own lock", () => {
    const statements = statementsFor("operator");
    const grants = (action: string, resource: string) => grant(statements, action, resource) !== undefined;
    for (const [region, domain] of [
      ["ap-northeast-1", "goo.ne.jp"],
      ["ap-northeast-1", "mail.goo.ne.jp"],
      ["ap-northeast-3", "mail.goo.ne.jp"],
      ["ap-northeast-1", "news.goo.ne.jp"],
    ] as const) {
      expect(grants("ses:PutEmailIdentityDkimSigningAttributes", ses(region, domain)), `${domain} in ${region}`).toBe(true);
      expect(grants("ses:PutEmailIdentityDkimAttributes", ses(region, domain)), `${domain} in ${region}`).toBe(true);
    }
    expect(grants("s3:PutObject", "arn:aws:s3:::aws-ses-migration-prod-dkim/dkim/locks/mail.goo.ne.jp.json")).toBe(true);
    expect(grants("s3:PutObject", "arn:aws:s3:::news-dkim-keys/news/locks/news.goo.ne.jp.json")).toBe(true);
    // A campaign moves identities to keys made beforehand: it writes no key object of theirs.
    const keyWrites = statements.filter((statement) => list(statement.Action).includes("s3:PutObject")).flatMap((statement) => list(statement.Resource));
    expect(keyWrites.filter((resource) => /\.pem$/.test(resource))).toEqual(["arn:aws:s3:::aws-ses-migration-prod-dkim/dkim/goo.ne.jp/*.pem"]);
  });

  it("reads a watched identity whose regions are not given in the region the policy is for", () => {
    const statements = iamPolicy(withIdentities, { domain: undefined, audience: "readonly", region: "us-east-1" }).policy.Statement;
    const reads = statements.find((statement) => list(statement.Action).includes("ses:GetEmailIdentity"));
    expect(list(reads!.Resource)).toEqual([
      ses("ap-northeast-1", "mail.goo.ne.jp"),
      ses("ap-northeast-3", "mail.goo.ne.jp"),
      ses("us-east-1", "goo.ne.jp"),
      ses("us-east-1", "news.goo.ne.jp"),
    ]);
  });

  it("without watched identities in its scope, status reads the scope's own identity in its own region", () => {
    const own = { ...policyScope(config, "goo.ne.jp", "eu-west-1"), watched: undefined };
    expect(permissionNeeds("status", own).filter((need) => need.action === "ses:GetEmailIdentity")).toEqual([
      { action: "ses:GetEmailIdentity", resource: ses("eu-west-1", "goo.ne.jp") },
    ]);
    expect(permissionNeeds("status-publish-metrics", own).at(-1)).toEqual({
      action: "cloudwatch:PutMetricData",
      resource: "*",
      conditions: [{ operator: "StringEquals", key: "cloudwatch:namespace", values: ["byodkim"] }],
    });
  });
});

describe("the policy for change notices (notify.sns)", () => {
  const topics = ["arn:aws:sns:ap-northeast-1:123456789012:dkim-changes", "arn:aws:sns:us-east-1:123456789012:mail-ops"];
  const notified = validateConfig({ ...(parseYaml(EXAMPLE) as Record<string, unknown>), notify: { sns: topics } }, "example.yaml");
  const statementsOf = (audience: "operator" | "readonly", from = notified) =>
    iamPolicy(from, { domain: undefined, audience, region: "ap-northeast-1", role: undefined }).policy.Statement;

  it("grants the operator sns:Publish on exactly the configured topics, in one statement", () => {
    const publishing = statementsOf("operator").filter((statement) => list(statement.Action).includes("sns:Publish"));
    expect(publishing).toEqual([{ Sid: "ChangeNotices", Effect: "Allow", Action: "sns:Publish", Resource: topics }]);
  });

  it.each(["enable", "rotate", "rollback", "keygen", "retire", "retire-delete-key"] as const)("has %s ask for it, and the reading commands not", (command) => {
    const scope = policyScope(notified, "goo.ne.jp", "ap-northeast-1");
    expect(
      permissionNeeds(command, scope)
        .filter((need) => need.action === "sns:Publish")
        .map((need) => need.resource),
    ).toEqual(topics);
    for (const reading of READONLY_COMMANDS) expect(permissionNeeds(reading, scope).some((need) => need.action === "sns:Publish")).toBe(false);
  });

  it("grants no SNS at all without notify.sns, and none to the read-only role", () => {
    expect(statementsOf("operator", config).some((statement) => list(statement.Action).some((action) => action.startsWith("sns:")))).toBe(false);
    expect(statementsOf("readonly").some((statement) => list(statement.Action).some((action) => action.startsWith("sns:")))).toBe(false);
  });
});
