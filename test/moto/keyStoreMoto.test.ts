import { CreateBucketCommand, GetObjectCommand, HeadObjectCommand, S3Client } from "@aws-sdk/client-s3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { lazy } from "../../src/aws/clients.js";
import { createKeyStorePort } from "../../src/aws/s3.js";
import type { KeyStorePort } from "../../src/aws/types.js";
import { privateKeyObjectKey } from "../../src/config/config.js";
import { PrivateKeyPem } from "../../src/dkim/privateKeyMaterial.js";
import { SANDBOX_DEFAULTS } from "../../src/sandbox/scenarios.js";
import { startSandbox, type Sandbox } from "../../src/sandbox/start.js";
import { generateTestKey } from "../support/keys.js";
import { motoAvailable, startMoto } from "../support/motoServer.js";

// The key store's writes (keygen's conditional put with SSE and tags, retire's tags and delete)
// through byodkim's own adapter against moto, an S3 nobody here wrote. moto 5.2 honours
// If-None-Match: * with 412, records and reports SSE-S3 and SSE-KMS, and decodes x-amz-tagging.
// Its S3 does not check that an SSE-KMS key exists (a made-up key ARN is accepted and echoed back),
// so the test makes a real key in moto's KMS first, as an operator's kms key would be; AWS would
// refuse a missing or unusable key with KMS.NotFoundException / AccessDenied. The same checks run
// against the sandbox, so its answers are held to moto's.
const haveMoto = motoAvailable("the cross-check of the S3 key store's writes against moto");

const { bucket, region, keyTemplate, domain, rotationSelector } = SANDBOX_DEFAULTS;
const credentials = { accessKeyId: "testing", secretAccessKey: "testing" };

let moto: Awaited<ReturnType<typeof startMoto>> | undefined;
let sandbox: Sandbox;
interface Target {
  readonly s3: S3Client;
  readonly keys: KeyStorePort;
  readonly kmsKeyArn: string;
}
const targets: Record<string, Target> = {};

function targetAt(endpoint: string, kmsKeyArn: string): Target {
  const config = { endpoint, region, credentials, forcePathStyle: true, maxAttempts: 1 };
  return { s3: new S3Client(config), keys: createKeyStorePort(lazy(async () => new S3Client(config))), kmsKeyArn };
}

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
  sandbox = await startSandbox({ scenario: "good" });
  // The sandbox has no KMS: like moto's S3, it records the key id it is given.
  targets["the sandbox"] = targetAt(sandbox.endpoint, `arn:aws:kms:${region}:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab`);
  if (!haveMoto) return;
  moto = await startMoto();
  const target = targetAt(moto.endpoint, await createKmsKey(moto.endpoint));
  await target.s3.send(new CreateBucketCommand({ Bucket: bucket, CreateBucketConfiguration: { LocationConstraint: region } }));
  targets["moto"] = target;
}, 60_000);

afterAll(async () => {
  moto?.stop();
  await sandbox?.stop();
});

const objectKeyFor = (selector: string) => privateKeyObjectKey(keyTemplate, domain, selector);

describe.each([
  ["moto", haveMoto],
  ["the sandbox", true],
] as const)("the S3 key store's writes against %s", (name, available) => {
  const target = () => targets[name]!;
  const bodyOf = async (key: string) => (await target().s3.send(new GetObjectCommand({ Bucket: bucket, Key: key }))).Body?.transformToString();
  it.runIf(available)("writes a new key with SSE-S3 and its tags; HeadObject and describeKeyObject say AES256", async () => {
    const key = generateTestKey();
    const at = objectKeyFor("gooid-21-pro-20251001-1");
    const tags = { "byodkim:selector": "gooid-21-pro-20251001-1", note: "a b+c" };
    const written = await target().keys.putNewKey(bucket, at, new PrivateKeyPem(key.pem), { kmsKeyId: undefined, tags });
    expect(written?.etag).toMatch(/^".+"$/);
    expect((await target().s3.send(new HeadObjectCommand({ Bucket: bucket, Key: at }))).ServerSideEncryption).toBe("AES256");
    expect(await target().keys.describeKeyObject(bucket, at)).toMatchObject({ etag: written!.etag, serverSideEncryption: "AES256", kmsKeyId: undefined });
    // The %20 and %2B of the tagging header come back as a space and a plus.
    expect(await target().keys.getKeyTags(bucket, at)).toEqual(tags);
    expect(await bodyOf(at)).toBe(key.pem);
  });

  it.runIf(available)("writes with SSE-KMS and the configured key; HeadObject says aws:kms with it", async () => {
    const at = objectKeyFor(rotationSelector);
    await target().keys.putNewKey(bucket, at, new PrivateKeyPem(generateTestKey().pem), {
      kmsKeyId: target().kmsKeyArn,
      tags: { "byodkim:selector": rotationSelector },
    });
    expect(await target().s3.send(new HeadObjectCommand({ Bucket: bucket, Key: at }))).toMatchObject({
      ServerSideEncryption: "aws:kms",
      SSEKMSKeyId: target().kmsKeyArn,
    });
    expect(await target().keys.describeKeyObject(bucket, at)).toMatchObject({ serverSideEncryption: "aws:kms", kmsKeyId: target().kmsKeyArn });
  });

  it.runIf(available)("answers null to a second putNewKey at the same key, and the first body and tags stay", async () => {
    const first = generateTestKey();
    const at = objectKeyFor("gooid-21-pro-20251002-1");
    await target().keys.putNewKey(bucket, at, new PrivateKeyPem(first.pem), { kmsKeyId: undefined, tags: { who: "first" } });
    expect(
      await target().keys.putNewKey(bucket, at, new PrivateKeyPem(generateTestKey().pem), { kmsKeyId: target().kmsKeyArn, tags: { who: "second" } }),
    ).toBeNull();
    expect(await bodyOf(at)).toBe(first.pem);
    expect(await target().keys.getKeyTags(bucket, at)).toEqual({ who: "first" });
    expect((await target().keys.describeKeyObject(bucket, at))?.serverSideEncryption).toBe("AES256");
  });

  it.runIf(available)("replaces the tag set with putKeyTags (no merge), then deleteKey removes the object", async () => {
    const at = objectKeyFor("gooid-21-pro-20251003-1");
    await target().keys.putNewKey(bucket, at, new PrivateKeyPem(generateTestKey().pem), { kmsKeyId: undefined, tags: { "byodkim:selector": "s", keep: "no" } });
    await target().keys.putKeyTags(bucket, at, { "byodkim:selector": "s", "byodkim:status": "retired" });
    expect(await target().keys.getKeyTags(bucket, at)).toEqual({ "byodkim:selector": "s", "byodkim:status": "retired" });
    await target().keys.deleteKey(bucket, at);
    expect(await target().keys.describeKeyObject(bucket, at)).toBeNull();
    expect(await target().keys.getKeyTags(bucket, at)).toBeNull();
    expect(await target().keys.fetchPrivateKeyPem(bucket, at)).toBeNull();
    expect(await target().keys.listKeys(bucket, `dkim/${domain}/`)).not.toContain(at);
  });
});
