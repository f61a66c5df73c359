import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { parse as parseYaml } from "yaml";
import { validateConfig } from "../../src/config/loadConfig.js";
import { iamPolicy } from "../../src/permissions/iamPolicy.js";
import { type PermissionCommand, permissionNeeds } from "../../src/permissions/needs.js";
import { policyScope } from "../../src/permissions/policy.js";

const EXAMPLE = parseYaml(readFileSync(fileURLToPath(new URL("../../byodkim.config.example.yaml", import.meta.url)), "utf8")) as Record<string, unknown>;
const plain = validateConfig(EXAMPLE, "example.yaml");
const mirrored = validateConfig({ ...EXAMPLE, journal: { s3: { bucket: "ops-journal", prefix: "byodkim/journal" } } }, "example.yaml");
const statements = (of: typeof plain, audience: "operator" | "readonly") =>
  iamPolicy(of, { domain: undefined, audience, region: "ap-northeast-1" }).policy.Statement;
const added = (audience: "operator" | "readonly") => {
  const before = statements(plain, audience);
  return statements(mirrored, audience).filter((statement) => !before.some((other) => JSON.stringify(other) === JSON.stringify(statement)));
};
const needsOf = (command: PermissionCommand) =>
  permissionNeeds(command, policyScope(mirrored, "goo.ne.jp", "ap-northeast-1"))
    .filter((need) => need.resource.includes("ops-journal"))
    .map((need) => `${need.action} ${need.resource}${need.conditions ? ` ${JSON.stringify(need.conditions.map((c) => c.values))}` : ""}`);

describe("iam-policy with journal.s3", () => {
  it("the operator policy writes and reads the journals' prefix and nothing else of the bucket (golden)", () => {
    expect(added("operator")).toEqual([
      {
        Sid: "JournalMirror",
        Effect: "Allow",
        Action: "s3:ListBucket",
        Resource: "arn:aws:s3:::ops-journal",
        Condition: { StringLike: { "s3:prefix": "byodkim/journal/*" } },
      },
      { Sid: "JournalMirror2", Effect: "Allow", Action: ["s3:GetObject", "s3:PutObject"], Resource: "arn:aws:s3:::ops-journal/byodkim/journal/*" },
    ]);
  });

  it("the read-only policy asks nothing of the journal bucket", () => {
    expect(added("readonly")).toEqual([]);
  });

  it.each(["enable", "rotate", "keygen", "retire"] as const)("%s may put its journal under the prefix, and no more", (command) => {
    expect(needsOf(command)).toEqual(["s3:PutObject arn:aws:s3:::ops-journal/byodkim/journal/*"]);
  });

  it("rollback puts its journal and reads the mirrored ones (listing limited to the prefix)", () => {
    expect(needsOf("rollback")).toEqual([
      "s3:PutObject arn:aws:s3:::ops-journal/byodkim/journal/*",
      's3:ListBucket arn:aws:s3:::ops-journal [["byodkim/journal/*"]]',
      "s3:GetObject arn:aws:s3:::ops-journal/byodkim/journal/*",
    ]);
  });

  it("without journal.s3 no command asks anything of a journal bucket", () => {
    for (const command of ["enable", "rollback", "keygen"] as const)
      expect(permissionNeeds(command, policyScope(plain, "goo.ne.jp", "ap-northeast-1")).some((need) => need.resource.includes("journal"))).toBe(false);
  });
});
