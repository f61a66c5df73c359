import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { spawnCli } from "../support/spawnCli.js";

const EXAMPLE = fileURLToPath(new URL("../../byodkim.config.example.yaml", import.meta.url));

describe("byodkim iam-policy as a spawned process", () => {
  it("prints the policy document alone on stdout, and what it covers on stderr, without credentials or a network", async () => {
    // No AWS variables at all: the policy comes from the config alone.
    const result = await spawnCli(["iam-policy", "--config", EXAMPLE, "--role", "MailOps"]);
    expect(result.code, result.stderr).toBe(0);
    const policy = JSON.parse(result.stdout) as { Version: string; Statement: { Sid: string; Resource: unknown }[] };
    expect(policy.Version).toBe("2012-10-17");
    expect(policy.Statement.find((statement) => statement.Sid === "PermissionPreflight")?.Resource).toBe("arn:aws:iam::123456789012:role/MailOps");
    expect(result.stderr).toContain("IAM policy for operator");
    expect(result.stderr).toContain("aws iam create-policy --policy-name byodkim-operator");
    expect(result.stderr).not.toContain("any role of the account");
  });

  it("warns when no --role narrows the preflight", async () => {
    const result = await spawnCli(["iam-policy", "--config", EXAMPLE, "--for", "readonly"]);
    expect(result.code).toBe(0);
    expect(result.stderr).toContain("any role of the account");
    // Its one write is status --publish-metrics's, into byodkim's own CloudWatch namespace.
    expect(JSON.stringify(JSON.parse(result.stdout)).replaceAll("cloudwatch:PutMetricData", "")).not.toMatch(/Put|Delete|SendEmail/);
    expect(result.stderr).toContain("status --publish-metrics");
  });

  it("gives one document with --json", async () => {
    const result = await spawnCli(["iam-policy", "--config", EXAMPLE, "--json"]);
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({ command: "iam-policy", for: "operator", domain: "goo.ne.jp", region: "ap-northeast-1", role: null });
  });

  it.each([
    [["--for", "admin"], "--for must be operator, readonly, approver, unattended or target"],
    [["--format", "yaml"], "--format must be json"],
    [["not a domain!"], "not a valid domain"],
  ])("refuses %j with exit 2 and no stack trace", async (args, message) => {
    const result = await spawnCli(["iam-policy", "--config", EXAMPLE, ...args]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(message);
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });

  it.each([
    ["a name with a wildcard", "MailOps*", "--role"],
    ["an empty name", "", "--role"],
    ["a name with a space", "Mail Ops", "--role"],
    ["a name with a quote", 'MailOps"', "--role"],
    ["a name longer than 64 characters", "R".repeat(65), "--role"],
    ["an ARN with a wildcard", "arn:aws:iam::123456789012:role/Mail*", "--role"],
    ["an ARN with a policy variable", `arn:aws:iam::123456789012:role/$\{aws:username}`, "--role"],
    ["an ARN of a user", "arn:aws:iam::123456789012:user/ops", "--role"],
    ["an ARN of a role in another account", "arn:aws:iam::210987654321:role/MailOps", "210987654321"],
  ])("refuses --role as %s with exit 2, no stack and no policy", async (_what, role, message) => {
    const result = await spawnCli(["iam-policy", "--config", EXAMPLE, "--role", role]);
    expect(result.code, result.stderr).toBe(2);
    expect(result.stderr).toContain(message);
    expect(result.stdout).toBe("");
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });

  it("accepts a role name with every character IAM allows, and an SSO role's ARN with its path", async () => {
    for (const role of ["Mail+Ops=1,a.b@c_d-e", "arn:aws:iam::123456789012:role/aws-reserved/sso.amazonaws.com/ap-northeast-1/AWSReservedSSO_Ops_0123"]) {
      const result = await spawnCli(["iam-policy", "--config", EXAMPLE, "--role", role]);
      expect(result.code, result.stderr).toBe(0);
      const policy = JSON.parse(result.stdout) as { Statement: { Sid: string; Resource: unknown }[] };
      expect(policy.Statement.find((statement) => statement.Sid === "PermissionPreflight")?.Resource).toBe(
        role.startsWith("arn:") ? role : `arn:aws:iam::123456789012:role/${role}`,
      );
    }
  });

  it("refuses a config whose secret name is a wildcard, naming the key, before any policy is printed", async () => {
    const dir = mkdtempSync(join(tmpdir(), "byodkim-iam-"));
    const config = join(dir, "byodkim.config.yaml");
    writeFileSync(config, readFileSync(EXAMPLE, "utf8").replace("secretId: aws-ses-migration/prod/dkim-config", 'secretId: "prod/*"'));
    const result = await spawnCli(["iam-policy", "--config", config]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("state.secretId must be");
    expect(result.stdout).toBe("");
  });

  it("warns when keys.key does not name the domain: its key grants reach every domain's keys in the bucket", async () => {
    const dir = mkdtempSync(join(tmpdir(), "byodkim-iam-"));
    const config = join(dir, "byodkim.config.yaml");
    writeFileSync(config, readFileSync(EXAMPLE, "utf8").replace('key: "dkim/{domain}/{selector}.pem"', 'key: "dkim/{selector}.pem"'));
    const result = await spawnCli(["iam-policy", "--config", config]);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr).toContain("! keys.key dkim/{selector}.pem does not name the domain");
    expect(result.stderr).toContain("s3://aws-ses-migration-prod-dkim/dkim/");
    const json = await spawnCli(["iam-policy", "--config", config, "--json"]);
    expect(JSON.parse(json.stdout).warnings).toEqual([expect.objectContaining({ code: "iamPolicy.keysWithoutDomain" })]);
    const named = await spawnCli(["iam-policy", "--config", EXAMPLE, "--json"]);
    expect(JSON.parse(named.stdout).warnings).toEqual([]);
  });
});
