import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { parse as parseYaml } from "yaml";
import { validateConfig } from "../../src/config/loadConfig.js";
import { iamPolicy } from "../../src/permissions/iamPolicy.js";
import { permissionNeeds } from "../../src/permissions/needs.js";
import { policyScope } from "../../src/permissions/policy.js";
import { evaluatePolicy } from "../../src/sandbox/iam/policy.js";
import type { PolicyDocument } from "../../src/sandbox/iam/policyDocument.js";

const EXAMPLE = readFileSync(fileURLToPath(new URL("../../byodkim.config.example.yaml", import.meta.url)), "utf8");
const PROBE_YAML = `probe:
  to: probe@inbound.example.jp
  inbound: { s3: { bucket: my-inbound, prefix: probe/, region: us-east-1 } }
  targets:
    - { name: docomo, to: probe@docomo.example.jp, imap: { host: imap.example.jp, user: probe, passwordSecret: byodkim/imap-probe } }
`;
const withProbe = validateConfig(parseYaml(`${EXAMPLE}${PROBE_YAML}`), "example.yaml");
const without = validateConfig(parseYaml(EXAMPLE), "example.yaml");
const operator = (config: typeof without) => iamPolicy(config, { domain: undefined, audience: "operator", region: "ap-northeast-1" }).policy.Statement;

describe("iam-policy with probe: configured", () => {
  it("grants exactly what the probe uses, in statements of its own (golden)", () => {
    const added = operator(withProbe).filter((statement) => !operator(without).some((other) => JSON.stringify(other) === JSON.stringify(statement)));
    expect(added).toEqual([
      {
        Sid: "SesDkim2",
        Effect: "Allow",
        Action: "ses:SendEmail",
        Resource: "arn:aws:ses:ap-northeast-1:123456789012:identity/goo.ne.jp",
        Condition: { StringLike: { "ses:FromAddress": ["byodkim-verify@goo.ne.jp", "byodkim-probe@goo.ne.jp"] } },
      },
      {
        Sid: "ProbeInbound",
        Effect: "Allow",
        Action: "s3:GetObject",
        Resource: "arn:aws:s3:::my-inbound/probe/*",
      },
      {
        Sid: "ProbeInbound2",
        Effect: "Allow",
        Action: "s3:ListBucket",
        Resource: "arn:aws:s3:::my-inbound",
        Condition: { StringLike: { "s3:prefix": "probe/*" } },
      },
      {
        Sid: "ProbeImapPassword",
        Effect: "Allow",
        Action: "secretsmanager:GetSecretValue",
        Resource: "arn:aws:secretsmanager:ap-northeast-1:123456789012:secret:byodkim/imap-probe-??????",
      },
    ]);
    // What it replaces: send-test's SendEmail, now one statement for both senders.
    const removed = operator(without).filter((statement) => !operator(withProbe).some((other) => JSON.stringify(other) === JSON.stringify(statement)));
    expect(removed.map((statement) => [statement.Action, statement.Condition])).toEqual([
      ["ses:SendEmail", { StringLike: { "ses:FromAddress": "byodkim-verify@goo.ne.jp" } }],
    ]);
  });

  it("asks nothing of the probe without probe:, and the read-only policy never sends one", () => {
    const scope = policyScope(without, "goo.ne.jp", "ap-northeast-1");
    expect(permissionNeeds("verify-probe", scope)).toEqual(permissionNeeds("verify", scope));
    const readonly = iamPolicy(withProbe, { domain: undefined, audience: "readonly", region: "ap-northeast-1" }).policy.Statement;
    expect(JSON.stringify(readonly)).not.toMatch(/SendEmail|my-inbound|imap-probe/);
  });

  it("the preflight simulates the listing with the prefix the probe lists with", () => {
    const need = permissionNeeds("verify-probe", policyScope(withProbe, "goo.ne.jp", "ap-northeast-1")).find(
      (found) => found.action === "s3:ListBucket" && found.resource === "arn:aws:s3:::my-inbound",
    );
    expect(need?.conditions).toEqual([{ operator: "StringLike", key: "s3:prefix", values: ["probe/*"], requestValue: "probe/" }]);
  });

  it("the sandbox's IAM judges the probe's calls under this policy as AWS would: its prefix only, its sender only", () => {
    const policy = iamPolicy(withProbe, { domain: undefined, audience: "operator", region: "ap-northeast-1" }).policy as unknown as PolicyDocument;
    const decide = (action: string, resource: string, context?: Record<string, string[]>) =>
      evaluatePolicy(policy, { action, resource, ...(context ? { context } : {}) }).decision;
    expect(decide("s3:ListBucket", "arn:aws:s3:::my-inbound", { "s3:prefix": ["probe/"] })).toBe("allowed");
    expect(decide("s3:ListBucket", "arn:aws:s3:::my-inbound", { "s3:prefix": [""] })).toBe("implicitDeny");
    expect(decide("s3:ListBucket", "arn:aws:s3:::my-inbound", { "s3:prefix": ["other/"] })).toBe("implicitDeny");
    // A GetObject of a missing key asks ListBucket without a prefix: S3 answers 403, not 404 (the probe reads only keys it has just listed).
    expect(decide("s3:ListBucket", "arn:aws:s3:::my-inbound")).toBe("implicitDeny");
    expect(decide("s3:GetObject", "arn:aws:s3:::my-inbound/probe/0a1b2c3d")).toBe("allowed");
    expect(decide("s3:GetObject", "arn:aws:s3:::my-inbound/other/0a1b2c3d")).toBe("implicitDeny");
    const identity = "arn:aws:ses:ap-northeast-1:123456789012:identity/goo.ne.jp";
    expect(decide("ses:SendEmail", identity, { "ses:FromAddress": ["byodkim-probe@goo.ne.jp"] })).toBe("allowed");
    expect(decide("ses:SendEmail", identity, { "ses:FromAddress": ["ceo@goo.ne.jp"] })).toBe("implicitDeny");
    const secret = "arn:aws:secretsmanager:ap-northeast-1:123456789012:secret:byodkim/imap-probe-AbCdEf";
    expect(decide("secretsmanager:GetSecretValue", secret)).toBe("allowed");
    expect(decide("secretsmanager:PutSecretValue", secret)).toBe("implicitDeny");
  });
});
