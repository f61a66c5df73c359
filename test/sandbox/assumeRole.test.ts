import { describe, expect, it } from "vitest";
import { parseAssumeRole, StsRejection } from "../../src/sandbox/assumeRole.js";
import { type TrustCaller, trustAllows, trustPolicyFor } from "../../src/sandbox/iam/trustPolicy.js";

const OPS = "123456789012";
const OPERATORS = `arn:aws:iam::${OPS}:role/MailOps`;
const operator: TrustCaller = { arn: `arn:aws:sts::${OPS}:assumed-role/MailOps/operator`, account: OPS, roleArn: OPERATORS };
const stranger: TrustCaller = { arn: `arn:aws:sts::${OPS}:assumed-role/Billing/alice`, account: OPS, roleArn: `arn:aws:iam::${OPS}:role/Billing` };
const otherAccount: TrustCaller = {
  arn: "arn:aws:sts::222222222222:assumed-role/MailOps/eve",
  account: "222222222222",
  roleArn: "arn:aws:iam::222222222222:role/MailOps",
};
const EXTERNAL_ID = { "sts:ExternalId": ["byodkim-sandbox-external-id"] };

const policy = (statement: object) => JSON.stringify({ Version: "2012-10-17", Statement: [statement] });

describe("trustAllows: a member role's trust policy decides who may assume it", () => {
  const cases: [string, string, TrustCaller, Record<string, string[]>, boolean][] = [
    ["the trusted role's session, with the external id", trustPolicyFor(OPERATORS, "byodkim-sandbox-external-id"), operator, EXTERNAL_ID, true],
    [
      "the trusted role's session, a wrong external id",
      trustPolicyFor(OPERATORS, "byodkim-sandbox-external-id"),
      operator,
      { "sts:ExternalId": ["guess"] },
      false,
    ],
    ["the trusted role's session, no external id", trustPolicyFor(OPERATORS, "byodkim-sandbox-external-id"), operator, {}, false],
    ["another role's session of the same account", trustPolicyFor(OPERATORS, "byodkim-sandbox-external-id"), stranger, EXTERNAL_ID, false],
    ["a same-named role in another account", trustPolicyFor(OPERATORS, "byodkim-sandbox-external-id"), otherAccount, EXTERNAL_ID, false],
    ["no external id asked, none sent", trustPolicyFor(OPERATORS, undefined), operator, {}, true],
    [
      "the account root trusts any of its principals",
      policy({ Effect: "Allow", Principal: { AWS: `arn:aws:iam::${OPS}:root` }, Action: "sts:AssumeRole" }),
      stranger,
      {},
      true,
    ],
    ["the bare account id is the root", policy({ Effect: "Allow", Principal: { AWS: OPS }, Action: "sts:AssumeRole" }), stranger, {}, true],
    [
      "the root of another account",
      policy({ Effect: "Allow", Principal: { AWS: `arn:aws:iam::${OPS}:root` }, Action: "sts:AssumeRole" }),
      otherAccount,
      {},
      false,
    ],
    ["one session named exactly", policy({ Effect: "Allow", Principal: { AWS: [operator.arn] }, Action: "sts:AssumeRole" }), operator, {}, true],
    ["an action other than sts:AssumeRole", policy({ Effect: "Allow", Principal: { AWS: OPERATORS }, Action: "sts:AssumeRoleWithSAML" }), operator, {}, false],
    [
      "a Deny wins over the Allow",
      JSON.stringify({
        Statement: [
          { Effect: "Allow", Principal: { AWS: `arn:aws:iam::${OPS}:root` }, Action: "sts:*" },
          { Effect: "Deny", Principal: { AWS: OPERATORS }, Action: "sts:AssumeRole" },
        ],
      }),
      operator,
      {},
      false,
    ],
    [
      "a service principal is not a caller",
      policy({ Effect: "Allow", Principal: { Service: "ec2.amazonaws.com" }, Action: "sts:AssumeRole" }),
      operator,
      {},
      false,
    ],
    ["a trust policy that does not parse trusts no one", "{not json", operator, {}, false],
  ];
  it.each(cases)("%s", (_, trust, caller, context, allowed) => {
    expect(trustAllows(trust, caller, context)).toBe(allowed);
  });
});

const params = (entries: Record<string, string>) => new URLSearchParams({ Action: "AssumeRole", Version: "2011-06-15", ...entries });
const ROLE = "arn:aws:iam::111111111111:role/byodkim-target";
const rejection = (entries: Record<string, string>) => {
  try {
    parseAssumeRole(params(entries));
  } catch (err) {
    if (err instanceof StsRejection) return { code: err.code, status: err.status, message: err.message };
    throw err;
  }
  return undefined;
};

describe("parseAssumeRole: the service model's constraints, as STS's ValidationError words them", () => {
  it("takes a well-formed request, an hour by default", () => {
    expect(parseAssumeRole(params({ RoleArn: ROLE, RoleSessionName: "byodkim@ops", ExternalId: "a:b/c" }))).toEqual({
      roleArn: ROLE,
      sessionName: "byodkim@ops",
      durationSeconds: 3600,
      externalId: "a:b/c",
    });
    expect(parseAssumeRole(params({ RoleArn: ROLE, RoleSessionName: "ok", DurationSeconds: "43200" })).durationSeconds).toBe(43200);
  });

  const cases: [string, Record<string, string>, string][] = [
    [
      "a session name too short",
      { RoleArn: ROLE, RoleSessionName: "x" },
      "1 validation error detected: Value 'x' at 'roleSessionName' failed to satisfy constraint: Member must have length greater than or equal to 2",
    ],
    [
      "a session name with a space",
      { RoleArn: ROLE, RoleSessionName: "by odkim" },
      "1 validation error detected: Value 'by odkim' at 'roleSessionName' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\w+=,.@-]*",
    ],
    [
      "a session name of 65",
      { RoleArn: ROLE, RoleSessionName: "s".repeat(65) },
      `1 validation error detected: Value '${"s".repeat(65)}' at 'roleSessionName' failed to satisfy constraint: Member must have length less than or equal to 64`,
    ],
    [
      "a duration under 900",
      { RoleArn: ROLE, RoleSessionName: "byodkim", DurationSeconds: "899" },
      "1 validation error detected: Value '899' at 'durationSeconds' failed to satisfy constraint: Member must have value greater than or equal to 900",
    ],
    [
      "a duration over 43200",
      { RoleArn: ROLE, RoleSessionName: "byodkim", DurationSeconds: "43201" },
      "1 validation error detected: Value '43201' at 'durationSeconds' failed to satisfy constraint: Member must have value less than or equal to 43200",
    ],
    [
      "an external id of one character",
      { RoleArn: ROLE, RoleSessionName: "byodkim", ExternalId: "a" },
      "1 validation error detected: Value 'a' at 'externalId' failed to satisfy constraint: Member must have length greater than or equal to 2",
    ],
    [
      "an external id with a character outside its pattern",
      { RoleArn: ROLE, RoleSessionName: "byodkim", ExternalId: "id#1" },
      "1 validation error detected: Value 'id#1' at 'externalId' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\w+=,.@:\\/-]*",
    ],
    [
      "no session name, and a short external id: both counted",
      { RoleArn: ROLE, ExternalId: "a" },
      "2 validation errors detected: Value null at 'roleSessionName' failed to satisfy constraint: Member must not be null; Value 'a' at 'externalId' failed to satisfy constraint: Member must have length greater than or equal to 2",
    ],
    [
      "a session policy, which the sandbox does not apply",
      { RoleArn: ROLE, RoleSessionName: "byodkim", Policy: "{}" },
      "The byodkim sandbox does not support Policy in AssumeRole.",
    ],
  ];
  it.each(cases)("refuses %s", (_, entries, message) => {
    expect(rejection(entries)).toEqual({ code: "ValidationError", status: 400, message });
  });
});
