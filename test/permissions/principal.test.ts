import { describe, expect, it } from "vitest";
import { isKnownPrincipal, type PrincipalReading, principalOf, samePrincipal } from "../../src/permissions/principal.js";

const SSO_ROLE = "AWSReservedSSO_MailOps_0123456789abcdef";

describe("who a caller ARN names", () => {
  it.each([
    [
      "a role session",
      "arn:aws:sts::123456789012:assumed-role/MailOps/alice",
      {
        kind: "assumed-role",
        partition: "aws",
        account: "123456789012",
        name: "MailOps",
        session: "alice",
        key: "aws:123456789012:assumed-role:mailops:alice",
      },
    ],
    [
      "an IAM Identity Center session, whose session name is the person's address",
      `arn:aws:sts::123456789012:assumed-role/${SSO_ROLE}/alice@example.jp`,
      { kind: "assumed-role", name: SSO_ROLE, session: "alice@example.jp", key: `aws:123456789012:assumed-role:${SSO_ROLE.toLowerCase()}:alice@example.jp` },
    ],
    [
      "a role session whose role has a path",
      `arn:aws:sts::123456789012:assumed-role/aws-reserved/sso.amazonaws.com/${SSO_ROLE}/alice`,
      { kind: "assumed-role", name: SSO_ROLE, session: "alice", key: `aws:123456789012:assumed-role:${SSO_ROLE.toLowerCase()}:alice` },
    ],
    [
      "an EC2 instance's role session",
      "arn:aws:sts::123456789012:assumed-role/ci-runner/i-0abc1234def567890",
      { kind: "assumed-role", name: "ci-runner", session: "i-0abc1234def567890" },
    ],
    [
      "a session name with IAM's punctuation",
      "arn:aws:sts::123456789012:assumed-role/MailOps/botocore-session-1700000000+x=y,z",
      { kind: "assumed-role", session: "botocore-session-1700000000+x=y,z" },
    ],
    ["an IAM user", "arn:aws:iam::123456789012:user/bob", { kind: "user", name: "bob", key: "aws:123456789012:user:bob" }],
    ["an IAM user with a path", "arn:aws:iam::123456789012:user/division/mail/bob", { kind: "user", name: "bob", key: "aws:123456789012:user:bob" }],
    ["the account's root", "arn:aws:iam::123456789012:root", { kind: "root", name: "root", key: "aws:123456789012:root" }],
    [
      "a federated user (GetFederationToken)",
      "arn:aws:sts::123456789012:federated-user/carol",
      { kind: "federated-user", name: "carol", key: "aws:123456789012:federated-user:carol" },
    ],
    [
      "a role session in China",
      "arn:aws-cn:sts::123456789012:assumed-role/MailOps/alice",
      { kind: "assumed-role", partition: "aws-cn", key: "aws-cn:123456789012:assumed-role:mailops:alice" },
    ],
    ["a user in GovCloud", "arn:aws-us-gov:iam::123456789012:user/bob", { kind: "user", partition: "aws-us-gov", key: "aws-us-gov:123456789012:user:bob" }],
    ["a user in an isolated partition", "arn:aws-iso-b:iam::123456789012:user/bob", { kind: "user", partition: "aws-iso-b" }],
    [
      "a role itself, not a session",
      "arn:aws:iam::123456789012:role/MailOps",
      { kind: "other", name: "role/MailOps", key: "aws:123456789012:iam:role/mailops" },
    ],
  ] as const)("reads %s", (_what, arn, expected) => {
    const reading = principalOf(arn);
    expect(isKnownPrincipal(reading)).toBe(true);
    expect(reading).toMatchObject(expected);
  });

  it.each([
    ["an empty string", "", "notAnArn"],
    ["a name, not an ARN", "alice", "notAnArn"],
    ["an ARN cut short", "arn:aws:sts::123456789012", "notAnArn"],
    ["an ARN with no resource", "arn:aws:sts::123456789012:", "notAnArn"],
    ["a region where IAM has none", "arn:aws:sts:ap-northeast-1:123456789012:assumed-role/MailOps/alice", "notAnArn"],
    ["another partition's spelling", "arn:amazon:iam::123456789012:user/bob", "badPartition"],
    ["an account of 11 digits", "arn:aws:iam::12345678901:user/bob", "badAccount"],
    ["no account", "arn:aws:iam:::user/bob", "badAccount"],
    ["a role session without its session name", "arn:aws:sts::123456789012:assumed-role/MailOps", "badName"],
    ["an empty session name", "arn:aws:sts::123456789012:assumed-role/MailOps/", "badName"],
    ["a user without a name", "arn:aws:iam::123456789012:user/", "badName"],
    ["a space in a name", "arn:aws:iam::123456789012:user/bob smith", "badName"],
    ["a line break in a session name", "arn:aws:sts::123456789012:assumed-role/MailOps/alice\nbob", "badName"],
    ["a service that names no caller", "arn:aws:s3:::123456789012:bucket", "badAccount"],
    ["an S3 ARN", "arn:aws:s3::123456789012:keys-bucket", "badName"],
    ["a resource type with nothing after it", "arn:aws:iam::123456789012:group", "badName"],
  ])("gives an unknown principal, never a throw, for %s", (_what, arn, reason) => {
    const reading = principalOf(arn);
    expect(reading).toMatchObject({ kind: "unknown", reason });
    expect(isKnownPrincipal(reading)).toBe(false);
  });

  it("shows an unknown principal on one line, at most 300 characters", () => {
    const reading = principalOf(`arn:aws:sts::123456789012:assumed-role/MailOps/a\u001b[31m${"x".repeat(400)}`);
    expect(reading.kind).toBe("unknown");
    const text = (reading as Extract<PrincipalReading, { kind: "unknown" }>).text;
    expect(text).toHaveLength(300);
    expect(text).not.toContain("\u001b");
  });
});

describe("whether two callers are one person", () => {
  it.each([
    ["two people in one SSO role", `arn:aws:sts::123456789012:assumed-role/${SSO_ROLE}/alice`, `arn:aws:sts::123456789012:assumed-role/${SSO_ROLE}/bob`, false],
    [
      "one SSO session seen twice",
      `arn:aws:sts::123456789012:assumed-role/${SSO_ROLE}/alice`,
      `arn:aws:sts::123456789012:assumed-role/${SSO_ROLE}/alice`,
      true,
    ],
    [
      "one session, with and without the role's path",
      `arn:aws:sts::123456789012:assumed-role/aws-reserved/sso.amazonaws.com/${SSO_ROLE}/alice`,
      `arn:aws:sts::123456789012:assumed-role/${SSO_ROLE}/alice`,
      true,
    ],
    ["one session name in two roles", "arn:aws:sts::123456789012:assumed-role/MailOps/alice", "arn:aws:sts::123456789012:assumed-role/Admin/alice", false],
    ["one role session in two accounts", "arn:aws:sts::123456789012:assumed-role/MailOps/alice", "arn:aws:sts::210987654321:assumed-role/MailOps/alice", false],
    [
      "one role session in two partitions",
      "arn:aws:sts::123456789012:assumed-role/MailOps/alice",
      "arn:aws-cn:sts::123456789012:assumed-role/MailOps/alice",
      false,
    ],
    ["the same user twice", "arn:aws:iam::123456789012:user/bob", "arn:aws:iam::123456789012:user/bob", true],
    ["the same user with and without a path", "arn:aws:iam::123456789012:user/mail/bob", "arn:aws:iam::123456789012:user/bob", true],
    ["one name in two cases (IAM names ignore case)", "arn:aws:iam::123456789012:user/Bob", "arn:aws:iam::123456789012:user/bob", true],
    ["two IAM users", "arn:aws:iam::123456789012:user/bob", "arn:aws:iam::123456789012:user/carol", false],
    ["a user and a role session of the same name", "arn:aws:iam::123456789012:user/alice", "arn:aws:sts::123456789012:assumed-role/MailOps/alice", false],
    ["a user and a federated user of the same name", "arn:aws:iam::123456789012:user/carol", "arn:aws:sts::123456789012:federated-user/carol", false],
    ["root twice", "arn:aws:iam::123456789012:root", "arn:aws:iam::123456789012:root", true],
    ["an unknown principal and itself (it is nobody)", "not-an-arn", "not-an-arn", false],
  ])("%s", (_what, a, b, same) => {
    expect(samePrincipal(principalOf(a), principalOf(b))).toBe(same);
    expect(samePrincipal(principalOf(b), principalOf(a))).toBe(same);
  });
});
