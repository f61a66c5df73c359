import { createPrivateKey } from "node:crypto";
import { readFileSync } from "node:fs";
import { GetRoleCommand, IAMClient, SimulatePrincipalPolicyCommand } from "@aws-sdk/client-iam";
import { GetObjectCommand, S3Client } from "@aws-sdk/client-s3";
import { GetSecretValueCommand, SecretsManagerClient } from "@aws-sdk/client-secrets-manager";
import {
  GetEmailIdentityCommand,
  ListEmailIdentitiesCommand,
  PutEmailIdentityDkimAttributesCommand,
  PutEmailIdentityDkimSigningAttributesCommand,
  SendEmailCommand,
  SESv2Client,
} from "@aws-sdk/client-sesv2";
import { AssumeRoleCommand, type AssumeRoleCommandInput, GetCallerIdentityCommand, STSClient } from "@aws-sdk/client-sts";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { parse } from "yaml";
import { validateConfig } from "../../src/config/loadConfig.js";
import { withAccountsConfig } from "../../src/sandbox/accountsWorld.js";
import { SANDBOX_DEFAULTS, SANDBOX_MAIL, SANDBOX_MEMBER } from "../../src/sandbox/defaults.js";
import { SCENARIOS, sandboxConfigDocument } from "../../src/sandbox/scenarios.js";
import { type Sandbox, type SandboxOptions, startSandbox } from "../../src/sandbox/start.js";

const { accountId: OPS, region, domain: OPS_DOMAIN, bucket, selector } = SANDBOX_DEFAULTS;
const { accountId: MEMBER, roleArn: ROLE_ARN, externalId: EXTERNAL_ID, domain: MEMBER_DOMAIN } = SANDBOX_MEMBER;
const OTHER_REGION = "ap-northeast-3";
const OPERATOR = { accessKeyId: "AKIASANDBOXOPERATOR", secretAccessKey: "sandbox-secret-access-key" };
const OPERATOR_ARN = `arn:aws:sts::${OPS}:assumed-role/MailOps/operator`;
const SESSION_ARN = `arn:aws:sts::${MEMBER}:assumed-role/byodkim-target/byodkim`;
const denied = (caller: string, role: string) => `User: ${caller} is not authorized to perform: sts:AssumeRole on resource: ${role}`;

type Credentials = { accessKeyId: string; secretAccessKey: string; sessionToken?: string };
const clients = (box: Sandbox, credentials: Credentials, signingRegion: string = region) => {
  const config = { endpoint: box.endpoint, region: signingRegion, credentials, maxAttempts: 1 };
  return {
    sts: new STSClient(config),
    ses: new SESv2Client(config),
    s3: new S3Client({ ...config, forcePathStyle: true }),
    secrets: new SecretsManagerClient(config),
    iam: new IAMClient({ ...config, region: "us-east-1" }),
  };
};

async function assume(box: Sandbox, input: Partial<AssumeRoleCommandInput> = {}, as: Credentials = OPERATOR) {
  const answer = await clients(box, as).sts.send(new AssumeRoleCommand({ RoleArn: ROLE_ARN, RoleSessionName: "byodkim", ExternalId: EXTERNAL_ID, ...input }));
  const { AccessKeyId, SecretAccessKey, SessionToken } = answer.Credentials!;
  return { answer, credentials: { accessKeyId: AccessKeyId!, secretAccessKey: SecretAccessKey!, sessionToken: SessionToken! } };
}

const identityNames = async (ses: SESv2Client) =>
  (await ses.send(new ListEmailIdentitiesCommand({}))).EmailIdentities?.map((identity) => identity.IdentityName);

describe("the accounts scenario: a member account reached only through AssumeRole", () => {
  let box: Sandbox;
  beforeAll(async () => {
    box = await startSandbox({ scenario: SANDBOX_MEMBER.scenario });
  });
  afterAll(async () => {
    await box.stop();
  });

  it("AssumeRole with the external id gives an hour's temporary credentials for the member's role", async () => {
    const before = Date.now();
    const { answer } = await assume(box);
    expect(answer.Credentials?.AccessKeyId).toMatch(/^ASIA[A-Z2-7]{16}$/);
    expect(answer.Credentials?.SecretAccessKey).toMatch(/^\S{40}$/);
    expect(answer.Credentials?.SessionToken?.length).toBeGreaterThan(100);
    const expires = answer.Credentials!.Expiration!.getTime();
    expect(expires).toBeGreaterThanOrEqual(Math.floor(before / 1000) * 1000 + 3_600_000);
    expect(expires).toBeLessThanOrEqual(Date.now() + 3_600_000);
    expect(answer.AssumedRoleUser).toEqual({ Arn: SESSION_ARN, AssumedRoleId: expect.stringMatching(/^AROA[A-Z0-9]{17}:byodkim$/) });
    // Each call is a session of its own.
    expect((await assume(box)).answer.Credentials?.AccessKeyId).not.toBe(answer.Credentials?.AccessKeyId);
  });

  it("the session is the member's role in the member account, and sees only the member's identities, region by region", async () => {
    const { credentials, answer } = await assume(box);
    const member = clients(box, credentials);
    expect(await member.sts.send(new GetCallerIdentityCommand({}))).toMatchObject({
      Account: MEMBER,
      Arn: SESSION_ARN,
      UserId: answer.AssumedRoleUser?.AssumedRoleId,
    });
    expect(await identityNames(member.ses)).toEqual([MEMBER_DOMAIN]);
    expect(await identityNames(clients(box, credentials, OTHER_REGION).ses)).toEqual([MEMBER_DOMAIN]);
    expect(await identityNames(clients(box, credentials, "us-east-1").ses)).toEqual([]);
    const shop = await member.ses.send(new GetEmailIdentityCommand({ EmailIdentity: MEMBER_DOMAIN }));
    expect(shop.DkimAttributes).toMatchObject({ Status: "SUCCESS", SigningAttributesOrigin: "AWS_SES", SigningEnabled: true });
    await expect(member.ses.send(new GetEmailIdentityCommand({ EmailIdentity: OPS_DOMAIN }))).rejects.toMatchObject({ name: "NotFoundException" });
  });

  it("the operations principal's view is unchanged: its own account, its own identities, no member's", async () => {
    const operator = clients(box, OPERATOR);
    expect(await operator.sts.send(new GetCallerIdentityCommand({}))).toMatchObject({ Account: OPS, Arn: OPERATOR_ARN });
    expect(await identityNames(operator.ses)).toEqual([OPS_DOMAIN]);
    await expect(operator.ses.send(new GetEmailIdentityCommand({ EmailIdentity: MEMBER_DOMAIN }))).rejects.toMatchObject({ name: "NotFoundException" });
    // The member's key and state are the operations account's to read.
    const key = await operator.s3.send(new GetObjectCommand({ Bucket: bucket, Key: `dkim/${MEMBER_DOMAIN}/${selector}.pem` }));
    expect(await key.Body?.transformToString()).toContain("PRIVATE KEY");
    for (const signingRegion of SANDBOX_MEMBER.regions) {
      const state = await clients(box, OPERATOR, signingRegion).secrets.send(new GetSecretValueCommand({ SecretId: `byodkim/state/${MEMBER_DOMAIN}` }));
      expect(JSON.parse(state.SecretString!)).toMatchObject({ current_phase: "6" });
    }
  });

  it("BYODKIM on the member's identity in one region: SES there verifies the central key's TXT, the other region is untouched", async () => {
    const { credentials } = await assume(box);
    const member = clients(box, credentials);
    const pem = box.world.buckets.get(bucket)!.get(`dkim/${MEMBER_DOMAIN}/${selector}.pem`)!;
    const privateKey = createPrivateKey(pem).export({ type: "pkcs8", format: "der" }).toString("base64");
    const put = await member.ses.send(
      new PutEmailIdentityDkimSigningAttributesCommand({
        EmailIdentity: MEMBER_DOMAIN,
        SigningAttributesOrigin: "EXTERNAL",
        SigningAttributes: { DomainSigningSelector: selector, DomainSigningPrivateKey: privateKey },
      }),
    );
    expect(put).toMatchObject({ DkimStatus: "PENDING", DkimTokens: [selector] });
    let status: string | undefined;
    for (let attempt = 0; attempt < 40 && status !== "SUCCESS"; attempt++) {
      await new Promise((resolve) => setTimeout(resolve, 250));
      status = (await member.ses.send(new GetEmailIdentityCommand({ EmailIdentity: MEMBER_DOMAIN }))).DkimAttributes?.Status;
    }
    expect(status).toBe("SUCCESS");
    await member.ses.send(new PutEmailIdentityDkimAttributesCommand({ EmailIdentity: MEMBER_DOMAIN, SigningEnabled: true }));
    const other = await clients(box, credentials, OTHER_REGION).ses.send(new GetEmailIdentityCommand({ EmailIdentity: MEMBER_DOMAIN }));
    expect(other.DkimAttributes?.SigningAttributesOrigin).toBe("AWS_SES");
    expect(box.world.identities.get(OPS_DOMAIN)?.dkim.origin).toBe("AWS_SES");
  });

  it("the member's SES sends as its identity, signing with the member's DKIM; the operators' SES does not know the address", async () => {
    const { credentials } = await assume(box);
    const message = (signingRegion: string) =>
      new SendEmailCommand({
        FromEmailAddress: `byodkim-probe@${MEMBER_DOMAIN}`,
        Destination: { ToAddresses: [SANDBOX_MAIL.probeAddress] },
        Content: { Simple: { Subject: { Data: `probe from ${signingRegion}` }, Body: { Text: { Data: "member account probe\n" } } } },
      });
    expect((await clients(box, credentials, OTHER_REGION).ses.send(message(OTHER_REGION))).MessageId).toBeTruthy();
    expect(box.world.mail.sent.at(-1)).toMatchObject({ region: OTHER_REGION, from: `byodkim-probe@${MEMBER_DOMAIN}` });
    expect(box.world.mail.sent.at(-1)?.signatures.map((signature) => signature.domain)).toContain(MEMBER_DOMAIN);
    await expect(clients(box, OPERATOR, OTHER_REGION).ses.send(message(OTHER_REGION))).rejects.toMatchObject({ $metadata: { httpStatusCode: 400 } });
  });

  it("AssumeRole answers AWS's one sentence for a wrong or missing external id, an unknown role and an untrusted caller", async () => {
    const operator = clients(box, OPERATOR).sts;
    const refused = (input: AssumeRoleCommandInput, as = operator) =>
      expect(as.send(new AssumeRoleCommand(input))).rejects.toMatchObject({ name: "AccessDenied", $metadata: { httpStatusCode: 403 } });
    await refused({ RoleArn: ROLE_ARN, RoleSessionName: "byodkim", ExternalId: "not-the-one" });
    await refused({ RoleArn: ROLE_ARN, RoleSessionName: "byodkim" });
    const unknown = `arn:aws:iam::${MEMBER}:role/someone-else`;
    await refused({ RoleArn: unknown, RoleSessionName: "byodkim", ExternalId: EXTERNAL_ID });
    await refused({ RoleArn: "arn:aws:iam::999999999999:role/byodkim-target", RoleSessionName: "byodkim", ExternalId: EXTERNAL_ID });
    const [wrongId] = await Promise.allSettled([operator.send(new AssumeRoleCommand({ RoleArn: ROLE_ARN, RoleSessionName: "byodkim", ExternalId: "x-y" }))]);
    expect((wrongId as PromiseRejectedResult).reason.message).toBe(denied(OPERATOR_ARN, ROLE_ARN));
    const [unknownRole] = await Promise.allSettled([
      operator.send(new AssumeRoleCommand({ RoleArn: unknown, RoleSessionName: "byodkim", ExternalId: EXTERNAL_ID })),
    ]);
    expect((unknownRole as PromiseRejectedResult).reason.message).toBe(denied(OPERATOR_ARN, unknown));

    // The member's own session is not the operators' role: its trust policy does not name it (no role chaining back in).
    const { credentials } = await assume(box);
    const chained = await Promise.allSettled([
      clients(box, credentials).sts.send(new AssumeRoleCommand({ RoleArn: ROLE_ARN, RoleSessionName: "again", ExternalId: EXTERNAL_ID })),
    ]);
    expect((chained[0] as PromiseRejectedResult).reason).toMatchObject({ name: "AccessDenied", message: denied(SESSION_ARN, ROLE_ARN) });
  });

  it("AssumeRole refuses what the service model does not allow with ValidationError, and a session longer than the role's hour", async () => {
    const operator = clients(box, OPERATOR).sts;
    const invalid = async (input: Partial<AssumeRoleCommandInput>) => {
      const [result] = await Promise.allSettled([
        operator.send(new AssumeRoleCommand({ RoleArn: ROLE_ARN, RoleSessionName: "byodkim", ExternalId: EXTERNAL_ID, ...input })),
      ]);
      const reason = (result as PromiseRejectedResult).reason;
      expect(reason).toMatchObject({ name: "ValidationError", $metadata: { httpStatusCode: 400 } });
      return reason.message as string;
    };
    expect(await invalid({ RoleSessionName: "b" })).toMatch(
      /at 'roleSessionName' failed to satisfy constraint: Member must have length greater than or equal to 2$/,
    );
    expect(await invalid({ RoleSessionName: "byodkim run" })).toMatch(
      /at 'roleSessionName' failed to satisfy constraint: Member must satisfy regular expression pattern/,
    );
    expect(await invalid({ DurationSeconds: 600 })).toMatch(
      /at 'durationSeconds' failed to satisfy constraint: Member must have value greater than or equal to 900$/,
    );
    expect(await invalid({ ExternalId: "a" })).toMatch(/at 'externalId' failed to satisfy constraint/);
    expect(await invalid({ DurationSeconds: 7200 })).toBe("The requested DurationSeconds exceeds the MaxSessionDuration set for this role.");
    expect((await assume(box, { DurationSeconds: 900 })).answer.Credentials?.Expiration?.getTime()).toBeLessThanOrEqual(Date.now() + 900_000);
  });

  it("a session reaching for the operations account's keys or state is refused: a member account holds no byodkim resource", async () => {
    const { credentials } = await assume(box);
    const member = clients(box, credentials);
    const objectKey = `dkim/${MEMBER_DOMAIN}/${selector}.pem`;
    await expect(member.s3.send(new GetObjectCommand({ Bucket: bucket, Key: objectKey }))).rejects.toMatchObject({
      name: "AccessDenied",
      $metadata: { httpStatusCode: 403 },
    });
    await expect(member.secrets.send(new GetSecretValueCommand({ SecretId: `byodkim/state/${MEMBER_DOMAIN}` }))).rejects.toMatchObject({
      name: "AccessDeniedException",
      message: expect.stringMatching(new RegExp(`^User: ${SESSION_ARN} is not authorized to perform: secretsmanager:GetSecretValue on resource: `)),
    });
    const refusedRead = box.world.log.filter((entry) => entry.service === "s3" && entry.operation === "GetObject").at(-1);
    expect(refusedRead).toMatchObject({ status: 403, caller: SESSION_ARN, account: MEMBER });
  });

  it("the request log names the account each request acted in", async () => {
    const { credentials } = await assume(box);
    await clients(box, credentials).sts.send(new GetCallerIdentityCommand({}));
    const [assumed, identity] = box.world.log.filter((entry) => entry.service === "sts").slice(-2);
    expect(assumed).toMatchObject({ operation: "AssumeRole", caller: OPERATOR_ARN, account: OPS, status: 200 });
    expect(identity).toMatchObject({ operation: "GetCallerIdentity", caller: SESSION_ARN, account: MEMBER, status: 200 });
    expect(JSON.stringify(box.world.log)).not.toContain(credentials.secretAccessKey);
  });

  it("a temporary key STS never issued, or one sent without its token, is InvalidClientTokenId", async () => {
    const made = { accessKeyId: "ASIAAAAAAAAAAAAAAAAA", secretAccessKey: "x", sessionToken: "y" };
    await expect(clients(box, made).sts.send(new GetCallerIdentityCommand({}))).rejects.toMatchObject({
      name: "InvalidClientTokenId",
      message: "The security token included in the request is invalid.",
      $metadata: { httpStatusCode: 403 },
    });
    const { credentials } = await assume(box);
    const { sessionToken: _, ...withoutToken } = credentials;
    await expect(clients(box, withoutToken).sts.send(new GetCallerIdentityCommand({}))).rejects.toMatchObject({ name: "InvalidClientTokenId" });
  });

  it("/_sandbox/state shows each member account's identities and sessions, never a session's secret", async () => {
    const { credentials } = await assume(box);
    const state = (await (await fetch(`${box.endpoint}/_sandbox/state`)).json()) as {
      members: { sessions: unknown[] }[];
      identities: { name: string }[];
    };
    expect(state.members).toEqual([
      expect.objectContaining({
        id: MEMBER,
        roleArn: ROLE_ARN,
        identities: {
          "ap-northeast-1": [expect.objectContaining({ name: MEMBER_DOMAIN, region: "ap-northeast-1" })],
          "ap-northeast-3": [expect.objectContaining({ name: MEMBER_DOMAIN, region: "ap-northeast-3" })],
        },
      }),
    ]);
    expect(state.members[0]?.sessions).toContainEqual(
      expect.objectContaining({ accessKeyId: credentials.accessKeyId, arn: SESSION_ARN, assumedBy: OPERATOR_ARN }),
    );
    expect(JSON.stringify(state)).not.toContain(credentials.secretAccessKey);
    expect(JSON.stringify(state)).not.toContain(credentials.sessionToken);
    // The operations account's identities stay where they were.
    expect(state.identities.map((identity: { name: string }) => identity.name)).toEqual([OPS_DOMAIN]);
  });

  it("writes a config that validates: the member account, its role and external id, its identity in both regions with its own state secret", () => {
    const config = validateConfig(parse(readFileSync(box.configPath, "utf8")), box.configPath);
    expect(config.domain).toBe(OPS_DOMAIN);
    expect(config.accounts).toEqual([{ id: MEMBER, roleArn: ROLE_ARN, externalId: EXTERNAL_ID }]);
    expect(config.identities).toEqual([
      expect.objectContaining({
        domain: MEMBER_DOMAIN,
        regions: [...SANDBOX_MEMBER.regions],
        account: MEMBER,
        state: { secretId: SANDBOX_MEMBER.stateSecretId },
      }),
    ]);
    expect(validateConfig(withAccountsConfig(sandboxConfigDocument(["127.0.0.1:53"])), "accounts").accounts?.[0]?.id).toBe(MEMBER);
    expect(SCENARIOS.map((scenario) => scenario.name)).toContain("accounts");
  });
});

describe("member sessions over time and under the member's own policy", () => {
  let box: Sandbox | undefined;
  afterEach(async () => {
    await box?.stop();
    box = undefined;
  });
  const start = async (options: SandboxOptions = {}) => {
    box = await startSandbox({ scenario: SANDBOX_MEMBER.scenario, ...options });
    return box;
  };

  it("a session expires on the sandbox's clock: ExpiredToken from STS, ExpiredTokenException from SES", async () => {
    const sandbox = await start();
    const { credentials } = await assume(sandbox);
    const member = clients(sandbox, credentials);
    expect((await member.sts.send(new GetCallerIdentityCommand({}))).Account).toBe(MEMBER);
    expect((await fetch(`${sandbox.endpoint}/_sandbox/clock`, { method: "POST", body: JSON.stringify({ advanceDays: 1 }) })).status).toBe(200);
    await expect(member.sts.send(new GetCallerIdentityCommand({}))).rejects.toMatchObject({
      name: "ExpiredToken",
      message: "The security token included in the request is expired",
      $metadata: { httpStatusCode: 403 },
    });
    await expect(member.ses.send(new ListEmailIdentitiesCommand({}))).rejects.toMatchObject({
      name: "ExpiredTokenException",
      $metadata: { httpStatusCode: 403 },
    });
    // A new session, taken on the moved clock, works again.
    expect(await identityNames(clients(sandbox, (await assume(sandbox)).credentials).ses)).toEqual([MEMBER_DOMAIN]);
  });

  it("the member role's policy judges its sessions (naming the session), and its IAM preflights the role against it", async () => {
    const sandbox = await start();
    const identityArn = `arn:aws:ses:${region}:${MEMBER}:identity/${MEMBER_DOMAIN}`;
    const memberPolicy = {
      Version: "2012-10-17",
      Statement: [
        { Effect: "Allow", Action: ["ses:GetEmailIdentity", "ses:ListEmailIdentities", "iam:GetRole"], Resource: "*" },
        { Effect: "Allow", Action: "iam:SimulatePrincipalPolicy", Resource: ROLE_ARN },
      ],
    };
    // Set as a drill would, through the admin endpoint; the operators' policy is a different one.
    const policyUrl = `${sandbox.endpoint}/_sandbox/policy?account=${MEMBER}`;
    expect((await fetch(policyUrl, { method: "PUT", body: JSON.stringify(memberPolicy) })).status).toBe(200);
    expect(sandbox.world.members.get(MEMBER)?.policy).toEqual(memberPolicy);
    expect(sandbox.world.policy).toBeUndefined();
    expect((await fetch(`${sandbox.endpoint}/_sandbox/policy?account=999999999999`)).status).toBe(404);
    const { credentials } = await assume(sandbox);
    const member = clients(sandbox, credentials);
    expect((await member.ses.send(new GetEmailIdentityCommand({ EmailIdentity: MEMBER_DOMAIN }))).DkimAttributes?.Status).toBe("SUCCESS");
    await expect(member.ses.send(new PutEmailIdentityDkimAttributesCommand({ EmailIdentity: MEMBER_DOMAIN, SigningEnabled: false }))).rejects.toMatchObject({
      name: "AccessDeniedException",
      message: `User: ${SESSION_ARN} is not authorized to perform: ses:PutEmailIdentityDkimAttributes on resource: ${identityArn} because no identity-based policy allows the ses:PutEmailIdentityDkimAttributes action`,
    });
    const { Role: role } = await member.iam.send(new GetRoleCommand({ RoleName: SANDBOX_MEMBER.roleName }));
    expect(role).toMatchObject({ Arn: ROLE_ARN, MaxSessionDuration: 3600 });
    // The trust a preflight can read back: the operators' role, with the external id.
    expect(JSON.parse(decodeURIComponent(role!.AssumeRolePolicyDocument!)).Statement[0]).toEqual({
      Effect: "Allow",
      Principal: { AWS: `arn:aws:iam::${OPS}:role/MailOps` },
      Action: "sts:AssumeRole",
      Condition: { StringEquals: { "sts:ExternalId": EXTERNAL_ID } },
    });
    const simulated = await member.iam.send(
      new SimulatePrincipalPolicyCommand({
        PolicySourceArn: ROLE_ARN,
        ActionNames: ["ses:GetEmailIdentity", "ses:PutEmailIdentityDkimAttributes"],
        ResourceArns: [identityArn],
      }),
    );
    expect(simulated.EvaluationResults?.map((result) => [result.EvalActionName, result.EvalDecision])).toEqual([
      ["ses:GetEmailIdentity", "allowed"],
      ["ses:PutEmailIdentityDkimAttributes", "implicitDeny"],
    ]);
    // The operators' role is not the member's to simulate: its policy grants the simulation on its own role only.
    await expect(
      member.iam.send(new SimulatePrincipalPolicyCommand({ PolicySourceArn: `arn:aws:iam::${OPS}:role/MailOps`, ActionNames: ["ses:GetEmailIdentity"] })),
    ).rejects.toMatchObject({
      name: "AccessDenied",
      message: expect.stringContaining(`User: ${SESSION_ARN} is not authorized to perform: iam:SimulatePrincipalPolicy`),
    });
    // The operators' policy is untouched: absent, everything allowed.
    await clients(sandbox, OPERATOR).ses.send(new PutEmailIdentityDkimAttributesCommand({ EmailIdentity: OPS_DOMAIN, SigningEnabled: true }));
  });

  it("a mail drill can hold the member's identity PENDING, as it holds the operators'", async () => {
    const sandbox = await start();
    const drill = (identity: string) =>
      fetch(`${sandbox.endpoint}/_sandbox/mail`, { method: "POST", body: JSON.stringify({ identity, region: OTHER_REGION, holdPending: true }) });
    expect((await drill(MEMBER_DOMAIN)).status).toBe(200);
    expect((await drill("nowhere.goo.ne.jp")).status).toBe(404);
    const { credentials } = await assume(sandbox);
    const ses = clients(sandbox, credentials, OTHER_REGION).ses;
    const pem = sandbox.world.buckets.get(bucket)!.get(`dkim/${MEMBER_DOMAIN}/${selector}.pem`)!;
    const privateKey = createPrivateKey(pem).export({ type: "pkcs8", format: "der" }).toString("base64");
    await ses.send(
      new PutEmailIdentityDkimSigningAttributesCommand({
        EmailIdentity: MEMBER_DOMAIN,
        SigningAttributesOrigin: "EXTERNAL",
        SigningAttributes: { DomainSigningSelector: selector, DomainSigningPrivateKey: privateKey },
      }),
    );
    await new Promise((resolve) => setTimeout(resolve, 1000));
    expect((await ses.send(new GetEmailIdentityCommand({ EmailIdentity: MEMBER_DOMAIN }))).DkimAttributes?.Status).toBe("PENDING");
    await fetch(`${sandbox.endpoint}/_sandbox/mail`, {
      method: "POST",
      body: JSON.stringify({ identity: MEMBER_DOMAIN, region: OTHER_REGION, holdPending: false }),
    });
  });

  it("the operators' own policy must allow sts:AssumeRole on the role before its trust policy is asked", async () => {
    const sandbox = await start({
      policy: { Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "sts:AssumeRole", Resource: "arn:aws:iam::111111111111:role/other" }] },
    });
    await expect(assume(sandbox)).rejects.toMatchObject({
      name: "AccessDenied",
      message: `User: ${OPERATOR_ARN} is not authorized to perform: sts:AssumeRole on resource: ${ROLE_ARN} because no identity-based policy allows the sts:AssumeRole action`,
    });
  });

  it("SES's rate is counted per account and region: the operators' second does not use up the member's", async () => {
    const sandbox = await start({ sesRateLimitPerSecond: 1 });
    const { credentials } = await assume(sandbox);
    const [operator, member] = await Promise.allSettled([identityNames(clients(sandbox, OPERATOR).ses), identityNames(clients(sandbox, credentials).ses)]);
    expect([operator.status, member.status]).toEqual(["fulfilled", "fulfilled"]);
  });
});
