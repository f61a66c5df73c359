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
    [["--for", "admin"], "--for must be operator or readonly"],
    [["--format", "yaml"], "--format must be json"],
    [["not a domain!"], "not a valid domain"],
  ])("refuses %j with exit 2 and no stack trace", async (args, message) => {
    const result = await spawnCli(["iam-policy", "--config", EXAMPLE, ...args]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(message);
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });
});
