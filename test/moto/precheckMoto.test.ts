import { CloudWatchClient, PutMetricAlarmCommand, SetAlarmStateCommand } from "@aws-sdk/client-cloudwatch";
import { CreateBucketCommand, DeleteObjectCommand, PutObjectCommand, S3Client } from "@aws-sdk/client-s3";
import { CreateSecretCommand, PutSecretValueCommand, SecretsManagerClient } from "@aws-sdk/client-secrets-manager";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { privateKeyObjectKey } from "../../src/config/config.js";
import { SANDBOX_DEFAULTS, dkimTxtStrings } from "../../src/sandbox/scenarios.js";
import { startSandbox, type Sandbox } from "../../src/sandbox/start.js";
import { generateTestKey, expectNoCanary } from "../support/keys.js";
import { motoAvailable, startMoto } from "../support/motoServer.js";
import { spawnCli } from "../support/spawnCli.js";

// moto is an AWS emulator nobody here wrote: S3, Secrets Manager, CloudWatch and STS answer from it,
// SES (which moto cannot take through BYODKIM) and DNS from the sandbox.
const haveMoto = motoAvailable("the cross-check of precheck against moto");

const credentials = { accessKeyId: "testing", secretAccessKey: "testing" };
const { domain, selector, bucket, keyTemplate, secretId, bounceAlarm, verificationAlarm, region } = SANDBOX_DEFAULTS;
const objectKey = privateKeyObjectKey(keyTemplate, domain, selector);
const key = generateTestKey(2048, "pkcs1");

let moto: Awaited<ReturnType<typeof startMoto>> | undefined;
let motoEndpoint = "";
let sandbox: Sandbox;

const clientConfig = () => ({ endpoint: motoEndpoint, region, credentials, forcePathStyle: true });

beforeAll(async () => {
  if (!haveMoto) return;
  moto = await startMoto();
  motoEndpoint = moto.endpoint;

  const s3 = new S3Client(clientConfig());
  await s3.send(new CreateBucketCommand({ Bucket: bucket, CreateBucketConfiguration: { LocationConstraint: region } }));
  await s3.send(new PutObjectCommand({ Bucket: bucket, Key: objectKey, Body: key.pem }));
  await new SecretsManagerClient(clientConfig()).send(new CreateSecretCommand({ Name: secretId, SecretString: JSON.stringify({ current_phase: "6" }) }));
  const cloudwatch = new CloudWatchClient(clientConfig());
  for (const name of [verificationAlarm, bounceAlarm]) {
    await cloudwatch.send(
      new PutMetricAlarmCommand({
        AlarmName: name,
        MetricName: "M",
        Namespace: "byodkim",
        Statistic: "Sum",
        Period: 60,
        EvaluationPeriods: 1,
        Threshold: 1,
        ComparisonOperator: "GreaterThanThreshold",
      }),
    );
    await cloudwatch.send(new SetAlarmStateCommand({ AlarmName: name, StateValue: "OK", StateReason: "seeded" }));
  }

  sandbox = await startSandbox({ scenario: "good" });
  // The sandbox's nameservers publish the key this test put into moto's S3.
  for (const records of sandbox.world.nameservers) {
    const index = records.findIndex((record) => record.type === "TXT" && record.name === sandbox.seed.txtName);
    records[index] = { name: sandbox.seed.txtName, type: "TXT", data: dkimTxtStrings(key.publicKeyBase64) };
  }
}, 60_000);

afterAll(async () => {
  moto?.stop();
  await sandbox?.stop();
});

async function precheck() {
  const result = await spawnCli(["precheck", "--config", sandbox.configPath, "--json"], {
    env: {
      AWS_ACCESS_KEY_ID: credentials.accessKeyId,
      AWS_SECRET_ACCESS_KEY: credentials.secretAccessKey,
      AWS_REGION: region,
      AWS_ENDPOINT_URL_SESV2: sandbox.endpoint,
      AWS_ENDPOINT_URL_S3: motoEndpoint,
      AWS_ENDPOINT_URL_STS: motoEndpoint,
      AWS_ENDPOINT_URL_SECRETS_MANAGER: motoEndpoint,
      AWS_ENDPOINT_URL_CLOUDWATCH: motoEndpoint,
      AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: "true",
    },
  });
  expect(expectNoCanary(result.stdout + result.stderr, key)).toEqual([]);
  const document = JSON.parse(result.stdout) as { ok: boolean; gates: { id: string; status: string; code: string }[] };
  return { code: result.code, document, gate: (id: string) => document.gates.find((gate) => gate.id === id)! };
}

describe.runIf(haveMoto)("precheck with S3, Secrets Manager, CloudWatch and STS from moto", () => {
  it("passes every gate", async () => {
    const { code, document } = await precheck();
    expect(document.gates.map((gate) => `${gate.id}:${gate.status}`)).toEqual([
      "identity:pass",
      // moto's STS answers for an IAM-less "user/moto" under sts:, which IAM cannot simulate: a warning, not a block.
      "permissions:warn",
      "selector:pass",
      "key:pass",
      "dns:pass",
      "ses:pass",
      "alarms:pass",
      "state:pass",
    ]);
    expect(code).toBe(0);
    // Only the SES call went to the sandbox.
    expect(new Set(sandbox.world.log.map((entry) => entry.service))).toEqual(new Set(["ses"]));
  });

  it("fails the alarms gate when moto's bounce-rate alarm fires", async () => {
    const cloudwatch = new CloudWatchClient(clientConfig());
    await cloudwatch.send(new SetAlarmStateCommand({ AlarmName: bounceAlarm, StateValue: "ALARM", StateReason: "test" }));
    try {
      const { code, gate } = await precheck();
      expect(gate("alarms")).toMatchObject({ status: "fail", code: "gate.alarms.fail" });
      expect(code).toBe(1);
    } finally {
      await cloudwatch.send(new SetAlarmStateCommand({ AlarmName: bounceAlarm, StateValue: "OK", StateReason: "test" }));
    }
  });

  it("fails when moto's state secret is at phase 5: Phase-6 must be done first", async () => {
    const secrets = new SecretsManagerClient(clientConfig());
    await secrets.send(new PutSecretValueCommand({ SecretId: secretId, SecretString: JSON.stringify({ current_phase: "5" }) }));
    try {
      expect((await precheck()).gate("state")).toMatchObject({ status: "fail", code: "gate.state.phase6First" });
    } finally {
      await secrets.send(new PutSecretValueCommand({ SecretId: secretId, SecretString: JSON.stringify({ current_phase: "6" }) }));
    }
  });

  it("fails the selector gate when the key is gone from moto's S3", async () => {
    const s3 = new S3Client(clientConfig());
    await s3.send(new DeleteObjectCommand({ Bucket: bucket, Key: objectKey }));
    try {
      const { gate } = await precheck();
      expect(gate("selector")).toMatchObject({ status: "fail", code: "gate.selector.noneFound" });
    } finally {
      await s3.send(new PutObjectCommand({ Bucket: bucket, Key: objectKey, Body: key.pem }));
    }
  });
});
