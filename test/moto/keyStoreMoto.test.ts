import { CreateBucketCommand, GetObjectCommand, HeadObjectCommand, S3Client } from "@aws-sdk/client-s3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { lazy } from "../../src/aws/clients.js";
import { createKeyStorePort } from "../../src/aws/s3.js";
import type { KeyStorePort } from "../../src/aws/types.js";
import { privateKeyObjectKey } from "../../src/config/config.js";
import { PrivateKeyPem } from "../../src/dkim/privateKeyMaterial.js";
import { SANDBOX_DEFAULTS } from "../../src/sandbox/scenarios.js";
import { generateTestKey } from "../support/keys.js";
import { motoAvailable, startMoto } from "../support/motoServer.js";

// The key store's writes (keygen's conditional put with SSE and tags, retire's tags and delete)
// through byodkim's own adapter against moto, an S3 nobody here wrote. moto 5.2 honours
// If-None-Match: * with 412, records and reports SSE-S3 and SSE-KMS, and decodes x-amz-tagging.
// Its S3 does not check that an SSE-KMS key exists (a made-up key ARN is accepted and echoed back),
// so the test makes a real key in moto's KMS first, as an operator's kms key would be; AWS would
// refuse a missing or unusable key with KMS.NotFoundException / AccessDenied.
const haveMoto = motoAvailable("the cross-check of the S3 key store's writes against moto");

const { bucket, region, keyTemplate, domain, rotationSelector } = SANDBOX_DEFAULTS;
const credentials = { accessKeyId: "testing", secretAccessKey: "testing" };

let moto: Awaited<ReturnType<typeof startMoto>> | undefined;
let s3: S3Client;
let keys: KeyStorePort;
let kmsKeyArn = "";

/** One CreateKey in moto's KMS, in the JSON 1.1 protocol (moto does not check signatures; the project has no KMS client). */
async function createKmsKey(endpoint: string): Promise<string> {
  const response = await fetch(`${endpoint}/`, {
    method: "POST",
    headers: {
      "content-type": "application/x-amz-json-1.1",
      "x-amz-target": "TrentService.CreateKey",
      authorization: `AWS4-HMAC-SHA256 Credential=testing/20250101/${region}/kms/aws4_request, SignedHeaders=host, Signature=0`,
    },
    body: JSON.stringify({ Description: "byodkim key store test" }),
  });
  expect(response.status).toBe(200);
  return ((await response.json()) as { KeyMetadata: { Arn: string } }).KeyMetadata.Arn;
}

beforeAll(async () => {
  if (!haveMoto) return;
  moto = await startMoto();
  const config = { endpoint: moto.endpoint, region, credentials, forcePathStyle: true, maxAttempts: 1 };
  s3 = new S3Client(config);
  await s3.send(new CreateBucketCommand({ Bucket: bucket, CreateBucketConfiguration: { LocationConstraint: region } }));
  keys = createKeyStorePort(lazy(async () => new S3Client(config)));
  kmsKeyArn = await createKmsKey(moto.endpoint);
}, 60_000);

afterAll(() => moto?.stop());

const objectKeyFor = (selector: string) => privateKeyObjectKey(keyTemplate, domain, selector);
const bodyOf = async (key: string) => (await s3.send(new GetObjectCommand({ Bucket: bucket, Key: key }))).Body?.transformToString();

describe.runIf(haveMoto)("the S3 key store's writes against moto", () => {
  it("writes a new key with SSE-S3 and its tags; HeadObject and describeKeyObject say AES256", async () => {
    const key = generateTestKey();
    const at = objectKeyFor("gooid-21-pro-20251001-1");
    const tags = { "byodkim:selector": "gooid-21-pro-20251001-1", note: "a b+c" };
    const written = await keys.putNewKey(bucket, at, new PrivateKeyPem(key.pem), { kmsKeyId: undefined, tags });
    expect(written?.etag).toMatch(/^".+"$/);
    expect((await s3.send(new HeadObjectCommand({ Bucket: bucket, Key: at }))).ServerSideEncryption).toBe("AES256");
    expect(await keys.describeKeyObject(bucket, at)).toMatchObject({ etag: written!.etag, serverSideEncryption: "AES256", kmsKeyId: undefined });
    // The %20 and %2B of the tagging header come back as a space and a plus.
    expect(await keys.getKeyTags(bucket, at)).toEqual(tags);
    expect(await bodyOf(at)).toBe(key.pem);
  });

  it("writes with SSE-KMS and the configured key; HeadObject says aws:kms with it", async () => {
    const at = objectKeyFor(rotationSelector);
    await keys.putNewKey(bucket, at, new PrivateKeyPem(generateTestKey().pem), { kmsKeyId: kmsKeyArn, tags: { "byodkim:selector": rotationSelector } });
    expect(await s3.send(new HeadObjectCommand({ Bucket: bucket, Key: at }))).toMatchObject({ ServerSideEncryption: "aws:kms", SSEKMSKeyId: kmsKeyArn });
    expect(await keys.describeKeyObject(bucket, at)).toMatchObject({ serverSideEncryption: "aws:kms", kmsKeyId: kmsKeyArn });
  });

  it("answers null to a second putNewKey at the same key, and the first body and tags stay", async () => {
    const first = generateTestKey();
    const at = objectKeyFor("gooid-21-pro-20251002-1");
    await keys.putNewKey(bucket, at, new PrivateKeyPem(first.pem), { kmsKeyId: undefined, tags: { who: "first" } });
    expect(await keys.putNewKey(bucket, at, new PrivateKeyPem(generateTestKey().pem), { kmsKeyId: kmsKeyArn, tags: { who: "second" } })).toBeNull();
    expect(await bodyOf(at)).toBe(first.pem);
    expect(await keys.getKeyTags(bucket, at)).toEqual({ who: "first" });
    expect((await keys.describeKeyObject(bucket, at))?.serverSideEncryption).toBe("AES256");
  });

  it("replaces the tag set with putKeyTags (no merge), then deleteKey removes the object", async () => {
    const at = objectKeyFor("gooid-21-pro-20251003-1");
    await keys.putNewKey(bucket, at, new PrivateKeyPem(generateTestKey().pem), { kmsKeyId: undefined, tags: { "byodkim:selector": "s", keep: "no" } });
    await keys.putKeyTags(bucket, at, { "byodkim:selector": "s", "byodkim:status": "retired" });
    expect(await keys.getKeyTags(bucket, at)).toEqual({ "byodkim:selector": "s", "byodkim:status": "retired" });
    await keys.deleteKey(bucket, at);
    expect(await keys.describeKeyObject(bucket, at)).toBeNull();
    expect(await keys.getKeyTags(bucket, at)).toBeNull();
    expect(await keys.fetchPrivateKeyPem(bucket, at)).toBeNull();
    expect(await keys.listKeys(bucket, `dkim/${domain}/`)).not.toContain(at);
  });
});
