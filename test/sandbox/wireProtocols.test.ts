import { CloudWatchClient, DescribeAlarmsCommand, PutMetricAlarmCommand, SetAlarmStateCommand } from "@aws-sdk/client-cloudwatch";
import { GetObjectCommand, ListObjectsV2Command, PutObjectCommand, S3Client } from "@aws-sdk/client-s3";
import {
  CreateSecretCommand,
  DescribeSecretCommand,
  GetSecretValueCommand,
  PutSecretValueCommand,
  SecretsManagerClient,
} from "@aws-sdk/client-secrets-manager";
import { CreateEmailIdentityCommand, ListEmailIdentitiesCommand, SESv2Client } from "@aws-sdk/client-sesv2";
import { GetCallerIdentityCommand, STSClient } from "@aws-sdk/client-sts";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SANDBOX_DEFAULTS } from "../../src/sandbox/scenarios.js";
import { startSandbox, type Sandbox } from "../../src/sandbox/start.js";

let box: Sandbox;
const config = () => ({
  endpoint: box.endpoint,
  region: box.world.region,
  credentials: { accessKeyId: "AKIASANDBOX", secretAccessKey: "sandbox" },
  maxAttempts: 1,
});

beforeAll(async () => {
  box = await startSandbox({ scenario: "good" });
});
afterAll(() => box.stop());

describe("sandbox speaks each service's wire protocol as the SDK sends it", () => {
  it("S3 (REST-XML, path style): put, list by prefix, get, and NoSuchKey", async () => {
    const s3 = new S3Client({ ...config(), forcePathStyle: true });
    await s3.send(new PutObjectCommand({ Bucket: SANDBOX_DEFAULTS.bucket, Key: "dkim/goo.ne.jp/gooid-21-pro-20251001-1.pem", Body: "pem" }));
    const listed = await s3.send(new ListObjectsV2Command({ Bucket: SANDBOX_DEFAULTS.bucket, Prefix: "dkim/goo.ne.jp/" }));
    expect(listed.Contents?.map((object) => object.Key)).toEqual(["dkim/goo.ne.jp/gooid-21-pro-20250917-3.pem", "dkim/goo.ne.jp/gooid-21-pro-20251001-1.pem"]);
    const object = await s3.send(new GetObjectCommand({ Bucket: SANDBOX_DEFAULTS.bucket, Key: "dkim/goo.ne.jp/gooid-21-pro-20251001-1.pem" }));
    expect(await object.Body?.transformToString()).toBe("pem");
    await expect(s3.send(new GetObjectCommand({ Bucket: SANDBOX_DEFAULTS.bucket, Key: "nope" }))).rejects.toMatchObject({ name: "NoSuchKey" });
  });

  it("Secrets Manager (JSON 1.1): create, put a new version, describe, read the current one", async () => {
    const secrets = new SecretsManagerClient(config());
    await secrets.send(new CreateSecretCommand({ Name: "drill", SecretString: '{"current_phase":"6"}' }));
    const put = await secrets.send(new PutSecretValueCommand({ SecretId: "drill", SecretString: '{"current_phase":"7"}' }));
    const described = await secrets.send(new DescribeSecretCommand({ SecretId: "drill" }));
    expect(described.VersionIdsToStages?.[put.VersionId!]).toEqual(["AWSCURRENT"]);
    expect((await secrets.send(new GetSecretValueCommand({ SecretId: "drill" }))).SecretString).toBe('{"current_phase":"7"}');
    await expect(secrets.send(new GetSecretValueCommand({ SecretId: "missing" }))).rejects.toMatchObject({ name: "ResourceNotFoundException" });
  });

  it("CloudWatch (JSON 1.0): create an alarm, set its state, describe it", async () => {
    const cloudwatch = new CloudWatchClient(config());
    await cloudwatch.send(
      new PutMetricAlarmCommand({
        AlarmName: "drill",
        MetricName: "M",
        Namespace: "N",
        Statistic: "Sum",
        Period: 60,
        EvaluationPeriods: 1,
        Threshold: 1,
        ComparisonOperator: "GreaterThanThreshold",
      }),
    );
    expect((await cloudwatch.send(new DescribeAlarmsCommand({ AlarmNames: ["drill"] }))).MetricAlarms?.[0]?.StateValue).toBe("INSUFFICIENT_DATA");
    await cloudwatch.send(new SetAlarmStateCommand({ AlarmName: "drill", StateValue: "ALARM", StateReason: "drill" }));
    const [alarm] = (await cloudwatch.send(new DescribeAlarmsCommand({ AlarmNames: ["drill"] }))).MetricAlarms ?? [];
    expect(alarm).toMatchObject({ AlarmName: "drill", StateValue: "ALARM", StateReason: "drill" });
    expect(alarm?.StateUpdatedTimestamp).toBeInstanceOf(Date);
  });

  it("SESv2 (REST-JSON): ListEmailIdentities pages with PageSize and NextToken", async () => {
    const ses = new SESv2Client(config());
    await ses.send(new CreateEmailIdentityCommand({ EmailIdentity: "example.org" }));
    const first = await ses.send(new ListEmailIdentitiesCommand({ PageSize: 1 }));
    expect(first.EmailIdentities).toEqual([{ IdentityType: "DOMAIN", IdentityName: "example.org", SendingEnabled: false, VerificationStatus: "PENDING" }]);
    const second = await ses.send(new ListEmailIdentitiesCommand({ PageSize: 1, NextToken: first.NextToken }));
    expect(second.EmailIdentities?.map((identity) => identity.IdentityName)).toEqual([SANDBOX_DEFAULTS.domain]);
    expect(second.NextToken).toBeUndefined();
  });

  it("STS (query): the operator's caller identity", async () => {
    const identity = await new STSClient(config()).send(new GetCallerIdentityCommand({}));
    expect(identity).toMatchObject({ Account: SANDBOX_DEFAULTS.accountId, Arn: box.world.callerArn });
  });

  it("logs each request with its operation and status", () => {
    const operations = box.world.log.map((entry) => `${entry.service}:${entry.operation}:${entry.status}`);
    expect(operations).toEqual(
      expect.arrayContaining([
        "s3:PutObject:200",
        "s3:GetObject:404",
        "secretsmanager:CreateSecret:200",
        "monitoring:SetAlarmState:200",
        "sts:GetCallerIdentity:200",
      ]),
    );
    expect(box.world.log.every((entry) => !Number.isNaN(Date.parse(entry.time)))).toBe(true);
  });
});
