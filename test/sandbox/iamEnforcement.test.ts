import { DescribeAlarmsCommand, CloudWatchClient, PutMetricDataCommand } from "@aws-sdk/client-cloudwatch";
import { GetRoleCommand, IAMClient, SimulatePrincipalPolicyCommand } from "@aws-sdk/client-iam";
import { GetObjectCommand, HeadObjectCommand, ListObjectsV2Command, PutObjectCommand, S3Client } from "@aws-sdk/client-s3";
import { GetSecretValueCommand, PutSecretValueCommand, SecretsManagerClient } from "@aws-sdk/client-secrets-manager";
import {
  GetEmailIdentityCommand,
  ListEmailIdentitiesCommand,
  PutEmailIdentityDkimAttributesCommand,
  SendEmailCommand,
  SESv2Client,
} from "@aws-sdk/client-sesv2";
import { GetCallerIdentityCommand, STSClient } from "@aws-sdk/client-sts";
import { afterEach, describe, expect, it } from "vitest";
import type { PolicyDocument } from "../../src/sandbox/iam/policyDocument.js";
import { SANDBOX_DEFAULTS } from "../../src/sandbox/scenarios.js";
import { type Sandbox, type SandboxOptions, startSandbox } from "../../src/sandbox/start.js";

const { bucket, domain, region, accountId, secretId, bounceAlarm, verificationAlarm } = SANDBOX_DEFAULTS;
const ROLE = `arn:aws:iam::${accountId}:role/MailOps`;
const CALLER = `arn:aws:sts::${accountId}:assumed-role/MailOps/operator`;
const KEY_ARN = `arn:aws:kms:${region}:${accountId}:key/1234abcd-12ab-34cd-56ef-1234567890ab`;
const IDENTITY = `arn:aws:ses:${region}:${accountId}:identity/${domain}`;
const alarmArn = (name: string) => `arn:aws:cloudwatch:${region}:${accountId}:alarm:${name}`;

/** What byodkim's read-only checks need, and no more: no PutObject, no SES changes, one alarm. */
const READ_ONLY: PolicyDocument = {
  Version: "2012-10-17",
  Statement: [
    { Sid: "ListKeys", Effect: "Allow", Action: "s3:ListBucket", Resource: `arn:aws:s3:::${bucket}`, Condition: { StringLike: { "s3:prefix": "dkim/*" } } },
    { Sid: "ReadKeys", Effect: "Allow", Action: "s3:GetObject", Resource: `arn:aws:s3:::${bucket}/dkim/*` },
    { Sid: "ReadIdentity", Effect: "Allow", Action: ["ses:GetEmailIdentity", "ses:ListEmailIdentities"], Resource: "*" },
    { Sid: "SendAsOps", Effect: "Allow", Action: "ses:SendEmail", Resource: IDENTITY, Condition: { StringEquals: { "ses:FromAddress": `ops@${domain}` } } },
    {
      Sid: "ReadState",
      Effect: "Allow",
      Action: "secretsmanager:DescribeSecret",
      Resource: `arn:aws:secretsmanager:${region}:${accountId}:secret:${secretId}-??????`,
    },
    { Sid: "OneAlarm", Effect: "Allow", Action: "cloudwatch:DescribeAlarms", Resource: alarmArn(bounceAlarm) },
    { Sid: "Metrics", Effect: "Allow", Action: "cloudwatch:PutMetricData", Resource: "*", Condition: { StringEquals: { "cloudwatch:namespace": "byodkim" } } },
    { Sid: "Simulate", Effect: "Allow", Action: "iam:SimulatePrincipalPolicy", Resource: ROLE },
    { Sid: "NoKeyMaterial", Effect: "Deny", Action: "kms:Decrypt", Resource: "*" },
  ],
};

let box: Sandbox | undefined;
afterEach(async () => {
  await box?.stop();
  box = undefined;
});

async function clientsOf(options: SandboxOptions) {
  box = await startSandbox(options);
  const config = { endpoint: box.endpoint, region, credentials: { accessKeyId: "AKIASANDBOX", secretAccessKey: "sandbox" }, maxAttempts: 1 };
  return {
    box,
    s3: new S3Client({ ...config, forcePathStyle: true }),
    ses: new SESv2Client(config),
    secrets: new SecretsManagerClient(config),
    cloudwatch: new CloudWatchClient(config),
    iam: new IAMClient({ ...config, region: "us-east-1" }),
    sts: new STSClient(config),
  };
}

const keyOf = (sandbox: Sandbox) => sandbox.seed.rotation?.objectKey ?? `dkim/${domain}/${sandbox.seed.selector}.pem`;
const lastLog = (sandbox: Sandbox) => sandbox.world.log.at(-1);
const deniedMessage = (action: string, resource: string) =>
  `User: ${CALLER} is not authorized to perform: ${action} on resource: ${resource} because no identity-based policy allows the ${action} action`;

describe("every service enforces the operator's policy", () => {
  it("S3: reads inside the policy succeed; a write outside it is AccessDenied (403), logged, and changes nothing", async () => {
    const { box, s3 } = await clientsOf({ policy: READ_ONLY });
    const listed = await s3.send(new ListObjectsV2Command({ Bucket: bucket, Prefix: "dkim/" }));
    expect(listed.KeyCount).toBe(1);
    expect(await (await s3.send(new GetObjectCommand({ Bucket: bucket, Key: keyOf(box) }))).Body?.transformToString()).toContain("PRIVATE KEY");

    const Key = `dkim/${domain}/new.pem`;
    await expect(s3.send(new PutObjectCommand({ Bucket: bucket, Key, Body: "pem" }))).rejects.toMatchObject({
      name: "AccessDenied",
      message: deniedMessage("s3:PutObject", `arn:aws:s3:::${bucket}/${Key}`),
      $metadata: { httpStatusCode: 403 },
    });
    expect(lastLog(box)).toMatchObject({ service: "s3", operation: "PutObject", status: 403, error: "AccessDenied" });
    expect(box.world.buckets.get(bucket)?.has(Key)).toBe(false);
    // The listing's condition: another prefix is outside it.
    await expect(s3.send(new ListObjectsV2Command({ Bucket: bucket, Prefix: "secrets/" }))).rejects.toMatchObject({ name: "AccessDenied" });
  });

  it("S3: a missing key is NoSuchKey only to a caller who may list the bucket", async () => {
    const withList = await clientsOf({ policy: READ_ONLY });
    await expect(withList.s3.send(new HeadObjectCommand({ Bucket: bucket, Key: "dkim/missing.pem" }))).rejects.toMatchObject({
      $metadata: { httpStatusCode: 403 },
    });
    expect(lastLog(withList.box)).toMatchObject({ operation: "HeadObject", status: 403, error: "AccessDenied" });
    await withList.box.stop();

    const listAll: PolicyDocument = { Statement: [{ Effect: "Allow", Action: ["s3:GetObject", "s3:ListBucket"], Resource: "*" }] };
    const { s3 } = await clientsOf({ policy: listAll });
    await expect(s3.send(new HeadObjectCommand({ Bucket: bucket, Key: "dkim/missing.pem" }))).rejects.toMatchObject({ name: "NotFound" });
    await expect(s3.send(new GetObjectCommand({ Bucket: bucket, Key: "dkim/missing.pem" }))).rejects.toMatchObject({ name: "NoSuchKey" });
  });

  it("S3: an SSE-KMS object also needs kms:Decrypt, and an SSE-KMS write kms:GenerateDataKey, on the key", async () => {
    const s3AndKms: PolicyDocument = {
      Statement: [
        { Effect: "Allow", Action: ["s3:GetObject", "s3:PutObject"], Resource: "*" },
        { Effect: "Allow", Action: "kms:GenerateDataKey", Resource: KEY_ARN, Condition: { StringEquals: { "kms:ViaService": `s3.${region}.amazonaws.com` } } },
      ],
    };
    const { box, s3 } = await clientsOf({ policy: s3AndKms });
    const Key = "dkim/sse-kms.pem";
    await s3.send(new PutObjectCommand({ Bucket: bucket, Key, Body: "pem", ServerSideEncryption: "aws:kms", SSEKMSKeyId: KEY_ARN }));
    await expect(s3.send(new GetObjectCommand({ Bucket: bucket, Key }))).rejects.toMatchObject({
      name: "AccessDenied",
      message: deniedMessage("kms:Decrypt", KEY_ARN),
    });
    // The object written with SSE-S3 needs no KMS permission at all.
    await s3.send(new PutObjectCommand({ Bucket: bucket, Key: "dkim/sse-s3.pem", Body: "pem", ServerSideEncryption: "AES256" }));
    expect(await (await s3.send(new GetObjectCommand({ Bucket: bucket, Key: "dkim/sse-s3.pem" }))).Body?.transformToString()).toBe("pem");
    await expect(
      s3.send(new PutObjectCommand({ Bucket: bucket, Key: "dkim/other-key.pem", Body: "pem", ServerSideEncryption: "aws:kms" })),
    ).rejects.toMatchObject({
      name: "AccessDenied",
      message: deniedMessage("kms:GenerateDataKey", `arn:aws:kms:${region}:${accountId}:alias/aws/s3`),
    });
    expect(box.world.buckets.get(bucket)?.has("dkim/other-key.pem")).toBe(false);
  });

  it("SESv2: reads succeed, a change is AccessDeniedException (403) and is not applied, SendEmail follows the From address", async () => {
    const { box, ses } = await clientsOf({ policy: READ_ONLY });
    expect((await ses.send(new GetEmailIdentityCommand({ EmailIdentity: domain }))).DkimAttributes?.SigningEnabled).toBe(true);
    expect((await ses.send(new ListEmailIdentitiesCommand({}))).EmailIdentities?.map((identity) => identity.IdentityName)).toEqual([domain]);
    await expect(ses.send(new PutEmailIdentityDkimAttributesCommand({ EmailIdentity: domain, SigningEnabled: false }))).rejects.toMatchObject({
      name: "AccessDeniedException",
      message: deniedMessage("ses:PutEmailIdentityDkimAttributes", IDENTITY),
      $metadata: { httpStatusCode: 403 },
    });
    expect(lastLog(box)).toMatchObject({ service: "ses", operation: "PutEmailIdentityDkimAttributes", status: 403, error: "AccessDeniedException" });
    expect(box.world.identities.get(domain)?.dkim.signingEnabled).toBe(true);

    const send = (from: string) =>
      ses.send(
        new SendEmailCommand({
          FromEmailAddress: from,
          Destination: { ToAddresses: ["check@example.org"] },
          Content: { Simple: { Subject: { Data: "t" }, Body: { Text: { Data: "t" } } } },
        }),
      );
    expect((await send(`ops@${domain}`)).MessageId).toBeTruthy();
    await expect(send(`someone@${domain}`)).rejects.toMatchObject({ name: "AccessDeniedException" });
  });

  it("Secrets Manager: AccessDeniedException with status 400, as Secrets Manager answers it", async () => {
    const { box, secrets } = await clientsOf({ policy: READ_ONLY });
    await expect(secrets.send(new GetSecretValueCommand({ SecretId: secretId }))).rejects.toMatchObject({
      name: "AccessDeniedException",
      message: deniedMessage("secretsmanager:GetSecretValue", `arn:aws:secretsmanager:${region}:${accountId}:secret:${secretId}-AbCdEf`),
      $metadata: { httpStatusCode: 400 },
    });
    await expect(secrets.send(new PutSecretValueCommand({ SecretId: secretId, SecretString: "{}" }))).rejects.toMatchObject({ name: "AccessDeniedException" });
    expect(lastLog(box)).toMatchObject({ service: "secretsmanager", operation: "PutSecretValue", status: 400, error: "AccessDeniedException" });
    expect(box.world.secrets.get(secretId)?.versions).toHaveLength(1);
  });

  it("CloudWatch: DescribeAlarms needs every named alarm; PutMetricData is judged by its namespace", async () => {
    const { box, cloudwatch } = await clientsOf({ policy: READ_ONLY });
    expect((await cloudwatch.send(new DescribeAlarmsCommand({ AlarmNames: [bounceAlarm] }))).MetricAlarms).toHaveLength(1);
    await expect(cloudwatch.send(new DescribeAlarmsCommand({ AlarmNames: [bounceAlarm, verificationAlarm] }))).rejects.toMatchObject({
      name: "AccessDenied",
      message: deniedMessage("cloudwatch:DescribeAlarms", alarmArn(verificationAlarm)),
      $metadata: { httpStatusCode: 403 },
    });
    expect(lastLog(box)).toMatchObject({ service: "monitoring", operation: "DescribeAlarms", status: 403, error: "AccessDenied" });
    await cloudwatch.send(new PutMetricDataCommand({ Namespace: "byodkim", MetricData: [{ MetricName: "runs", Value: 1 }] }));
    await expect(cloudwatch.send(new PutMetricDataCommand({ Namespace: "other", MetricData: [{ MetricName: "runs", Value: 1 }] }))).rejects.toMatchObject({
      name: "AccessDenied",
    });
  });

  it("IAM: SimulatePrincipalPolicy and GetRole are themselves authorised; STS GetCallerIdentity never is", async () => {
    const { box, iam, sts } = await clientsOf({ policy: { Statement: [{ Effect: "Deny", Action: "*", Resource: "*" }] } });
    // IAM's code is AccessDenied, which the SDK's model does not name, so the error is named by the code.
    await expect(iam.send(new SimulatePrincipalPolicyCommand({ PolicySourceArn: ROLE, ActionNames: ["s3:GetObject"] }))).rejects.toMatchObject({
      name: "AccessDenied",
      message: `User: ${CALLER} is not authorized to perform: iam:SimulatePrincipalPolicy on resource: ${ROLE} with an explicit deny in an identity-based policy`,
      $metadata: { httpStatusCode: 403 },
    });
    expect(lastLog(box)).toMatchObject({ service: "iam", operation: "SimulatePrincipalPolicy", status: 403, error: "AccessDenied" });
    await expect(iam.send(new GetRoleCommand({ RoleName: "MailOps" }))).rejects.toMatchObject({ name: "AccessDenied", $metadata: { httpStatusCode: 403 } });
    // Authorised before IAM looks: an unknown role is AccessDenied too, not NoSuchEntity.
    await expect(iam.send(new GetRoleCommand({ RoleName: "Nobody" }))).rejects.toMatchObject({ name: "AccessDenied", $metadata: { httpStatusCode: 403 } });
    expect((await sts.send(new GetCallerIdentityCommand({}))).Arn).toBe(CALLER);
  });

  it("SimulatePrincipalPolicy may simulate only the principal the policy lets it", async () => {
    const { iam } = await clientsOf({ policy: READ_ONLY, role: { path: "/ops/" } });
    // READ_ONLY allows simulating role/MailOps; this role is role/ops/MailOps.
    await expect(
      iam.send(new SimulatePrincipalPolicyCommand({ PolicySourceArn: `arn:aws:iam::${accountId}:role/ops/MailOps`, ActionNames: ["s3:GetObject"] })),
    ).rejects.toMatchObject({
      name: "AccessDenied",
    });
  });
});

describe("SimulatePrincipalPolicy agrees with what the services do", () => {
  it("gives the decision enforcement gives, for the same action, resource and context", async () => {
    const { box, s3, ses, secrets, cloudwatch, iam } = await clientsOf({ policy: READ_ONLY });
    const secretArn = box.world.secrets.get(secretId)!.arn;
    const object = `dkim/${domain}/${box.seed.selector}.pem`;
    const send = (from: string) => () =>
      ses.send(
        new SendEmailCommand({
          FromEmailAddress: from,
          Destination: { ToAddresses: ["a@example.org"] },
          Content: { Simple: { Subject: { Data: "t" }, Body: { Text: { Data: "t" } } } },
        }),
      );
    const cases: [string, () => Promise<unknown>, string, string, Record<string, string>][] = [
      [
        "list dkim/",
        () => s3.send(new ListObjectsV2Command({ Bucket: bucket, Prefix: "dkim/" })),
        "s3:ListBucket",
        `arn:aws:s3:::${bucket}`,
        { "s3:prefix": "dkim/" },
      ],
      [
        "list other/",
        () => s3.send(new ListObjectsV2Command({ Bucket: bucket, Prefix: "other/" })),
        "s3:ListBucket",
        `arn:aws:s3:::${bucket}`,
        { "s3:prefix": "other/" },
      ],
      ["get the key", () => s3.send(new GetObjectCommand({ Bucket: bucket, Key: object })), "s3:GetObject", `arn:aws:s3:::${bucket}/${object}`, {}],
      [
        "put a key",
        () => s3.send(new PutObjectCommand({ Bucket: bucket, Key: "dkim/x.pem", Body: "x", ServerSideEncryption: "AES256" })),
        "s3:PutObject",
        `arn:aws:s3:::${bucket}/dkim/x.pem`,
        { "s3:x-amz-server-side-encryption": "AES256" },
      ],
      ["read the identity", () => ses.send(new GetEmailIdentityCommand({ EmailIdentity: domain })), "ses:GetEmailIdentity", IDENTITY, {}],
      [
        "turn signing off",
        () => ses.send(new PutEmailIdentityDkimAttributesCommand({ EmailIdentity: domain, SigningEnabled: false })),
        "ses:PutEmailIdentityDkimAttributes",
        IDENTITY,
        {},
      ],
      ["send as ops", send(`ops@${domain}`), "ses:SendEmail", IDENTITY, { "ses:FromAddress": `ops@${domain}` }],
      ["send as another", send(`x@${domain}`), "ses:SendEmail", IDENTITY, { "ses:FromAddress": `x@${domain}` }],
      ["read the state", () => secrets.send(new GetSecretValueCommand({ SecretId: secretId })), "secretsmanager:GetSecretValue", secretArn, {}],
      ["bounce alarm", () => cloudwatch.send(new DescribeAlarmsCommand({ AlarmNames: [bounceAlarm] })), "cloudwatch:DescribeAlarms", alarmArn(bounceAlarm), {}],
      [
        "verification alarm",
        () => cloudwatch.send(new DescribeAlarmsCommand({ AlarmNames: [verificationAlarm] })),
        "cloudwatch:DescribeAlarms",
        alarmArn(verificationAlarm),
        {},
      ],
    ];
    const outcomes: string[] = [];
    for (const [name, call, action, resource, context] of cases) {
      const served = await call().then(
        () => "allowed",
        (err: { $metadata?: { httpStatusCode?: number }; name: string }) => (/AccessDenied/.test(err.name) ? "denied" : `failed: ${err.name}`),
      );
      const simulated = await iam.send(
        new SimulatePrincipalPolicyCommand({
          PolicySourceArn: ROLE,
          ActionNames: [action],
          ResourceArns: [resource],
          ContextEntries: Object.entries(context).map(([ContextKeyName, value]) => ({ ContextKeyName, ContextKeyValues: [value], ContextKeyType: "string" })),
        }),
      );
      const decision = simulated.EvaluationResults?.[0]?.EvalDecision;
      outcomes.push(`${name}: ${served}/${decision === "allowed" ? "allowed" : "denied"}`);
    }
    expect(outcomes).toEqual([
      "list dkim/: allowed/allowed",
      "list other/: denied/denied",
      "get the key: allowed/allowed",
      "put a key: denied/denied",
      "read the identity: allowed/allowed",
      "turn signing off: denied/denied",
      "send as ops: allowed/allowed",
      "send as another: denied/denied",
      "read the state: denied/denied",
      "bounce alarm: allowed/allowed",
      "verification alarm: denied/denied",
    ]);
  });
});

describe("/_sandbox/policy", () => {
  it("sets, shows and clears the policy while the sandbox runs; a malformed one is refused with a reason", async () => {
    const { box, ses } = await clientsOf({});
    const policyUrl = `${box.endpoint}/_sandbox/policy`;
    expect(await (await fetch(policyUrl)).json()).toBeNull();
    await ses.send(new PutEmailIdentityDkimAttributesCommand({ EmailIdentity: domain, SigningEnabled: true }));

    const put = await fetch(policyUrl, { method: "PUT", body: JSON.stringify(READ_ONLY) });
    expect(put.status).toBe(200);
    expect(await (await fetch(policyUrl)).json()).toEqual(READ_ONLY);
    await expect(ses.send(new PutEmailIdentityDkimAttributesCommand({ EmailIdentity: domain, SigningEnabled: true }))).rejects.toMatchObject({
      name: "AccessDeniedException",
    });

    const bad = await fetch(policyUrl, { method: "POST", body: JSON.stringify({ Statement: [{ Effect: "Allow", Action: "*" }] }) });
    expect(bad.status).toBe(400);
    expect(await bad.json()).toEqual({ message: "Statement[0] must have exactly one of Resource and NotResource" });
    expect(await (await fetch(policyUrl, { method: "POST", body: "{not json" })).json()).toMatchObject({ message: expect.stringContaining("policy document") });
    expect(box.world.policy).toEqual(READ_ONLY);

    expect(await (await fetch(policyUrl, { method: "DELETE" })).json()).toBeNull();
    await ses.send(new PutEmailIdentityDkimAttributesCommand({ EmailIdentity: domain, SigningEnabled: true }));
    expect(box.world.log.filter((entry) => entry.operation === "PutEmailIdentityDkimAttributes").map((entry) => entry.status)).toEqual([200, 403, 200]);
  });

  it("refuses a malformed policy at start", async () => {
    await expect(startSandbox({ policy: { Statement: [] } })).rejects.toThrow(/no Statement/);
  });
});
