import {
  DeleteObjectCommand,
  GetObjectCommand,
  GetObjectTaggingCommand,
  HeadObjectCommand,
  ListObjectsV2Command,
  PutObjectCommand,
  PutObjectTaggingCommand,
  S3Client,
} from "@aws-sdk/client-s3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SANDBOX_DEFAULTS } from "../../src/sandbox/scenarios.js";
import { startSandbox, type Sandbox } from "../../src/sandbox/start.js";

// The S3 calls keygen, rotate and retire make, over real HTTP with the real SDK client.
let box: Sandbox;
let s3: S3Client;
const Bucket = SANDBOX_DEFAULTS.bucket;
const seededKey = `dkim/${SANDBOX_DEFAULTS.domain}/${SANDBOX_DEFAULTS.selector}.pem`;
const kmsKeyArn = "arn:aws:kms:ap-northeast-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab";

beforeAll(async () => {
  box = await startSandbox({ scenario: "good" });
  s3 = new S3Client({
    endpoint: box.endpoint,
    region: box.world.region,
    credentials: { accessKeyId: "AKIASANDBOX", secretAccessKey: "sandbox" },
    forcePathStyle: true,
    maxAttempts: 1,
  });
});
afterAll(() => box.stop());

const operations = () => box.world.log.filter((entry) => entry.service === "s3").map((entry) => `${entry.operation}:${entry.status}`);

describe("the sandbox's S3 keeps each object's encryption and tags as S3 does", () => {
  it("records SSE-S3 and the x-amz-tagging tags of a conditional PutObject, and answers HeadObject and GetObject with them", async () => {
    const Key = "dkim/goo.ne.jp/sse-s3.pem";
    const put = await s3.send(
      new PutObjectCommand({ Bucket, Key, Body: "pem-1", IfNoneMatch: "*", ServerSideEncryption: "AES256", Tagging: "byodkim%3Aselector=s%201&b=2" }),
    );
    expect(put).toMatchObject({ ServerSideEncryption: "AES256", ETag: expect.stringMatching(/^".+"$/) });
    const head = await s3.send(new HeadObjectCommand({ Bucket, Key }));
    expect(head).toMatchObject({ ServerSideEncryption: "AES256", ContentLength: 5, ETag: put.ETag });
    expect(head.SSEKMSKeyId).toBeUndefined();
    expect(head.LastModified).toBeInstanceOf(Date);
    const got = await s3.send(new GetObjectCommand({ Bucket, Key }));
    expect(got).toMatchObject({ ServerSideEncryption: "AES256", ETag: put.ETag, TagCount: 2 });
    expect(await got.Body?.transformToString()).toBe("pem-1");
    expect((await s3.send(new GetObjectTaggingCommand({ Bucket, Key }))).TagSet).toEqual([
      { Key: "byodkim:selector", Value: "s 1" },
      { Key: "b", Value: "2" },
    ]);
  });

  it("dates an object by its recorded Last-Modified in HeadObject, GetObject and ListObjectsV2, as a seeded old key is dated", async () => {
    const Key = "dkim/goo.ne.jp/dated.pem";
    // HTTP dates carry whole seconds.
    const written = new Date(Math.floor((Date.now() - 5 * 86_400_000) / 1000) * 1000);
    box.world.buckets.get(Bucket)!.set(Key, Buffer.from("pem-dated"));
    box.world.objectMeta.set(`${Bucket}/${Key}`, { tags: {}, lastModified: written });
    expect((await s3.send(new HeadObjectCommand({ Bucket, Key }))).LastModified).toEqual(written);
    expect((await s3.send(new GetObjectCommand({ Bucket, Key }))).LastModified).toEqual(written);
    const listed = await s3.send(new ListObjectsV2Command({ Bucket, Prefix: Key }));
    expect(listed.Contents).toEqual([expect.objectContaining({ Key, LastModified: written, Size: 9, ETag: expect.stringMatching(/^".+"$/) })]);
  });

  it("records SSE-KMS with the key id, and reports aws:kms with it", async () => {
    const Key = "dkim/goo.ne.jp/sse-kms.pem";
    const put = await s3.send(new PutObjectCommand({ Bucket, Key, Body: "pem-2", ServerSideEncryption: "aws:kms", SSEKMSKeyId: kmsKeyArn }));
    expect(put).toMatchObject({ ServerSideEncryption: "aws:kms", SSEKMSKeyId: kmsKeyArn });
    expect(await s3.send(new HeadObjectCommand({ Bucket, Key }))).toMatchObject({ ServerSideEncryption: "aws:kms", SSEKMSKeyId: kmsKeyArn });
  });

  it("refuses a KMS key id without aws:kms, and an unknown encryption, with InvalidArgument", async () => {
    await expect(
      s3.send(new PutObjectCommand({ Bucket, Key: "dkim/x.pem", Body: "x", ServerSideEncryption: "AES256", SSEKMSKeyId: kmsKeyArn })),
    ).rejects.toMatchObject({ name: "InvalidArgument", $metadata: { httpStatusCode: 400 } });
    await expect(s3.send(new PutObjectCommand({ Bucket, Key: "dkim/x.pem", Body: "x", ServerSideEncryption: "rot13" as never }))).rejects.toMatchObject({
      name: "InvalidArgument",
    });
    expect(box.world.buckets.get(Bucket)!.has("dkim/x.pem")).toBe(false);
  });

  it("keeps the first object and its tags when If-None-Match: * finds it there (412)", async () => {
    const Key = "dkim/goo.ne.jp/race.pem";
    await s3.send(new PutObjectCommand({ Bucket, Key, Body: "first", IfNoneMatch: "*", Tagging: "who=first" }));
    await expect(s3.send(new PutObjectCommand({ Bucket, Key, Body: "second", IfNoneMatch: "*", Tagging: "who=second" }))).rejects.toMatchObject({
      name: "PreconditionFailed",
      $metadata: { httpStatusCode: 412 },
    });
    expect(await (await s3.send(new GetObjectCommand({ Bucket, Key }))).Body?.transformToString()).toBe("first");
    expect((await s3.send(new GetObjectTaggingCommand({ Bucket, Key }))).TagSet).toEqual([{ Key: "who", Value: "first" }]);
  });

  it("reports a seeded object as SSE-S3 with no tags", async () => {
    expect((await s3.send(new HeadObjectCommand({ Bucket, Key: seededKey }))).ServerSideEncryption).toBe("AES256");
    expect((await s3.send(new GetObjectTaggingCommand({ Bucket, Key: seededKey }))).TagSet).toEqual([]);
  });

  it("replaces the tag set with PutObjectTagging and leaves the body and encryption alone", async () => {
    const Key = "dkim/goo.ne.jp/retire.pem";
    await s3.send(new PutObjectCommand({ Bucket, Key, Body: "pem-3", ServerSideEncryption: "aws:kms", SSEKMSKeyId: kmsKeyArn, Tagging: "a=1&b=2" }));
    await s3.send(
      new PutObjectTaggingCommand({
        Bucket,
        Key,
        Tagging: {
          TagSet: [
            { Key: "a", Value: "1" },
            { Key: "byodkim:status", Value: "retired <&>" },
          ],
        },
      }),
    );
    expect((await s3.send(new GetObjectTaggingCommand({ Bucket, Key }))).TagSet).toEqual([
      { Key: "a", Value: "1" },
      { Key: "byodkim:status", Value: "retired <&>" },
    ]);
    expect(await s3.send(new HeadObjectCommand({ Bucket, Key }))).toMatchObject({ ServerSideEncryption: "aws:kms", SSEKMSKeyId: kmsKeyArn, ContentLength: 5 });
  });

  it("refuses more than ten tags, as S3 does", async () => {
    const TagSet = Array.from({ length: 11 }, (_, i) => ({ Key: `k${i}`, Value: "v" }));
    await expect(s3.send(new PutObjectTaggingCommand({ Bucket, Key: seededKey, Tagging: { TagSet } }))).rejects.toMatchObject({ name: "BadRequest" });
  });

  it("answers HeadObject of a missing key 404 with no body, and the tagging calls NoSuchKey", async () => {
    await expect(s3.send(new HeadObjectCommand({ Bucket, Key: "dkim/none.pem" }))).rejects.toMatchObject({
      name: "NotFound",
      $metadata: { httpStatusCode: 404 },
    });
    const raw = await fetch(`${box.endpoint}/${Bucket}/dkim/none.pem`, {
      method: "HEAD",
      headers: { authorization: "AWS4-HMAC-SHA256 Credential=AKIASANDBOX/20250101/ap-northeast-1/s3/aws4_request" },
    });
    expect(raw.status).toBe(404);
    expect(await raw.text()).toBe("");
    await expect(s3.send(new GetObjectTaggingCommand({ Bucket, Key: "dkim/none.pem" }))).rejects.toMatchObject({ name: "NoSuchKey" });
    await expect(s3.send(new PutObjectTaggingCommand({ Bucket, Key: "dkim/none.pem", Tagging: { TagSet: [] } }))).rejects.toMatchObject({ name: "NoSuchKey" });
  });

  it("drops the tags with the object on DeleteObject", async () => {
    const Key = "dkim/goo.ne.jp/deleted.pem";
    await s3.send(new PutObjectCommand({ Bucket, Key, Body: "pem-4", Tagging: "a=1" }));
    await s3.send(new DeleteObjectCommand({ Bucket, Key }));
    expect(box.world.objectMeta.has(`${Bucket}/${Key}`)).toBe(false);
    await s3.send(new PutObjectCommand({ Bucket, Key, Body: "pem-5" }));
    expect((await s3.send(new GetObjectTaggingCommand({ Bucket, Key }))).TagSet).toEqual([]);
  });

  it("shows each object's encryption and tags at /_sandbox/state, never its body", async () => {
    const state = (await (await fetch(`${box.endpoint}/_sandbox/state`)).json()) as { objects: Record<string, unknown>[] };
    expect(state.objects).toEqual(
      expect.arrayContaining([
        { uri: `s3://${Bucket}/${seededKey}`, size: expect.any(Number), serverSideEncryption: "AES256", kmsKeyId: null, tags: {} },
        {
          uri: `s3://${Bucket}/dkim/goo.ne.jp/retire.pem`,
          size: 5,
          serverSideEncryption: "aws:kms",
          kmsKeyId: kmsKeyArn,
          tags: { a: "1", "byodkim:status": "retired <&>" },
        },
      ]),
    );
    expect(JSON.stringify(state)).not.toContain("pem-3");
  });

  it("logs HeadObject, GetObjectTagging and PutObjectTagging by name, so faults can be keyed on them", async () => {
    expect(operations()).toEqual(
      expect.arrayContaining(["HeadObject:200", "HeadObject:404", "GetObjectTagging:200", "PutObjectTagging:200", "GetObjectTagging:404"]),
    );
    box.world.faults.set("PutObjectTagging", { kind: "access-denied", remaining: 1 });
    await expect(s3.send(new PutObjectTaggingCommand({ Bucket, Key: seededKey, Tagging: { TagSet: [] } }))).rejects.toMatchObject({ name: "AccessDenied" });
    box.world.faults.set("HeadObject", { kind: "server-error", remaining: 1 });
    await expect(s3.send(new HeadObjectCommand({ Bucket, Key: seededKey }))).rejects.toMatchObject({ $metadata: { httpStatusCode: 500 } });
    expect(await s3.send(new HeadObjectCommand({ Bucket, Key: seededKey }))).toMatchObject({ ServerSideEncryption: "AES256" });
  });
});
