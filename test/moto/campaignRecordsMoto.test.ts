import { CreateBucketCommand, PutObjectCommand, S3Client } from "@aws-sdk/client-s3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createCampaignStorePort } from "../../src/aws/campaignObjects.js";
import { lazy } from "../../src/aws/clients.js";
import { SANDBOX_DEFAULTS } from "../../src/sandbox/scenarios.js";
import { approvalKey, approvalsPrefix, planKey } from "../../src/state/campaignLocation.js";
import { motoAvailable, startMoto } from "../support/motoServer.js";

// Plans and approvals rest on S3's If-None-Match: * as the lock does. moto 5 is an S3 nobody here
// wrote: the same create-once checks the sandbox passes (test/sandbox/campaignRecords.test.ts) run
// against it, one request after another. (Simultaneous writers are not checked here: moto checks
// the condition and stores the object as two steps; see test/moto/lockObjectMoto.test.ts.)
const haveMoto = motoAvailable("the cross-check of plan and approval objects against moto's S3");

const { bucket, region, keyTemplate } = SANDBOX_DEFAULTS;
const keys = { bucket, key: keyTemplate };
const ID = "9f1d".repeat(16);
const ALICE = "aws:123456789012:assumed-role:mailops:alice";
const BOB = "aws:123456789012:user:bob";
const credentials = { accessKeyId: "testing", secretAccessKey: "testing" };

let moto: Awaited<ReturnType<typeof startMoto>> | undefined;
let s3: S3Client;

beforeAll(async () => {
  if (!haveMoto) return;
  moto = await startMoto();
  s3 = new S3Client({ endpoint: moto.endpoint, region, credentials, forcePathStyle: true, maxAttempts: 1 });
  await s3.send(new CreateBucketCommand({ Bucket: bucket, CreateBucketConfiguration: { LocationConstraint: region } }));
}, 60_000);

afterAll(() => moto?.stop());

const store = () => createCampaignStorePort(lazy(async () => s3));

describe.skipIf(!haveMoto)("plan and approval objects against moto's S3", () => {
  it("writes a plan once: the second write at its key answers null (moto's 412) and the first text stays", async () => {
    const at = planKey(keys, ID);
    const first = await store().writeNew(bucket, at, '{"plan":"first"}');
    expect(first?.etag).toMatch(/^".+"$/);
    expect(await store().writeNew(bucket, at, '{"plan":"second"}')).toBeNull();
    expect(await store().read(bucket, at)).toEqual({ text: '{"plan":"first"}', etag: first!.etag });
  });

  it("keeps one approval a person, lists a plan's approvals in key order, and reads a missing record as null", async () => {
    expect(await store().writeNew(bucket, approvalKey(keys, ID, BOB), '{"by":"bob"}')).not.toBeNull();
    expect(await store().writeNew(bucket, approvalKey(keys, ID, ALICE), '{"by":"alice"}')).not.toBeNull();
    expect(await store().writeNew(bucket, approvalKey(keys, ID, ALICE), '{"by":"alice again"}')).toBeNull();
    expect(await store().list(bucket, approvalsPrefix(keys, ID))).toEqual([approvalKey(keys, ID, ALICE), approvalKey(keys, ID, BOB)]);
    expect((await store().read(bucket, approvalKey(keys, ID, ALICE)))?.text).toBe('{"by":"alice"}');
    expect(await store().read(bucket, planKey(keys, "0".repeat(64)))).toBeNull();
  });

  it("answers a plain PutObject (no If-None-Match) by replacing the object: the write-once is the header's, so the adapter always sends it", async () => {
    const at = planKey(keys, "a".repeat(64));
    await store().writeNew(bucket, at, "first");
    await s3.send(new PutObjectCommand({ Bucket: bucket, Key: at, Body: "replaced" }));
    expect((await store().read(bucket, at))?.text).toBe("replaced");
  });
});
