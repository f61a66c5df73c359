import { DeleteObjectCommand, GetObjectTaggingCommand, HeadObjectCommand, PutObjectCommand, PutObjectTaggingCommand, S3Client } from "@aws-sdk/client-s3";
import { mockClient } from "aws-sdk-client-mock";
import { inspect } from "node:util";
import { afterEach, describe, expect, it } from "vitest";
import { createAwsPorts } from "../../src/aws/clients.js";
import { AWS_TIMEOUTS } from "../../src/aws/timeouts.js";
import { PrivateKeyPem } from "../../src/dkim/privateKeyMaterial.js";
import type { ByodkimError } from "../../src/errors.js";
import { awsError, failure } from "../support/awsMocks.js";
import { expectNoCanary, generateTestKey } from "../support/keys.js";

// The writes keygen, rotate and retire make to the key object, checked as the SDK would send them.
const s3 = mockClient(S3Client);
afterEach(() => s3.reset());

const keys = () => createAwsPorts({ region: "ap-northeast-1", profile: undefined, sesMinIntervalMs: 0 }).keys;
const key = generateTestKey();
const pem = new PrivateKeyPem(key.pem);
const objectKey = "dkim/goo.ne.jp/gooid-21-pro-20251017-1.pem";
const selectorTags = { "byodkim:selector": "gooid-21-pro-20251017-1", "byodkim:created": "2025-10-17T00:00:00Z" };

/** Everything an error could show an operator or a log: its sentence, hint, detail, message and stack. */
const everythingIn = (error: ByodkimError) =>
  `${JSON.stringify(error.what)} ${JSON.stringify(error.hint)} ${error.detail} ${error.message} ${error.stack} ${inspect(error)}`;

describe("putNewKey", () => {
  const sent = () => s3.commandCalls(PutObjectCommand).map((call) => call.args[0].input);

  it("writes the PEM only if no object is there, with SSE-S3 when no KMS key is configured, and the tags", async () => {
    s3.on(PutObjectCommand).resolves({ ETag: '"e1"', $metadata: { requestId: "r1" } });
    expect(await keys().putNewKey("bucket", objectKey, pem, { kmsKeyId: undefined, tags: selectorTags })).toEqual({ requestId: "r1", etag: '"e1"' });
    const [input] = sent();
    expect(input).toMatchObject({ Bucket: "bucket", Key: objectKey, Body: key.pem, IfNoneMatch: "*", ServerSideEncryption: "AES256" });
    expect(input).not.toHaveProperty("SSEKMSKeyId");
    expect(input?.Tagging).toBe("byodkim%3Aselector=gooid-21-pro-20251017-1&byodkim%3Acreated=2025-10-17T00%3A00%3A00Z");
    expect(Object.fromEntries(new URLSearchParams(input?.Tagging))).toEqual(selectorTags);
  });

  it("writes with SSE-KMS and the configured key when there is one", async () => {
    s3.on(PutObjectCommand).resolves({ ETag: '"e1"', $metadata: {} });
    const kmsKeyId = "arn:aws:kms:ap-northeast-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab";
    await keys().putNewKey("bucket", objectKey, pem, { kmsKeyId, tags: {} });
    expect(sent()[0]).toMatchObject({ ServerSideEncryption: "aws:kms", SSEKMSKeyId: kmsKeyId, IfNoneMatch: "*" });
  });

  it("percent-encodes a space in a tag as %20, which every URL decoder reads as a space (a + is a space only to form decoders)", async () => {
    s3.on(PutObjectCommand).resolves({ $metadata: {} });
    await keys().putNewKey("bucket", objectKey, pem, { kmsKeyId: undefined, tags: { note: "a b+c" } });
    expect(sent()[0]?.Tagging).toBe("note=a%20b%2Bc");
  });

  it("gives the write the mutating call's longer time limit", async () => {
    s3.on(PutObjectCommand).resolves({ $metadata: {} });
    await keys().putNewKey("bucket", objectKey, pem, { kmsKeyId: undefined, tags: {} });
    expect((s3.commandCalls(PutObjectCommand)[0]!.args as unknown[])[1]).toEqual({ requestTimeout: AWS_TIMEOUTS.mutateMs });
  });

  it.each([
    ["PreconditionFailed", 412],
    ["ConditionalRequestConflict", 409],
  ] as const)("answers null when a racing writer got there first (%s %i), and tries no overwrite", async (name, status) => {
    s3.on(PutObjectCommand).rejects(awsError(name, "client", status));
    expect(await keys().putNewKey("bucket", objectKey, pem, { kmsKeyId: undefined, tags: selectorTags })).toBeNull();
    expect(sent()).toHaveLength(1);
    expect(sent().every((input) => input.IfNoneMatch === "*")).toBe(true);
  });

  it("names s3:PutObject and the object on AccessDenied, in a sentence with no stack and no key", async () => {
    s3.on(PutObjectCommand).rejects(awsError("AccessDenied", "client", 403));
    const error = await failure(keys().putNewKey("bucket", objectKey, pem, { kmsKeyId: undefined, tags: selectorTags }));
    expect(error.what).toEqual({
      key: "aws.accessDenied",
      params: { service: "S3", action: "s3:PutObject", resource: `arn:aws:s3:::bucket/${objectKey}`, requestId: "req-test-1" },
    });
    expect(error.hint?.key).toBe("aws.accessDenied.hint");
    expect(JSON.stringify(error.what)).not.toMatch(/\n\s+at /);
    expect(expectNoCanary(everythingIn(error), key)).toEqual([]);
  });

  it("keeps the key out of the error even when the service echoes the request body in its message", async () => {
    // A proxy or an S3-compatible store that quotes what it refused: the PEM's 64-character lines are each too short to look like a key alone.
    s3.on(PutObjectCommand).rejects(Object.assign(awsError("InvalidRequest", "client", 400), { message: `Refused body: ${key.pem}` }));
    const error = await failure(keys().putNewKey("bucket", objectKey, pem, { kmsKeyId: undefined, tags: {} }));
    expect(error.what.key).toBe("aws.unexpected");
    expect(expectNoCanary(everythingIn(error), key)).toEqual([]);
    expect(error.detail).toContain("Refused body");
  });
});

describe("the key object's tags, head and deletion", () => {
  it("reads the tags as a record, and null when the object is gone", async () => {
    s3.on(GetObjectTaggingCommand, { Key: "a.pem" })
      .resolves({
        TagSet: [
          { Key: "byodkim:selector", Value: "s1" },
          { Key: "byodkim:status", Value: "retired" },
        ],
      })
      .on(GetObjectTaggingCommand, { Key: "gone.pem" })
      .rejects(awsError("NoSuchKey", "client", 404));
    expect(await keys().getKeyTags("bucket", "a.pem")).toEqual({ "byodkim:selector": "s1", "byodkim:status": "retired" });
    expect(await keys().getKeyTags("bucket", "gone.pem")).toBeNull();
  });

  it("replaces the tag set as a TagSet", async () => {
    s3.on(PutObjectTaggingCommand).resolves({ $metadata: { requestId: "r2" } });
    expect(await keys().putKeyTags("bucket", "a.pem", { "byodkim:selector": "s1", "byodkim:status": "retired" })).toEqual({ requestId: "r2" });
    expect(s3.commandCalls(PutObjectTaggingCommand)[0]?.args[0].input).toEqual({
      Bucket: "bucket",
      Key: "a.pem",
      Tagging: {
        TagSet: [
          { Key: "byodkim:selector", Value: "s1" },
          { Key: "byodkim:status", Value: "retired" },
        ],
      },
    });
  });

  it("names s3:PutObjectTagging when retiring is denied", async () => {
    s3.on(PutObjectTaggingCommand).rejects(awsError("AccessDenied", "client", 403));
    const error = await failure(keys().putKeyTags("bucket", "a.pem", { "byodkim:status": "retired" }));
    expect(error.what.params).toMatchObject({ action: "s3:PutObjectTagging", resource: "arn:aws:s3:::bucket/a.pem" });
  });

  it("deletes the object", async () => {
    s3.on(DeleteObjectCommand).resolves({ $metadata: { requestId: "r3" } });
    expect(await keys().deleteKey("bucket", "a.pem")).toEqual({ requestId: "r3" });
    expect(s3.commandCalls(DeleteObjectCommand)[0]?.args[0].input).toEqual({ Bucket: "bucket", Key: "a.pem" });
  });

  it("deletes only the version it names, with If-Match, when given its ETag", async () => {
    s3.on(DeleteObjectCommand).resolves({ $metadata: { requestId: "r4" } });
    expect(await keys().deleteKey("bucket", "a.pem", '"e1"')).toEqual({ requestId: "r4" });
    expect(s3.commandCalls(DeleteObjectCommand)[0]?.args[0].input).toEqual({ Bucket: "bucket", Key: "a.pem", IfMatch: '"e1"' });
  });

  it("describes the object's encryption without reading its body, and null on 404", async () => {
    s3.on(HeadObjectCommand, { Key: "a.pem" })
      .resolves({
        ETag: '"e1"',
        ServerSideEncryption: "aws:kms",
        SSEKMSKeyId: "arn:aws:kms:ap-northeast-1:1:key/k",
        LastModified: new Date("2025-10-17T01:02:03Z"),
      })
      // HEAD has no body, so the SDK can only name a missing object NotFound from its 404.
      .on(HeadObjectCommand, { Key: "gone.pem" })
      .rejects(awsError("NotFound", "client", 404));
    expect(await keys().describeKeyObject("bucket", "a.pem")).toEqual({
      etag: '"e1"',
      serverSideEncryption: "aws:kms",
      kmsKeyId: "arn:aws:kms:ap-northeast-1:1:key/k",
      lastModified: "2025-10-17T01:02:03.000Z",
    });
    expect(await keys().describeKeyObject("bucket", "gone.pem")).toBeNull();
  });
});
