import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { parse as parseYaml } from "yaml";
import { iamPolicy } from "../../src/commands/iamPolicy.js";
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
      if (need.condition)
        expect(statement!.Condition?.[need.condition.operator]?.[need.condition.key]).toEqual(
          list(need.condition.values).length === 1 ? need.condition.values[0] : need.condition.values,
        );
    }
  });

  it("the readonly policy grants what precheck and verify read, and nothing that changes anything", () => {
    const statements = policyOf("readonly");
    for (const command of READONLY_COMMANDS)
      for (const need of permissionNeeds(command, scope)) expect(grant(statements, need.action, need.resource)).toBeDefined();
    const actions = statements.flatMap((statement) => list(statement.Action));
    expect(actions.filter((action) => /:(Put|Delete|Send|Create|Update)/.test(action))).toEqual([]);
  });

  it("grants no action on *, and every statement has a name of its own", () => {
    const statements = policyOf("operator");
    expect(statements.filter((statement) => list(statement.Resource).includes("*"))).toEqual([]);
    const sids = statements.map((statement) => statement.Sid);
    expect(new Set(sids).size).toBe(sids.length);
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

  it("refuses an audience it does not know", () => {
    expect(() => iamPolicy(config, { domain: undefined, audience: "admin", region: "ap-northeast-1" })).toThrow("iamPolicy.badAudience");
  });
});
