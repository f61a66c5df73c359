import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { parse as parseYaml } from "yaml";
import { validateConfig } from "../../src/config/loadConfig.js";
import { iamPolicy } from "../../src/permissions/iamPolicy.js";
import { type PermissionNeed, permissionNeeds } from "../../src/permissions/needs.js";
import { campaignObjects, policyScope } from "../../src/permissions/policy.js";
import { globMatches } from "../../src/sandbox/iam/patterns.js";
import { approvalKey, planKey } from "../../src/state/campaignLocation.js";

const EXAMPLE = readFileSync(fileURLToPath(new URL("../../byodkim.config.example.yaml", import.meta.url)), "utf8");
const config = validateConfig(parseYaml(EXAMPLE), "example.yaml");
const scope = policyScope(config, "goo.ne.jp", "ap-northeast-1");
const BUCKET = "arn:aws:s3:::aws-ses-migration-prod-dkim";
const ID = "0123456789abcdef".repeat(4);
const ALICE = "aws:123456789012:assumed-role:mailops:alice";

const writesOf = (needs: readonly PermissionNeed[]) => needs.filter((need) => /:(Put|Delete|Send|Create)/.test(need.action));
const onlyIfAbsent = [{ operator: "Null", key: "s3:if-none-match", values: ["false"], requestValue: "*" }];
const key = (need: PermissionNeed) => `${need.action} ${need.resource} ${JSON.stringify(need.conditions ?? [])}`;

describe("what plan, approve and apply ask of AWS", () => {
  it("plan reads what the single commands' gates read and writes its plan only, created once", () => {
    const needs = permissionNeeds("plan", scope);
    expect(writesOf(needs)).toEqual([{ action: "s3:PutObject", resource: `${BUCKET}/dkim/plans/${"?".repeat(64)}.json`, conditions: onlyIfAbsent }]);
    const reads = new Set(needs.map(key));
    for (const need of permissionNeeds("precheck", scope)) expect(reads.has(key(need)), key(need)).toBe(true);
    expect(needs).toContainEqual({ action: "ses:ListEmailIdentities", resource: "*" });
    expect(needs).toContainEqual({
      action: "cloudwatch:DescribeAlarms",
      resource: "arn:aws:cloudwatch:ap-northeast-1:123456789012:alarm:aws-ses-migration-prod-bounce-rate",
    });
  });

  it("approve reads the plan and its approvals and writes one approval, created once; it changes nothing in SES", () => {
    const needs = permissionNeeds("approve", scope);
    expect(writesOf(needs)).toEqual([{ action: "s3:PutObject", resource: `${BUCKET}/dkim/plans/${"?".repeat(64)}.approvals/*`, conditions: onlyIfAbsent }]);
    expect(needs).toContainEqual({ action: "s3:GetObject", resource: `${BUCKET}/dkim/plans/${"?".repeat(64)}.json` });
    expect(needs.filter((need) => need.action === "s3:ListBucket").map((need) => need.conditions?.[0]?.values)).toEqual([["dkim/plans/*"], ["dkim/plans/*"]]);
    expect(needs.filter((need) => need.action.startsWith("ses:"))).toEqual([]);
  });

  it("apply asks for everything enable, rotate and rollback ask for, and reads plans and approvals without writing either", () => {
    const needs = permissionNeeds("apply", scope);
    const granted = new Set(needs.map(key));
    for (const command of ["enable", "rotate", "rollback"] as const)
      for (const need of permissionNeeds(command, { ...scope, watched: undefined })) expect(granted.has(key(need)), `${command}: ${key(need)}`).toBe(true);
    expect(needs).toContainEqual({ action: "s3:GetObject", resource: `${BUCKET}/dkim/plans/${"?".repeat(64)}.approvals/*` });
    expect(writesOf(needs).filter((need) => need.resource.includes("/plans/"))).toEqual([]);
  });

  it("narrows a run's scope to its one plan and the caller's own approval", () => {
    const run = { ...scope, watched: undefined, campaign: campaignObjects(config.keys, ID, ALICE) };
    expect(writesOf(permissionNeeds("approve", run))).toEqual([
      { action: "s3:PutObject", resource: `${BUCKET}/${approvalKey(config.keys, ID, ALICE)}`, conditions: onlyIfAbsent },
    ]);
    expect(writesOf(permissionNeeds("plan", run))).toEqual([
      { action: "s3:PutObject", resource: `${BUCKET}/${planKey(config.keys, ID)}`, conditions: onlyIfAbsent },
    ]);
  });

  it("asks for no campaign record when the scope names none (a run's scope from before campaigns)", () => {
    const { campaign: _none, ...withoutCampaign } = scope;
    expect(permissionNeeds("approve", withoutCampaign).filter((need) => need.resource.includes("/plans/"))).toEqual([]);
  });

  it.each([
    [planKey(config.keys, ID), true, false],
    [approvalKey(config.keys, ID, ALICE), false, true],
    [`dkim/plans/${ID.slice(1)}.json`, false, false],
    ["dkim/plans/latest.json", false, false],
    [`dkim/goo.ne.jp/${ID}.json`, false, false],
  ])("the policy's patterns: %s is a plan: %s, an approval: %s", (objectKey, isPlan, isApproval) => {
    const { planObject, approvalObjects } = campaignObjects(config.keys);
    expect(globMatches(planObject, objectKey)).toBe(isPlan);
    expect(globMatches(approvalObjects, objectKey)).toBe(isApproval);
  });
});

describe("the approver policy (iam-policy --for approver)", () => {
  const statements = iamPolicy(config, { domain: undefined, audience: "approver", region: "ap-northeast-1", role: "MailApprover" }).policy.Statement;
  const list = (value: string | readonly string[]) => (typeof value === "string" ? [value] : value);

  it("grants what approve needs and lets its holder create nothing but an approval: no plan, no key, no lock, nothing in SES", () => {
    for (const need of permissionNeeds("approve", policyScope(config, "goo.ne.jp", "ap-northeast-1", "MailApprover")))
      expect(
        statements.some((statement) => list(statement.Action).includes(need.action) && list(statement.Resource).includes(need.resource)),
        key(need),
      ).toBe(true);
    const writes = statements.filter((statement) => list(statement.Action).some((action) => /:(Put|Delete|Send|Create)/.test(action)));
    expect(writes).toEqual([
      {
        Sid: expect.stringMatching(/^CampaignRecords/),
        Effect: "Allow",
        Action: "s3:PutObject",
        Resource: `${BUCKET}/dkim/plans/${"?".repeat(64)}.approvals/*`,
        Condition: { Null: { "s3:if-none-match": "false" } },
      },
    ]);
    expect(statements.flatMap((statement) => list(statement.Action)).filter((action) => action.startsWith("ses:"))).toEqual([]);
  });
});
