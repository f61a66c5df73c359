import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { GetEmailIdentityCommand, PutEmailIdentityDkimAttributesCommand, SESv2Client } from "@aws-sdk/client-sesv2";
import { GetCallerIdentityCommand, STSClient } from "@aws-sdk/client-sts";
import { afterEach, describe, expect, it } from "vitest";
import { runSandboxCommand, sandboxEnvLines } from "../../src/commands/sandbox.js";
import { principalOf, samePrincipal } from "../../src/permissions/principal.js";
import { callerOf, sandboxPrincipals } from "../../src/sandbox/principals.js";
import { SANDBOX_DEFAULTS } from "../../src/sandbox/scenarios.js";
import { readCurrentSandboxEnv, writeCurrentSandboxEnv } from "../../src/sandbox/shellEnv.js";
import { type Sandbox, type SandboxOptions, startSandbox } from "../../src/sandbox/start.js";

const { accountId, domain, region } = SANDBOX_DEFAULTS;
const OPERATOR = `arn:aws:sts::${accountId}:assumed-role/MailOps/operator`;
const APPROVER = `arn:aws:sts::${accountId}:assumed-role/MailOps/approver`;
const signedBy = (accessKeyId: string) => ({
  authorization: `AWS4-HMAC-SHA256 Credential=${accessKeyId}/20261204/${region}/sts/aws4_request, SignedHeaders=host, Signature=0`,
});

let box: Sandbox | undefined;
afterEach(async () => {
  await box?.stop();
  box = undefined;
});

async function sandboxWith(options: SandboxOptions = {}) {
  box = await startSandbox(options);
  return box;
}

/** An SDK client of `service` signing with the keys a shell pointed at the sandbox as `as` would hold. */
function clientAs<T>(sandbox: Sandbox, as: "operator" | "approver", Client: new (config: object) => T): T {
  const env = sandbox.envAs[as];
  return new Client({
    endpoint: env["AWS_ENDPOINT_URL"],
    region: env["AWS_REGION"],
    credentials: { accessKeyId: env["AWS_ACCESS_KEY_ID"]!, secretAccessKey: env["AWS_SECRET_ACCESS_KEY"]! },
    maxAttempts: 1,
  });
}

describe("the sandbox's principals: whose key signed a request", () => {
  const principals = sandboxPrincipals(accountId, "MailOps");

  it.each([
    ["the operator's key", OPERATOR, signedBy("AKIASANDBOXOPERATOR")],
    ["the approver's key", APPROVER, signedBy("AKIASANDBOXAPPROVER")],
    // The sandbox checks no signature and never refused a key: any other is still the operator's.
    ["a key the sandbox does not know", OPERATOR, signedBy("AKIASANDBOX")],
    ["no Authorization header", OPERATOR, {}],
    ["an Authorization header with no credential scope", OPERATOR, { authorization: "Bearer something" }],
  ])("%s is answered as %s", (_what, arn, headers) => {
    expect(callerOf(principals, headers).arn).toBe(arn);
  });

  it("gives each principal a key of its own, and two sessions of one role that principalOf takes for two people", () => {
    const [operator, approver] = principals;
    expect(operator.accessKeyId).not.toBe(approver.accessKeyId);
    expect(operator.secretAccessKey).not.toBe(approver.secretAccessKey);
    const [a, b] = [principalOf(operator.arn), principalOf(approver.arn)];
    expect(a).toMatchObject({ kind: "assumed-role", name: "MailOps", session: "operator" });
    expect(b).toMatchObject({ kind: "assumed-role", name: "MailOps", session: "approver" });
    expect(samePrincipal(a, b)).toBe(false);
  });
});

describe("STS and IAM enforcement answer each principal as itself", () => {
  it("GetCallerIdentity names the caller of the key that signed, the operator's unchanged", async () => {
    const sandbox = await sandboxWith();
    const roleId = sandbox.world.roles.get("MailOps")!.roleId;
    const asOperator = await clientAs(sandbox, "operator", STSClient).send(new GetCallerIdentityCommand({}));
    const asApprover = await clientAs(sandbox, "approver", STSClient).send(new GetCallerIdentityCommand({}));
    expect(asOperator).toMatchObject({ Account: accountId, Arn: OPERATOR, UserId: `${roleId}:operator` });
    expect(asOperator.Arn).toBe(sandbox.world.callerArn);
    expect(asApprover).toMatchObject({ Account: accountId, Arn: APPROVER, UserId: `${roleId}:approver` });
  });

  it("names the signer of each request in the request log; the sandbox's own admin paths name no one", async () => {
    const sandbox = await sandboxWith();
    await clientAs(sandbox, "approver", STSClient).send(new GetCallerIdentityCommand({}));
    await clientAs(sandbox, "operator", STSClient).send(new GetCallerIdentityCommand({}));
    await fetch(`${sandbox.endpoint}/_sandbox/faults`);
    expect(sandbox.world.log.map((entry) => [entry.service, entry.operation, entry.caller])).toEqual([
      ["sts", "GetCallerIdentity", APPROVER],
      ["sts", "GetCallerIdentity", OPERATOR],
      ["sandbox", expect.any(String), undefined],
    ]);
  });

  it("judges the approver by the role's policy: the same reads allowed, the same change denied, in a message naming the approver", async () => {
    const sandbox = await sandboxWith({
      policy: { Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "ses:GetEmailIdentity", Resource: "*" }] },
    });
    const ses = clientAs(sandbox, "approver", SESv2Client);
    expect((await ses.send(new GetEmailIdentityCommand({ EmailIdentity: domain }))).DkimAttributes?.SigningEnabled).toBe(true);
    await expect(ses.send(new PutEmailIdentityDkimAttributesCommand({ EmailIdentity: domain, SigningEnabled: false }))).rejects.toMatchObject({
      name: "AccessDeniedException",
      message: expect.stringMatching(new RegExp(`^User: ${APPROVER} is not authorized to perform: ses:PutEmailIdentityDkimAttributes `)),
    });
    expect(sandbox.world.log.at(-1)).toMatchObject({ operation: "PutEmailIdentityDkimAttributes", status: 403, caller: APPROVER });
    expect(sandbox.world.identities.get(domain)?.dkim.signingEnabled).toBe(true);
  });
});

describe("a second shell as the approver: sandbox --env --as approver", () => {
  it("leaves a script per principal in ~/.byodkim, the operator's where it always was, each with its own keys", async () => {
    const sandbox = await sandboxWith();
    const env = { HOME: mkdtempSync(join(tmpdir(), "byodkim-home-")) };
    expect(writeCurrentSandboxEnv(env, sandbox)).toBe(join(env.HOME, ".byodkim", "sandbox.env"));
    const operatorScript = readFileSync(join(env.HOME, ".byodkim", "sandbox.env"), "utf8");
    const approverScript = readFileSync(join(env.HOME, ".byodkim", "sandbox-approver.env"), "utf8");
    expect(operatorScript).toContain("export AWS_ACCESS_KEY_ID=AKIASANDBOXOPERATOR\n");
    expect(approverScript).toContain("export AWS_ACCESS_KEY_ID=AKIASANDBOXAPPROVER\n");
    expect(approverScript).toContain("export AWS_SECRET_ACCESS_KEY=sandbox-approver-secret-access-key\n");
    // Everything else is the same sandbox: endpoint, region, config, journals.
    const withoutKeys = (script: string) => script.replace(/^export AWS_(ACCESS_KEY_ID|SECRET_ACCESS_KEY)=.*\n/gm, "");
    expect(withoutKeys(approverScript)).toBe(withoutKeys(operatorScript));
    expect(await readCurrentSandboxEnv(env, "approver")).toEqual({ path: join(env.HOME, ".byodkim", "sandbox-approver.env"), script: approverScript });
    expect(await sandboxEnvLines(env, "byodkim sandbox", "approver")).toBe(approverScript);
    expect(await sandboxEnvLines(env, "byodkim sandbox")).toBe(operatorScript);
  });

  it("refuses a principal the sandbox does not have, naming those it has", async () => {
    const env = { HOME: mkdtempSync(join(tmpdir(), "byodkim-home-")) };
    await expect(sandboxEnvLines(env, "byodkim sandbox", "auditor")).rejects.toMatchObject({
      kind: "usage",
      what: { key: "sandbox.unknownPrincipal", params: { as: "auditor", known: "operator, approver" } },
    });
  });

  it("refuses --as without --env before starting anything: a sandbox answers every principal", async () => {
    const started: unknown[] = [];
    const report = { started: (sandbox: unknown) => started.push(sandbox), onStopRequest: () => {} };
    await expect(runSandboxCommand({ as: "approver" }, { HOME: tmpdir() }, report)).rejects.toMatchObject({
      kind: "usage",
      what: { key: "sandbox.asWithoutEnv", params: { as: "approver" } },
    });
    expect(started).toEqual([]);
  });
});
