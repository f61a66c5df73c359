import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { parse as parseYaml } from "yaml";
import { validateConfig } from "../../src/config/loadConfig.js";
import { iamPolicy } from "../../src/permissions/iamPolicy.js";
import { permissionNeeds } from "../../src/permissions/needs.js";
import { policyScope } from "../../src/permissions/policy.js";

const EXAMPLE = readFileSync(fileURLToPath(new URL("../../byodkim.config.example.yaml", import.meta.url)), "utf8");
const config = (dmarc: string) => validateConfig(parseYaml(`${EXAMPLE}${dmarc}`), "example.yaml");
const statements = (of: ReturnType<typeof config>, audience: "operator" | "readonly") =>
  iamPolicy(of, { domain: undefined, audience, region: "ap-northeast-1" }).policy.Statement;
const added = (of: ReturnType<typeof config>, audience: "operator" | "readonly") => {
  const before = statements(validateConfig(parseYaml(EXAMPLE), "example.yaml"), audience);
  return statements(of, audience).filter((statement) => !before.some((other) => JSON.stringify(other) === JSON.stringify(statement)));
};

describe("iam-policy with dmarc.reports in S3", () => {
  const inS3 = config("dmarc:\n  reports: s3://dmarc-rua/reports/\n");

  it.each(["operator", "readonly"] as const)("the %s policy reads the reports' prefix and nothing else of the bucket (golden)", (audience) => {
    expect(added(inS3, audience)).toEqual([
      { Sid: "DmarcReports", Effect: "Allow", Action: "s3:GetObject", Resource: "arn:aws:s3:::dmarc-rua/reports/*" },
      {
        Sid: "DmarcReports2",
        Effect: "Allow",
        Action: "s3:ListBucket",
        Resource: "arn:aws:s3:::dmarc-rua",
        Condition: { StringLike: { "s3:prefix": "reports/*" } },
      },
    ]);
  });

  it("retire's preflight reads them too; a folder of reports asks nothing of AWS", () => {
    const scope = policyScope(inS3, "goo.ne.jp", "ap-northeast-1");
    expect(permissionNeeds("retire", scope).map((need) => `${need.action} ${need.resource}`)).toEqual(
      expect.arrayContaining(["s3:ListBucket arn:aws:s3:::dmarc-rua", "s3:GetObject arn:aws:s3:::dmarc-rua/reports/*"]),
    );
    expect(added(config("dmarc:\n  reports: ./dmarc-reports\n"), "operator")).toEqual([]);
  });
});
