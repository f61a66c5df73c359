import { PutObjectCommand, S3Client } from "@aws-sdk/client-s3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createCampaignStorePort } from "../../src/aws/campaignObjects.js";
import { lazy } from "../../src/aws/clients.js";
import type { CampaignStorePort } from "../../src/aws/types.js";
import { validateConfig } from "../../src/config/loadConfig.js";
import { iamPolicy } from "../../src/permissions/iamPolicy.js";
import { SANDBOX_DEFAULTS, sandboxConfigDocument } from "../../src/sandbox/scenarios.js";
import { type Sandbox, startSandbox } from "../../src/sandbox/start.js";
import { approvalKey, approvalsPrefix, planKey } from "../../src/state/campaignLocation.js";
import { failure } from "../support/awsMocks.js";
import { fakeWorld } from "../support/fakeWorld.js";

// Plans and approvals are created once (If-None-Match: *): the first writer's bytes stay, a second
// writer at the same key gets null. The same checks against the command tests' fake world and the
// sandbox's S3 over HTTP, so the fake keeps the promise the adapter and S3 keep.
const { bucket, region, keyTemplate } = SANDBOX_DEFAULTS;
const keys = { bucket, key: keyTemplate };
const ID = "5e2c".repeat(16);
const ALICE = "aws:123456789012:assumed-role:mailops:alice";
const BOB = "aws:123456789012:assumed-role:mailops:bob";

let good: Sandbox;
let enforcing: Sandbox;
beforeAll(async () => {
  [good, enforcing] = await Promise.all([startSandbox({ scenario: "good" }), startSandbox({ scenario: "least-privilege" })]);
});
afterAll(async () => {
  await Promise.all([good?.stop(), enforcing?.stop()]);
});

/** byodkim's adapter against a sandbox, with its credentials; one attempt, so a 412 is the sandbox's answer and not a retry's. */
const clientOf = (box: Sandbox) =>
  new S3Client({
    endpoint: box.endpoint,
    region,
    credentials: { accessKeyId: box.env["AWS_ACCESS_KEY_ID"]!, secretAccessKey: box.env["AWS_SECRET_ACCESS_KEY"]! },
    forcePathStyle: true,
    maxAttempts: 1,
  });
const adapterAt = (box: Sandbox) => createCampaignStorePort(lazy(async () => clientOf(box)));

const stores: readonly [string, () => CampaignStorePort][] = [
  ["the fake world", () => fakeWorld().ctx.aws.campaigns!],
  ["the sandbox's S3", () => adapterAt(good)],
];

describe.each(stores)("campaign records in %s", (_name, storeOf) => {
  it("writes a plan once: the second write at its key answers null and the first text stays", async () => {
    const store = storeOf();
    const at = planKey(keys, ID);
    const first = await store.writeNew(bucket, at, '{"plan":"first"}');
    expect(first).toMatchObject({ etag: expect.stringMatching(/^".+"$/) });
    expect(await store.writeNew(bucket, at, '{"plan":"second"}')).toBeNull();
    expect(await store.read(bucket, at)).toEqual({ text: '{"plan":"first"}', etag: first!.etag });
  });

  it("keeps one approval a person, lists a plan's approvals, and reads a missing record as null", async () => {
    const store = storeOf();
    expect(await store.writeNew(bucket, approvalKey(keys, ID, ALICE), '{"by":"alice"}')).not.toBeNull();
    expect(await store.writeNew(bucket, approvalKey(keys, ID, BOB), '{"by":"bob"}')).not.toBeNull();
    expect(await store.writeNew(bucket, approvalKey(keys, ID, ALICE), '{"by":"alice again"}')).toBeNull();
    expect(await store.list(bucket, approvalsPrefix(keys, ID))).toEqual([approvalKey(keys, ID, ALICE), approvalKey(keys, ID, BOB)]);
    expect((await store.read(bucket, approvalKey(keys, ID, ALICE)))?.text).toBe('{"by":"alice"}');
    expect(await store.read(bucket, planKey(keys, "0".repeat(64)))).toBeNull();
    expect(await store.list(bucket, approvalsPrefix(keys, "0".repeat(64)))).toEqual([]);
  });
});

describe("campaign records under the operator policy iam-policy prints, enforced by the sandbox", () => {
  const denials = (from: number) => enforcing.world.log.slice(from).filter((entry) => /AccessDenied/.test(entry.error ?? ""));

  it("lets the adapter create, read and list plans and approvals, and read a missing one as 404 (null), with no AccessDenied", async () => {
    const store = adapterAt(enforcing);
    const from = enforcing.world.log.length;
    expect(await store.writeNew(bucket, planKey(keys, ID), "{}")).not.toBeNull();
    expect(await store.writeNew(bucket, planKey(keys, ID), "{}")).toBeNull();
    expect(await store.writeNew(bucket, approvalKey(keys, ID, ALICE), "{}")).not.toBeNull();
    expect((await store.read(bucket, planKey(keys, ID)))?.text).toBe("{}");
    expect(await store.list(bucket, approvalsPrefix(keys, ID))).toEqual([approvalKey(keys, ID, ALICE)]);
    expect(await store.read(bucket, approvalKey(keys, ID, BOB))).toBeNull();
    expect(denials(from)).toEqual([]);
  });

  it("refuses a write over a plan without If-None-Match, and any object beside the plans that is not a plan or an approval", async () => {
    const from = enforcing.world.log.length;
    const s3 = clientOf(enforcing);
    await expect(s3.send(new PutObjectCommand({ Bucket: bucket, Key: planKey(keys, ID), Body: "tampered" }))).rejects.toMatchObject({
      name: "AccessDenied",
      $metadata: { httpStatusCode: 403 },
    });
    const refused = await failure(adapterAt(enforcing).writeNew(bucket, "dkim/plans/latest.json", "{}"));
    expect(refused.what).toMatchObject({
      key: "aws.accessDenied",
      params: { action: "s3:PutObject", resource: `arn:aws:s3:::${bucket}/dkim/plans/latest.json` },
    });
    expect(enforcing.world.log.slice(from).map((entry) => `${entry.operation}:${entry.status}`)).toEqual(["PutObject:403", "PutObject:403"]);
    expect((await adapterAt(enforcing).read(bucket, planKey(keys, ID)))?.text).toBe("{}");
  });
});

describe("the fake world's campaign records, for the command tests", () => {
  it("fails the next write as a refused PutObject when told to, storing nothing, and lets the one after through", async () => {
    const world = fakeWorld();
    const store = world.ctx.aws.campaigns!;
    world.fail("PutObject");
    expect((await failure(store.writeNew(bucket, planKey(keys, ID), "{}"))).what.key).toBe("aws.accessDenied");
    expect(world.campaignRecords()).toEqual(new Map());
    expect(await store.writeNew(bucket, planKey(keys, ID), "{}")).not.toBeNull();
    expect(world.calls).toEqual(["PutObject", "PutObject"]);
  });

  it("holds what a person wrote over a plan by hand, with a new ETag, as a tampered plan", async () => {
    const world = fakeWorld();
    const store = world.ctx.aws.campaigns!;
    const first = await store.writeNew(world.ctx.config.keys.bucket, planKey(world.ctx.config.keys, ID), "sealed");
    world.setCampaignRecord(planKey(world.ctx.config.keys, ID), "tampered");
    const now = await store.read(world.ctx.config.keys.bucket, planKey(world.ctx.config.keys, ID));
    expect(now?.text).toBe("tampered");
    expect(now?.etag).not.toBe(first?.etag);
    expect(world.campaignRecords()).toEqual(new Map([[planKey(world.ctx.config.keys, ID), "tampered"]]));
  });
});

describe("campaign records under the approver policy (iam-policy --for approver), enforced by the sandbox", () => {
  let approving: Sandbox;
  beforeAll(async () => {
    const config = validateConfig(sandboxConfigDocument([]), "the sandbox's config");
    const { policy } = iamPolicy(config, { domain: undefined, audience: "approver", region, role: "MailOps" });
    approving = await startSandbox({ policy: JSON.parse(JSON.stringify(policy)) });
  });
  afterAll(() => approving?.stop());

  it("lets the second person add an approval and read the plan, and refuses them a plan of their own", async () => {
    const store = adapterAt(approving);
    expect(await store.writeNew(bucket, approvalKey(keys, ID, BOB), "{}")).not.toBeNull();
    expect(await store.read(bucket, planKey(keys, ID))).toBeNull();
    expect(await store.list(bucket, approvalsPrefix(keys, ID))).toEqual([approvalKey(keys, ID, BOB)]);
    const refused = await failure(store.writeNew(bucket, planKey(keys, ID), "{}"));
    expect(refused.what).toMatchObject({ key: "aws.accessDenied", params: { action: "s3:PutObject" } });
    expect(approving.world.log.filter((entry) => entry.service === "s3").map((entry) => `${entry.operation}:${entry.status}`)).toEqual([
      "PutObject:200",
      "GetObject:404",
      "ListObjectsV2:200",
      "PutObject:403",
    ]);
  });
});
