import { GetObjectCommand, ListObjectsV2Command, PutObjectCommand, S3Client } from "@aws-sdk/client-s3";
import { mockClient } from "aws-sdk-client-mock";
import { afterEach, describe, expect, it } from "vitest";
import { createAwsPorts } from "../../src/aws/clients.js";
import { AWS_TIMEOUTS } from "../../src/aws/timeouts.js";
import { awsError, failure } from "../support/awsMocks.js";

// The plan and approval objects as the SDK would send and read them.
const s3 = mockClient(S3Client);
afterEach(() => s3.reset());

const campaigns = () => createAwsPorts({ region: "ap-northeast-1", profile: undefined, sesMinIntervalMs: 0 }).campaigns!;
const planKey = `dkim/plans/${"a".repeat(64)}.json`;
const sent = () => s3.commandCalls(PutObjectCommand).map((call) => call.args[0].input);

/** A GetObject answer whose body records whether anything read it. */
function objectOfSize(size: number, text = "{}") {
  const body = { read: false };
  s3.on(GetObjectCommand).resolves({
    ContentLength: size,
    ETag: '"e1"',
    Body: {
      transformToString: async () => {
        body.read = true;
        return text;
      },
    } as never,
  });
  return body;
}

describe("campaign records: writeNew", () => {
  it("writes the text only if no object is there, as JSON, with the mutating call's time limit", async () => {
    s3.on(PutObjectCommand).resolves({ ETag: '"e1"', $metadata: { requestId: "r1" } });
    expect(await campaigns().writeNew("keys", planKey, '{"plan":1}')).toEqual({ requestId: "r1", etag: '"e1"' });
    expect(sent()).toEqual([{ Bucket: "keys", Key: planKey, Body: '{"plan":1}', ContentType: "application/json", IfNoneMatch: "*" }]);
    expect((s3.commandCalls(PutObjectCommand)[0]!.args as unknown[])[1]).toEqual({ requestTimeout: AWS_TIMEOUTS.mutateMs });
  });

  it.each([
    ["PreconditionFailed", 412],
    ["ConditionalRequestConflict", 409],
  ] as const)("answers null when an object is already there (%s %i), and tries no overwrite", async (name, status) => {
    s3.on(PutObjectCommand).rejects(awsError(name, "client", status));
    expect(await campaigns().writeNew("keys", planKey, "{}")).toBeNull();
    expect(sent()).toHaveLength(1);
  });

  it("names s3:PutObject and the object on AccessDenied, in an operator sentence with its hint", async () => {
    s3.on(PutObjectCommand).rejects(awsError("AccessDenied", "client", 403));
    const error = await failure(campaigns().writeNew("keys", planKey, "{}"));
    expect(error.what).toEqual({
      key: "aws.accessDenied",
      params: { service: "S3", action: "s3:PutObject", resource: `arn:aws:s3:::keys/${planKey}`, requestId: "req-test-1" },
    });
    expect(error.hint?.key).toBe("aws.accessDenied.hint");
    expect(JSON.stringify(error.what)).not.toMatch(/\n\s+at /);
  });
});

describe("campaign records: read", () => {
  it("reads the text with its ETag, and null when there is no object", async () => {
    objectOfSize(11, '{"plan":1}');
    expect(await campaigns().read("keys", planKey)).toEqual({ text: '{"plan":1}', etag: '"e1"' });
    s3.on(GetObjectCommand).rejects(awsError("NoSuchKey", "client", 404));
    expect(await campaigns().read("keys", planKey)).toBeNull();
  });

  it("reads a fleet's plan far larger than a key file (1 MB)", async () => {
    const text = JSON.stringify({ targets: "x".repeat(1024 * 1024) });
    objectOfSize(Buffer.byteLength(text), text);
    expect((await campaigns().read("keys", planKey))?.text).toBe(text);
  });

  it("refuses an object larger than any plan (over 4 MB) without reading it, saying it is no campaign record", async () => {
    const body = objectOfSize(4 * 1024 * 1024 + 1);
    const error = await failure(campaigns().read("keys", planKey));
    expect(error.what).toEqual({
      key: "aws.campaignRecordTooLarge",
      params: { bucket: "keys", key: planKey, size: 4 * 1024 * 1024 + 1, max: 4 * 1024 * 1024 },
    });
    expect(error.hint?.key).toBe("aws.campaignRecordTooLarge.hint");
    expect(body.read).toBe(false);
  });

  it("keeps the key file's limit for keys: the same 1 MB object is refused as a private key", async () => {
    objectOfSize(1024 * 1024);
    const ports = createAwsPorts({ region: "ap-northeast-1", profile: undefined, sesMinIntervalMs: 0 });
    expect((await failure(ports.keys.fetchPrivateKeyPem("keys", "dkim/goo.ne.jp/s.pem"))).what.key).toBe("aws.objectTooLarge");
  });

  it("names s3:GetObject and the object on AccessDenied", async () => {
    s3.on(GetObjectCommand).rejects(awsError("AccessDenied", "client", 403));
    const error = await failure(campaigns().read("keys", planKey));
    expect(error.what).toMatchObject({ key: "aws.accessDenied", params: { action: "s3:GetObject", resource: `arn:aws:s3:::keys/${planKey}` } });
  });
});

describe("campaign records: list", () => {
  it("lists every key under the prefix, following every page", async () => {
    const prefix = `dkim/plans/${"a".repeat(64)}.approvals/`;
    s3.on(ListObjectsV2Command, { Prefix: prefix, ContinuationToken: undefined })
      .resolves({ Contents: [{ Key: `${prefix}one.json` }], IsTruncated: true, NextContinuationToken: "t2" })
      .on(ListObjectsV2Command, { Prefix: prefix, ContinuationToken: "t2" })
      .resolves({ Contents: [{ Key: `${prefix}two.json` }], IsTruncated: false });
    expect(await campaigns().list("keys", prefix)).toEqual([`${prefix}one.json`, `${prefix}two.json`]);
  });

  it("names s3:ListBucket and the bucket on AccessDenied", async () => {
    s3.on(ListObjectsV2Command).rejects(awsError("AccessDenied", "client", 403));
    const error = await failure(campaigns().list("keys", "dkim/plans/"));
    expect(error.what).toMatchObject({ key: "aws.accessDenied", params: { action: "s3:ListBucket", resource: "arn:aws:s3:::keys" } });
  });
});
