import { GetRoleCommand, IAMClient, SimulatePrincipalPolicyCommand } from "@aws-sdk/client-iam";
import { mockClient } from "aws-sdk-client-mock";
import { afterEach, describe, expect, it } from "vitest";
import { lazy } from "../../src/aws/clients.js";
import { createIamPort } from "../../src/aws/iam.js";

const iam = mockClient(IAMClient);
afterEach(() => iam.reset());
const port = () => createIamPort(lazy(async () => new IAMClient({ region: "us-east-1", credentials: { accessKeyId: "a", secretAccessKey: "b" } })));
const ROLE = "arn:aws:iam::123456789012:role/MailOps";

describe("the IAM adapter", () => {
  it("asks one simulation per set of condition keys, and keeps only the pairs it asked about", async () => {
    iam.on(SimulatePrincipalPolicyCommand).callsFake((input: { ActionNames: string[]; ResourceArns: string[] }) => ({
      EvaluationResults: input.ActionNames.flatMap((action) =>
        input.ResourceArns.map((resource) => ({
          EvalActionName: action,
          EvalResourceName: resource,
          EvalDecision: action === "s3:PutObject" ? "implicitDeny" : "allowed",
        })),
      ),
    }));
    const decisions = await port().simulate(ROLE, [
      { action: "s3:GetObject", resource: "arn:aws:s3:::b/k" },
      { action: "s3:PutObject", resource: "arn:aws:s3:::b/lock" },
      { action: "s3:ListBucket", resource: "arn:aws:s3:::b", context: { "s3:prefix": ["dkim/"] } },
    ]);
    const calls = iam.commandCalls(SimulatePrincipalPolicyCommand).map((call) => call.args[0].input);
    expect(calls).toHaveLength(2);
    expect(calls[0]).toMatchObject({
      PolicySourceArn: ROLE,
      ActionNames: ["s3:GetObject", "s3:PutObject"],
      ResourceArns: ["arn:aws:s3:::b/k", "arn:aws:s3:::b/lock"],
      ContextEntries: [],
    });
    expect(calls[1]).toMatchObject({ ContextEntries: [{ ContextKeyName: "s3:prefix", ContextKeyValues: ["dkim/"], ContextKeyType: "string" }] });
    expect(decisions).toEqual([
      { action: "s3:GetObject", resource: "arn:aws:s3:::b/k", decision: "allowed" },
      { action: "s3:PutObject", resource: "arn:aws:s3:::b/lock", decision: "implicitDeny" },
      { action: "s3:ListBucket", resource: "arn:aws:s3:::b", decision: "allowed" },
    ]);
  });

  it("follows IAM's pages", async () => {
    iam
      .on(SimulatePrincipalPolicyCommand, { Marker: undefined })
      .resolves({
        EvaluationResults: [{ EvalActionName: "ses:GetEmailIdentity", EvalResourceName: "r", EvalDecision: "allowed" }],
        IsTruncated: true,
        Marker: "m2",
      })
      .on(SimulatePrincipalPolicyCommand, { Marker: "m2" })
      .resolves({ EvaluationResults: [{ EvalActionName: "ses:SendEmail", EvalResourceName: "r", EvalDecision: "explicitDeny" }], IsTruncated: false });
    const decisions = await port().simulate(ROLE, [
      { action: "ses:GetEmailIdentity", resource: "r" },
      { action: "ses:SendEmail", resource: "r" },
    ]);
    expect(decisions.map((decision) => decision.decision)).toEqual(["allowed", "explicitDeny"]);
  });

  it("gives the role's ARN with its path", async () => {
    iam.on(GetRoleCommand).resolves({
      Role: {
        Arn: "arn:aws:iam::123456789012:role/aws-reserved/sso.amazonaws.com/AWSReservedSSO_x",
        RoleName: "AWSReservedSSO_x",
        Path: "/aws-reserved/sso.amazonaws.com/",
        RoleId: "AROA",
        CreateDate: new Date(),
      },
    });
    expect(await port().roleArn("AWSReservedSSO_x")).toBe("arn:aws:iam::123456789012:role/aws-reserved/sso.amazonaws.com/AWSReservedSSO_x");
  });
});
