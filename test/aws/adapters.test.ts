import { CloudWatchClient, DescribeAlarmsCommand } from "@aws-sdk/client-cloudwatch";
import { DeleteObjectCommand, GetObjectCommand, ListObjectsV2Command, PutObjectCommand, S3Client } from "@aws-sdk/client-s3";
import { GetSecretValueCommand, SecretsManagerClient } from "@aws-sdk/client-secrets-manager";
import { GetEmailIdentityCommand, PutEmailIdentityDkimAttributesCommand, SESv2Client } from "@aws-sdk/client-sesv2";
import { GetCallerIdentityCommand, STSClient } from "@aws-sdk/client-sts";
import { mockClient } from "aws-sdk-client-mock";
import { inspect } from "node:util";
import { afterEach, describe, expect, it } from "vitest";
import { clientConfig, createAwsPorts } from "../../src/aws/clients.js";
import { AWS_TIMEOUTS } from "../../src/aws/timeouts.js";
import { awsError, failure } from "../support/awsMocks.js";

const mocks = {
  sts: mockClient(STSClient),
  ses: mockClient(SESv2Client),
  s3: mockClient(S3Client),
  cloudwatch: mockClient(CloudWatchClient),
  secrets: mockClient(SecretsManagerClient),
};
afterEach(() => {
  for (const mock of Object.values(mocks)) mock.reset();
});

const ports = () => createAwsPorts({ region: "ap-northeast-1", profile: undefined, sesMinIntervalMs: 0 });

describe("SES adapter", () => {
  it("maps GetEmailIdentity to the facts the gates read", async () => {
    mocks.ses.on(GetEmailIdentityCommand, { EmailIdentity: "goo.ne.jp" }).resolves({
      IdentityType: "DOMAIN",
      VerifiedForSendingStatus: true,
      VerificationStatus: "SUCCESS",
      DkimAttributes: {
        SigningEnabled: true,
        Status: "FAILED",
        Tokens: ["gooid-21-pro-20250917-3"],
        SigningAttributesOrigin: "EXTERNAL",
        CurrentSigningKeyLength: "RSA_2048_BIT",
        LastKeyGenerationTimestamp: new Date("2025-09-17T01:00:00Z"),
      },
      VerificationInfo: { ErrorType: "INVALID_VALUE", LastCheckedTimestamp: new Date("2025-09-17T02:00:00Z") },
    });
    const facts = await ports().ses.getEmailIdentity("goo.ne.jp");
    expect(facts).toMatchObject({
      identityType: "DOMAIN",
      verifiedForSendingStatus: true,
      dkim: {
        signingEnabled: true,
        status: "FAILED",
        origin: "EXTERNAL",
        tokens: ["gooid-21-pro-20250917-3"],
        lastKeyGenerationTimestamp: "2025-09-17T01:00:00.000Z",
      },
      verificationInfo: { errorType: "INVALID_VALUE", lastCheckedTimestamp: "2025-09-17T02:00:00.000Z" },
    });
  });

  it("answers null when the identity does not exist", async () => {
    mocks.ses.on(GetEmailIdentityCommand).rejects(awsError("NotFoundException", "client", 404));
    expect(await ports().ses.getEmailIdentity("goo.ne.jp")).toBeNull();
  });

  it("names the IAM action and identity on AccessDenied", async () => {
    mocks.ses.on(GetEmailIdentityCommand).rejects(awsError("AccessDeniedException", "client", 403));
    const error = await failure(ports().ses.getEmailIdentity("goo.ne.jp"));
    expect(error.what).toEqual({
      key: "aws.accessDenied",
      params: { service: "SES", action: "ses:GetEmailIdentity", resource: "identity/goo.ne.jp", requestId: "req-test-1" },
    });
  });

  it("says the credentials expired", async () => {
    mocks.ses.on(GetEmailIdentityCommand).rejects(awsError("ExpiredTokenException", "client", 403));
    expect((await failure(ports().ses.getEmailIdentity("goo.ne.jp"))).what.key).toBe("aws.expiredCredentials");
  });

  it("gives up on throttling after the SDK's retries with its own sentence", async () => {
    mocks.ses.on(GetEmailIdentityCommand).rejects(awsError("TooManyRequestsException", "client", 429));
    const error = await failure(ports().ses.getEmailIdentity("goo.ne.jp"));
    expect(error.what.key).toBe("aws.throttled");
    expect(error.hint?.key).toBe("aws.throttled.hint");
  });

  it("paces successive SES calls at least a second apart", async () => {
    mocks.ses.on(GetEmailIdentityCommand).resolves({ IdentityType: "DOMAIN" });
    let clock = 10_000;
    const sleeps: number[] = [];
    const paced = createAwsPorts({
      region: "ap-northeast-1",
      profile: undefined,
      now: () => clock,
      sleep: async (ms) => {
        sleeps.push(ms);
        clock += ms;
      },
    });
    await paced.ses.getEmailIdentity("goo.ne.jp");
    clock += 200;
    await paced.ses.getEmailIdentity("goo.ne.jp");
    await paced.ses.getEmailIdentity("goo.ne.jp");
    expect(sleeps).toEqual([800, 1000]);
  });

  it("never sleeps when the previous SES call started more than a second ago", async () => {
    mocks.ses.on(GetEmailIdentityCommand).resolves({ IdentityType: "DOMAIN" });
    mocks.ses.on(PutEmailIdentityDkimAttributesCommand).resolves({ $metadata: { requestId: "r-1" } });
    let clock = 10_000;
    const sleeps: number[] = [];
    const paced = createAwsPorts({ region: "ap-northeast-1", profile: undefined, now: () => clock, sleep: async (ms) => void sleeps.push(ms) });
    await paced.ses.getEmailIdentity("goo.ne.jp");
    clock += 1_001;
    await paced.ses.getEmailIdentity("goo.ne.jp");
    clock += 5_000;
    await paced.ses.putSigningEnabled("goo.ne.jp", false);
    expect(sleeps).toEqual([]);
  });

  it("waits a second after the previous SES call ended, as its SDK retries go out after its slot", async () => {
    let clock = 10_000;
    mocks.ses.on(GetEmailIdentityCommand).callsFake(() => {
      clock += 1_500;
      return { IdentityType: "DOMAIN" };
    });
    const sleeps: number[] = [];
    const paced = createAwsPorts({ region: "ap-northeast-1", profile: undefined, now: () => clock, sleep: async (ms) => void sleeps.push(ms) });
    await paced.ses.getEmailIdentity("goo.ne.jp");
    await paced.ses.getEmailIdentity("goo.ne.jp");
    expect(sleeps).toEqual([1_000]);
  });

  it("sends rollback's first Put at once after a read (incident pacing)", async () => {
    mocks.ses.on(GetEmailIdentityCommand).resolves({ IdentityType: "DOMAIN" });
    mocks.ses.on(PutEmailIdentityDkimAttributesCommand).resolves({ $metadata: { requestId: "r-1" } });
    const sleeps: number[] = [];
    const incident = createAwsPorts({
      region: "ap-northeast-1",
      profile: undefined,
      pacing: "incident",
      now: () => 10_000,
      sleep: async (ms) => void sleeps.push(ms),
    });
    await incident.ses.getEmailIdentity("goo.ne.jp");
    await incident.ses.putSigningEnabled("goo.ne.jp", false);
    expect(sleeps).toEqual([]);
    expect(mocks.ses.commandCalls(PutEmailIdentityDkimAttributesCommand)).toHaveLength(1);
  });

  it("gives the incident path more attempts for SES's throttling than the steady path", () => {
    expect(clientConfig({ region: "ap-northeast-1", profile: undefined }).maxAttempts).toBe(4);
    expect(clientConfig({ region: "ap-northeast-1", profile: undefined }, "incident").maxAttempts).toBeGreaterThan(4);
  });
});

describe("S3 adapter", () => {
  it("lists every page of keys", async () => {
    mocks.s3
      .on(ListObjectsV2Command, { ContinuationToken: undefined })
      .resolves({ Contents: [{ Key: "dkim/a.pem" }], IsTruncated: true, NextContinuationToken: "t2" })
      .on(ListObjectsV2Command, { ContinuationToken: "t2" })
      .resolves({ Contents: [{ Key: "dkim/b.pem" }], IsTruncated: false });
    expect(await ports().keys.listKeys("bucket", "dkim/")).toEqual(["dkim/a.pem", "dkim/b.pem"]);
  });

  it("wraps the PEM so it cannot print itself", async () => {
    const pem = "-----BEGIN PRIVATE KEY-----\nQ0FOQVJZ\n-----END PRIVATE KEY-----\n";
    mocks.s3.on(GetObjectCommand).resolves({ ContentLength: pem.length, Body: { transformToString: async () => pem } as never });
    const wrapped = await ports().keys.fetchPrivateKeyPem("bucket", "k.pem");
    expect(wrapped?.revealPem()).toBe(pem);
    expect(`${wrapped} ${JSON.stringify({ wrapped })} ${inspect(wrapped)}`).not.toContain("Q0FOQVJZ");
  });

  it("answers null for a missing object", async () => {
    mocks.s3.on(GetObjectCommand).rejects(awsError("NoSuchKey", "client", 404));
    expect(await ports().keys.fetchPrivateKeyPem("bucket", "k.pem")).toBeNull();
  });

  it("refuses an object far too large to be a key, without reading it", async () => {
    let read = false;
    mocks.s3.on(GetObjectCommand).resolves({
      ContentLength: 5_000_000,
      Body: {
        transformToString: async () => {
          read = true;
          return "";
        },
      } as never,
    });
    const error = await failure(ports().keys.fetchPrivateKeyPem("bucket", "k.pem"));
    expect(error.what.key).toBe("aws.objectTooLarge");
    expect(read).toBe(false);
  });

  it("names s3:GetObject and the object on AccessDenied", async () => {
    mocks.s3.on(GetObjectCommand).rejects(awsError("AccessDenied", "client", 403));
    const error = await failure(ports().keys.fetchPrivateKeyPem("bucket", "dkim/k.pem"));
    expect(error.what.params).toMatchObject({ action: "s3:GetObject", resource: "arn:aws:s3:::bucket/dkim/k.pem" });
  });
});

describe("S3 lock object adapter", () => {
  it("reads the lock's text with its ETag, and null when there is none", async () => {
    mocks.s3
      .on(GetObjectCommand, { Key: "dkim/locks/a.json" })
      .resolves({ ETag: '"e1"', ContentLength: 2, Body: { transformToString: async () => "{}" } as never })
      .on(GetObjectCommand, { Key: "dkim/locks/b.json" })
      .rejects(awsError("NoSuchKey", "client", 404));
    expect(await ports().locks.readLock("bucket", "dkim/locks/a.json")).toEqual({ text: "{}", etag: '"e1"' });
    expect(await ports().locks.readLock("bucket", "dkim/locks/b.json")).toBeNull();
  });

  it("writes with If-None-Match: * or If-Match, and answers null when S3 says the condition failed (412, 409, or the key is gone)", async () => {
    mocks.s3.on(PutObjectCommand, { IfNoneMatch: "*" }).resolves({ ETag: '"e2"', $metadata: { requestId: "r1" } });
    expect(await ports().locks.writeLock("bucket", "k", "{}", { ifAbsent: true })).toEqual({ etag: '"e2"', requestId: "r1" });
    for (const [name, status] of [
      ["PreconditionFailed", 412],
      ["ConditionalRequestConflict", 409],
      ["NoSuchKey", 404],
    ] as const) {
      mocks.s3.on(PutObjectCommand, { IfMatch: '"e1"' }).rejects(awsError(name, "client", status));
      expect(await ports().locks.writeLock("bucket", "k", "{}", { ifEtag: '"e1"' }), name).toBeNull();
    }
  });

  it("deletes with If-Match on the ETag, false when it is another version or gone", async () => {
    mocks.s3
      .on(DeleteObjectCommand, { IfMatch: '"mine"' })
      .resolves({})
      .on(DeleteObjectCommand, { IfMatch: '"stale"' })
      .rejects(awsError("PreconditionFailed", "client", 412));
    expect(await ports().locks.deleteLock("bucket", "k", '"mine"')).toBe(true);
    expect(await ports().locks.deleteLock("bucket", "k", '"stale"')).toBe(false);
  });

  it("names s3:PutObject and the lock object on AccessDenied", async () => {
    mocks.s3.on(PutObjectCommand).rejects(awsError("AccessDenied", "client", 403));
    const error = await failure(ports().locks.writeLock("bucket", "dkim/locks/goo.ne.jp.json", "{}", { ifAbsent: true }));
    expect(error.what).toMatchObject({
      key: "aws.accessDenied",
      params: { action: "s3:PutObject", resource: "arn:aws:s3:::bucket/dkim/locks/goo.ne.jp.json" },
    });
  });
});

describe("CloudWatch, Secrets Manager and STS adapters", () => {
  it("reads metric and composite alarms", async () => {
    mocks.cloudwatch.on(DescribeAlarmsCommand).resolves({
      MetricAlarms: [{ AlarmName: "a", StateValue: "OK" }],
      CompositeAlarms: [{ AlarmName: "b", StateValue: "ALARM", StateReason: "children in alarm" }],
    });
    const alarms = await ports().alarms.describeAlarms(["a", "b"]);
    expect(alarms.map((alarm) => [alarm.name, alarm.state])).toEqual([
      ["a", "OK"],
      ["b", "ALARM"],
    ]);
    expect(mocks.cloudwatch.commandCalls(DescribeAlarmsCommand)[0]?.args[0].input.AlarmNames).toEqual(["a", "b"]);
  });

  it("reads the state secret's text and version", async () => {
    mocks.secrets.on(GetSecretValueCommand).resolves({ SecretString: '{"current_phase":"6"}', VersionId: "v9" });
    expect(await ports().state.readStateSecret("s")).toEqual({ secretId: "s", versionId: "v9", text: '{"current_phase":"6"}' });
  });

  it("answers null for a missing secret and refuses a binary one", async () => {
    mocks.secrets
      .on(GetSecretValueCommand)
      .rejectsOnce(awsError("ResourceNotFoundException"))
      .resolves({ SecretBinary: new Uint8Array([1]) });
    expect(await ports().state.readStateSecret("s")).toBeNull();
    expect((await failure(ports().state.readStateSecret("s"))).what.key).toBe("aws.secretNotText");
  });

  it("says which KMS key refused to decrypt the secret", async () => {
    mocks.secrets.on(GetSecretValueCommand).rejects(awsError("DecryptionFailure"));
    expect((await failure(ports().state.readStateSecret("s"))).what.key).toBe("aws.kms");
  });

  it("reads the caller's account", async () => {
    mocks.sts.on(GetCallerIdentityCommand).resolves({ Account: "123456789012", Arn: "arn:aws:iam::123456789012:user/a" });
    expect(await ports().sts.getCallerIdentity()).toEqual({ account: "123456789012", arn: "arn:aws:iam::123456789012:user/a" });
  });

  it.each([
    ["CredentialsProviderError", "aws.noCredentials"],
    ["InvalidClientTokenId", "aws.invalidCredentials"],
    ["InternalFailure", "aws.serverError"],
  ])("translates %s into %s", async (name, key) => {
    mocks.sts.on(GetCallerIdentityCommand).rejects(awsError(name, name === "InternalFailure" ? "server" : "client", name === "InternalFailure" ? 500 : 400));
    expect((await failure(ports().sts.getCallerIdentity())).what.key).toBe(key);
  });

  it("gives a bare SDK Error no empty name, and keeps the SDK's message for --verbose", async () => {
    mocks.sts.on(GetCallerIdentityCommand).rejects(new Error("Region is not valid"));
    const error = await failure(ports().sts.getCallerIdentity());
    expect(error.what.key).toBe("aws.unexpectedUnnamed");
    expect(error.detail).toBe("Region is not valid");
  });

  it("reports an unreachable endpoint as a network problem", async () => {
    mocks.sts.on(GetCallerIdentityCommand).rejects(Object.assign(new Error("connect ECONNREFUSED"), { code: "ECONNREFUSED", address: "127.0.0.1" }));
    const error = await failure(ports().sts.getCallerIdentity());
    expect(error.what).toMatchObject({ key: "aws.unreachable", params: { endpoint: "127.0.0.1" } });
  });
});

describe("time limits on every AWS call", () => {
  // What the SDK's request handler throws when a request outlives its requestTimeout.
  const timedOut = (ms: number) =>
    Object.assign(new Error(`@smithy/node-http-handler - [ERROR] a request has exceeded the configured ${ms} ms requestTimeout.`), {
      name: "TimeoutError",
      code: "ETIMEDOUT",
    });

  it("gives every client a connection and a request limit that fail the call rather than only warn", () => {
    expect(clientConfig({ region: "ap-northeast-1", profile: undefined }).requestHandler).toEqual({
      connectionTimeout: AWS_TIMEOUTS.connectMs,
      requestTimeout: AWS_TIMEOUTS.readMs,
      throwOnRequestTimeout: true,
    });
    expect(AWS_TIMEOUTS.mutateMs).toBeGreaterThan(AWS_TIMEOUTS.readMs);
  });

  it("gives the mutating calls the longer limit", async () => {
    mocks.ses.on(PutEmailIdentityDkimAttributesCommand).resolves({ $metadata: { requestId: "r-1" } });
    await ports().ses.putSigningEnabled("goo.ne.jp", true);
    expect((mocks.ses.commandCalls(PutEmailIdentityDkimAttributesCommand)[0]!.args as unknown[])[1]).toEqual({ requestTimeout: AWS_TIMEOUTS.mutateMs });
  });

  it.each([
    ["a read", () => ports().ses.getEmailIdentity("goo.ne.jp"), GetEmailIdentityCommand, AWS_TIMEOUTS.readMs],
    ["a mutating call", () => ports().ses.putSigningEnabled("goo.ne.jp", false), PutEmailIdentityDkimAttributesCommand, AWS_TIMEOUTS.mutateMs],
  ] as const)("says in a sentence that SES did not answer %s in time, naming its limit", async (_what, call, command, ms) => {
    mocks.ses.on(command).rejects(timedOut(ms));
    const error = await failure(call());
    expect(error.what).toMatchObject({ key: "aws.timedOut", params: { service: "SES", seconds: ms / 1000 } });
    expect(error.hint?.key).toBe("aws.timedOut.hint");
  });
});
