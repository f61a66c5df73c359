import { GetRoleCommand, IAMClient, SimulatePrincipalPolicyCommand, type SimulatePrincipalPolicyCommandInput } from "@aws-sdk/client-iam";
import { GetCallerIdentityCommand, STSClient } from "@aws-sdk/client-sts";
import { afterEach, describe, expect, it } from "vitest";
import type { PolicyDocument } from "../../src/sandbox/iam/policyDocument.js";
import { type Sandbox, type SandboxOptions, startSandbox } from "../../src/sandbox/start.js";

const ACCOUNT = "123456789012";
const MAIL_OPS = `arn:aws:iam::${ACCOUNT}:role/MailOps`;
const SSO_PATH = "/aws-reserved/sso.amazonaws.com/ap-northeast-1/";
const SSO_ROLE = "AWSReservedSSO_MailOps_0123456789abcdef";

const POLICY: PolicyDocument = {
  Version: "2012-10-17",
  Id: "MailOpsDkim",
  Statement: [
    { Sid: "ListKeys", Effect: "Allow", Action: "s3:ListBucket", Resource: "arn:aws:s3:::keys", Condition: { StringLike: { "s3:prefix": "dkim/*" } } },
    { Sid: "ReadKeys", Effect: "Allow", Action: ["s3:GetObject", "s3:PutObject"], Resource: "arn:aws:s3:::keys/dkim/*" },
    { Sid: "NoDelete", Effect: "Deny", Action: "s3:DeleteObject", Resource: "*" },
    // The simulation is itself authorised, on the role simulated.
    { Sid: "Simulate", Effect: "Allow", Action: "iam:SimulatePrincipalPolicy", Resource: `arn:aws:iam::${ACCOUNT}:role/*` },
  ],
};

let box: Sandbox | undefined;
afterEach(async () => {
  await box?.stop();
  box = undefined;
});

async function iamOf(options: SandboxOptions = {}) {
  box = await startSandbox(options);
  const config = { endpoint: box.endpoint, region: "us-east-1", credentials: { accessKeyId: "AKIASANDBOX", secretAccessKey: "sandbox" }, maxAttempts: 1 };
  return { box, iam: new IAMClient(config), sts: new STSClient({ ...config, region: box.world.region }) };
}

/** A raw Query request, to read IAM's XML as it goes over the wire. */
const rawIam = (sandbox: Sandbox, params: Record<string, string>) =>
  fetch(sandbox.endpoint, {
    method: "POST",
    headers: {
      "content-type": "application/x-www-form-urlencoded",
      authorization: "AWS4-HMAC-SHA256 Credential=AKIASANDBOX/20250917/us-east-1/iam/aws4_request, SignedHeaders=host, Signature=0",
    },
    body: new URLSearchParams({ Version: "2010-05-08", ...params }).toString(),
  });

describe("sandbox IAM: GetRole", () => {
  it("answers the operator's role, MailOps at /, with its trust policy URL-encoded as IAM sends it", async () => {
    const { iam, sts } = await iamOf();
    const { Role } = await iam.send(new GetRoleCommand({ RoleName: "MailOps" }));
    expect(Role).toMatchObject({ RoleName: "MailOps", Path: "/", Arn: MAIL_OPS, CreateDate: new Date("2024-04-01T00:00:00Z") });
    expect(Role?.RoleId).toMatch(/^AROA[0-9A-Z]{17}$/);
    expect(Role?.AssumeRolePolicyDocument).toMatch(/^%7B%22Version%22/);
    expect(JSON.parse(decodeURIComponent(Role!.AssumeRolePolicyDocument!))).toMatchObject({
      Statement: [{ Effect: "Allow", Principal: { AWS: `arn:aws:iam::${ACCOUNT}:root` }, Action: "sts:AssumeRole" }],
    });
    // STS's UserId for an assumed role is the role's id and the session name.
    expect((await sts.send(new GetCallerIdentityCommand({}))).UserId).toBe(`${Role?.RoleId}:operator`);
  });

  it("an SSO role: the caller ARN names the role alone, GetRole answers the ARN with the whole path", async () => {
    const { box, iam, sts } = await iamOf({ role: { name: SSO_ROLE, path: SSO_PATH } });
    const caller = await sts.send(new GetCallerIdentityCommand({}));
    expect(caller.Arn).toBe(`arn:aws:sts::${ACCOUNT}:assumed-role/${SSO_ROLE}/operator`);
    expect(box.world.callerArn).toBe(caller.Arn);
    const roleName = caller.Arn!.split("/")[1]!;
    const { Role } = await iam.send(new GetRoleCommand({ RoleName: roleName }));
    expect(Role).toMatchObject({ RoleName: SSO_ROLE, Path: SSO_PATH, Arn: `arn:aws:iam::${ACCOUNT}:role${SSO_PATH}${SSO_ROLE}` });
    expect(JSON.parse(decodeURIComponent(Role!.AssumeRolePolicyDocument!)).Statement[0].Action).toContain("sts:AssumeRoleWithSAML");
  });

  it("refuses a role path IAM would refuse", async () => {
    await expect(startSandbox({ role: { path: "aws-reserved/sso.amazonaws.com" } })).rejects.toThrow(/starts and ends with "\/"/);
  });

  it("an unknown role is NoSuchEntity (404), in IAM's ErrorResponse XML", async () => {
    const { box, iam } = await iamOf();
    await expect(iam.send(new GetRoleCommand({ RoleName: "Nobody" }))).rejects.toMatchObject({
      name: "NoSuchEntityException",
      message: "The role with name Nobody cannot be found.",
      $metadata: { httpStatusCode: 404 },
    });
    const response = await rawIam(box, { Action: "GetRole", RoleName: "Nobody" });
    expect(response.status).toBe(404);
    expect(await response.text()).toMatch(
      /^<\?xml version="1.0" encoding="UTF-8"\?>\n<ErrorResponse xmlns="https:\/\/iam.amazonaws.com\/doc\/2010-05-08\/"><Error><Type>Sender<\/Type><Code>NoSuchEntity<\/Code><Message>The role with name Nobody cannot be found.<\/Message><\/Error><RequestId>[0-9a-f-]{36}<\/RequestId><\/ErrorResponse>$/,
    );
  });
});

describe("sandbox IAM: SimulatePrincipalPolicy", () => {
  const simulate = (iam: IAMClient, input: Partial<SimulatePrincipalPolicyCommandInput>) =>
    iam.send(new SimulatePrincipalPolicyCommand({ PolicySourceArn: MAIL_OPS, ActionNames: [], ...input }));

  it("answers each action on each resource from the policy, naming the policy whose statements decided", async () => {
    const { iam } = await iamOf({ policy: POLICY });
    const result = await simulate(iam, {
      ActionNames: ["s3:GetObject", "s3:DeleteObject"],
      ResourceArns: ["arn:aws:s3:::keys/dkim/a.pem", "arn:aws:s3:::other/a.pem"],
    });
    expect(result.IsTruncated).toBe(false);
    expect(result.EvaluationResults?.map((r) => [r.EvalActionName, r.EvalResourceName, r.EvalDecision])).toEqual([
      ["s3:GetObject", "arn:aws:s3:::keys/dkim/a.pem", "allowed"],
      ["s3:GetObject", "arn:aws:s3:::other/a.pem", "implicitDeny"],
      ["s3:DeleteObject", "arn:aws:s3:::keys/dkim/a.pem", "explicitDeny"],
      ["s3:DeleteObject", "arn:aws:s3:::other/a.pem", "explicitDeny"],
    ]);
    expect(result.EvaluationResults?.[0]?.MatchedStatements).toEqual([{ SourcePolicyId: "MailOpsDkim", SourcePolicyType: "role" }]);
    expect(result.EvaluationResults?.[1]?.MatchedStatements).toEqual([]);
  });

  it("evaluates the context entries it is given, and names a condition key it was not given", async () => {
    const { iam } = await iamOf({ policy: POLICY });
    const list = (ContextEntries: SimulatePrincipalPolicyCommandInput["ContextEntries"]) =>
      simulate(iam, { ActionNames: ["s3:ListBucket"], ResourceArns: ["arn:aws:s3:::keys"], ContextEntries }).then((r) => r.EvaluationResults?.[0]);
    expect(await list([{ ContextKeyName: "s3:prefix", ContextKeyValues: ["dkim/goo.ne.jp/"], ContextKeyType: "string" }])).toMatchObject({
      EvalDecision: "allowed",
      MissingContextValues: [],
    });
    expect(await list([{ ContextKeyName: "s3:prefix", ContextKeyValues: ["secrets/"], ContextKeyType: "string" }])).toMatchObject({
      EvalDecision: "implicitDeny",
    });
    expect(await list(undefined)).toMatchObject({ EvalDecision: "implicitDeny", MissingContextValues: ["s3:prefix"] });
  });

  it("without ResourceArns simulates on *", async () => {
    const { iam } = await iamOf({ policy: POLICY });
    const result = await simulate(iam, { ActionNames: ["s3:DeleteObject", "ses:SendEmail"] });
    expect(result.EvaluationResults?.map((r) => [r.EvalResourceName, r.EvalDecision])).toEqual([
      ["*", "explicitDeny"],
      ["*", "implicitDeny"],
    ]);
  });

  it("pages with MaxItems and Marker, every result once", async () => {
    const { iam } = await iamOf({ policy: POLICY });
    const input = {
      ActionNames: ["s3:GetObject", "s3:PutObject", "s3:DeleteObject"],
      ResourceArns: ["arn:aws:s3:::keys/dkim/a.pem", "arn:aws:s3:::b/c"],
      MaxItems: 4,
    };
    const first = await simulate(iam, input);
    expect(first).toMatchObject({ IsTruncated: true, Marker: expect.any(String) });
    expect(first.EvaluationResults).toHaveLength(4);
    const second = await simulate(iam, { ...input, Marker: first.Marker });
    expect(second.IsTruncated).toBe(false);
    expect(second.Marker).toBeUndefined();
    const pairs = [...first.EvaluationResults!, ...second.EvaluationResults!].map((r) => `${r.EvalActionName} ${r.EvalResourceName}`);
    expect(pairs).toEqual(input.ActionNames.flatMap((action) => input.ResourceArns.map((resource) => `${action} ${resource}`)));
    await expect(simulate(iam, { ...input, Marker: "bm90LWEtbWFya2Vy" })).rejects.toMatchObject({ name: "InvalidInputException" });
  });

  it("with no policy set, allows everything, as AdministratorAccess would", async () => {
    const { iam } = await iamOf();
    const [result] = (await simulate(iam, { ActionNames: ["iam:DeleteRole"] })).EvaluationResults ?? [];
    expect(result).toMatchObject({ EvalDecision: "allowed", MatchedStatements: [{ SourcePolicyId: "AdministratorAccess", SourcePolicyType: "aws-managed" }] });
  });

  it("an SSO role is found by its ARN with the path, and not by one without it", async () => {
    const { iam } = await iamOf({ role: { name: SSO_ROLE, path: SSO_PATH }, policy: POLICY });
    const withPath = `arn:aws:iam::${ACCOUNT}:role${SSO_PATH}${SSO_ROLE}`;
    expect((await simulate(iam, { PolicySourceArn: withPath, ActionNames: ["s3:DeleteObject"] })).EvaluationResults?.[0]?.EvalDecision).toBe("explicitDeny");
    await expect(simulate(iam, { PolicySourceArn: `arn:aws:iam::${ACCOUNT}:role/${SSO_ROLE}`, ActionNames: ["s3:GetObject"] })).rejects.toMatchObject({
      name: "NoSuchEntityException",
      $metadata: { httpStatusCode: 404 },
    });
  });

  it("refuses an unknown role (NoSuchEntity), an assumed-role session ARN (InvalidInput) and a missing ActionNames (ValidationError)", async () => {
    const { box, iam } = await iamOf();
    await expect(simulate(iam, { PolicySourceArn: `arn:aws:iam::${ACCOUNT}:role/Nobody`, ActionNames: ["s3:GetObject"] })).rejects.toMatchObject({
      name: "NoSuchEntityException",
    });
    await expect(simulate(iam, { PolicySourceArn: box.world.callerArn, ActionNames: ["s3:GetObject"] })).rejects.toMatchObject({
      name: "InvalidInputException",
      $metadata: { httpStatusCode: 400 },
    });
    const response = await rawIam(box, { Action: "SimulatePrincipalPolicy", PolicySourceArn: MAIL_OPS });
    expect(response.status).toBe(400);
    expect(await response.text()).toContain("<Code>ValidationError</Code>");
  });

  it("answers in IAM's Query XML", async () => {
    const { box } = await iamOf({ policy: POLICY });
    const response = await rawIam(box, { Action: "SimulatePrincipalPolicy", PolicySourceArn: MAIL_OPS, "ActionNames.member.1": "s3:GetObject" });
    expect(response.status).toBe(200);
    expect(await response.text()).toMatch(
      /^<\?xml version="1.0" encoding="UTF-8"\?>\n<SimulatePrincipalPolicyResponse xmlns="https:\/\/iam.amazonaws.com\/doc\/2010-05-08\/"><SimulatePrincipalPolicyResult><EvaluationResults><member><EvalActionName>s3:GetObject<\/EvalActionName><EvalResourceName>\*<\/EvalResourceName><EvalDecision>implicitDeny<\/EvalDecision><MatchedStatements\/><MissingContextValues\/><\/member><\/EvaluationResults><IsTruncated>false<\/IsTruncated><\/SimulatePrincipalPolicyResult><ResponseMetadata><RequestId>[0-9a-f-]{36}<\/RequestId><\/ResponseMetadata><\/SimulatePrincipalPolicyResponse>$/,
    );
  });
});
