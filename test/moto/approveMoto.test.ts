import { writeFileSync } from "node:fs";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { CreateAccessKeyCommand, CreateUserCommand, IAMClient } from "@aws-sdk/client-iam";
import { CreateBucketCommand, ListObjectsV2Command, S3Client } from "@aws-sdk/client-s3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sealPlan } from "../../src/campaign/planSeal.js";
import { SANDBOX_DEFAULTS } from "../../src/sandbox/scenarios.js";
import { approvalsPrefix, planKey } from "../../src/state/campaignLocation.js";
import { fixturePlan } from "../campaign/planFixture.js";
import { motoAvailable, startMoto } from "../support/motoServer.js";
import { spawnCli } from "../support/spawnCli.js";

// Two IAM users with their own access keys are two people to moto's STS (GetCallerIdentity answers
// user/<name>), an STS and S3 nobody here wrote: approve refuses the planner and takes the other.
const haveMoto = motoAvailable("approve with two IAM users as planner and approver against moto's STS and S3");

const { bucket, region, keyTemplate } = SANDBOX_DEFAULTS;
const keys = { bucket, key: keyTemplate };
const root = { accessKeyId: "testing", secretAccessKey: "testing" };

let moto: Awaited<ReturnType<typeof startMoto>> | undefined;
let s3: S3Client;
let configPath: string;
const users = new Map<string, { arn: string; accessKeyId: string; secretAccessKey: string }>();

beforeAll(async () => {
  if (!haveMoto) return;
  moto = await startMoto();
  s3 = new S3Client({ endpoint: moto.endpoint, region, credentials: root, forcePathStyle: true, maxAttempts: 1 });
  await s3.send(new CreateBucketCommand({ Bucket: bucket, CreateBucketConfiguration: { LocationConstraint: region } }));
  const iam = new IAMClient({ endpoint: moto.endpoint, region, credentials: root, maxAttempts: 1 });
  for (const name of ["alice", "bob"]) {
    const user = await iam.send(new CreateUserCommand({ UserName: name }));
    const key = await iam.send(new CreateAccessKeyCommand({ UserName: name }));
    users.set(name, { arn: user.User!.Arn!, accessKeyId: key.AccessKey!.AccessKeyId!, secretAccessKey: key.AccessKey!.SecretAccessKey! });
  }
  const folder = mkdtempSync(join(tmpdir(), "byodkim-approve-moto-"));
  configPath = join(folder, "byodkim.config.yaml");
  writeFileSync(
    configPath,
    [
      "domain: goo.ne.jp",
      `region: ${region}`,
      'accountId: "123456789012"',
      "selectorPrefix: gooid-21-pro",
      `keys: { bucket: ${bucket}, key: "${keyTemplate}" }`,
      "state: { secretId: aws-ses-migration/prod/dkim-config }",
      "approvals: { required: 1 }",
      "",
    ].join("\n"),
  );
}, 60_000);

afterAll(() => moto?.stop());

/** A plan planned by alice, stored where approve reads it (as plan would store it). */
async function storedPlan(): Promise<string> {
  const { PutObjectCommand } = await import("@aws-sdk/client-s3");
  const now = new Date();
  const { id, bytes } = sealPlan(fixturePlan({ plannedBy: users.get("alice")!.arn, now, ttlHours: 72 }));
  await s3.send(new PutObjectCommand({ Bucket: bucket, Key: planKey(keys, id), Body: bytes }));
  return id;
}

async function approveAs(name: string, id: string) {
  const user = users.get(name)!;
  const result = await spawnCli(["approve", id, "--yes", "--json", "--config", configPath], {
    env: {
      AWS_ACCESS_KEY_ID: user.accessKeyId,
      AWS_SECRET_ACCESS_KEY: user.secretAccessKey,
      AWS_REGION: region,
      AWS_ENDPOINT_URL_S3: moto!.endpoint,
      AWS_ENDPOINT_URL_STS: moto!.endpoint,
      AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: "true",
      BYODKIM_JOURNAL_DIR: mkdtempSync(join(tmpdir(), "byodkim-journal-")),
    },
  });
  return { code: result.code, stderr: result.stderr, document: JSON.parse(result.stdout) as Record<string, unknown> };
}

const approvalObjects = async (id: string) =>
  ((await s3.send(new ListObjectsV2Command({ Bucket: bucket, Prefix: approvalsPrefix(keys, id) }))).Contents ?? []).map((object) => object.Key);

describe.skipIf(!haveMoto)("approve against moto's STS and S3, with two IAM users", () => {
  it("refuses the planner's own approval (exit 1, nothing written) and stores another user's, once", async () => {
    const id = await storedPlan();
    expect(users.get("alice")!.arn).toBe("arn:aws:iam::123456789012:user/alice");

    const self = await approveAs("alice", id);
    expect(self.code, self.stderr).toBe(1);
    expect(self.document).toMatchObject({ outcome: "refused", approval: null });
    expect(await approvalObjects(id)).toEqual([]);

    const other = await approveAs("bob", id);
    expect(other.code, other.stderr).toBe(0);
    expect(other.document).toMatchObject({ outcome: "approved", approval: { by: "arn:aws:iam::123456789012:user/bob" }, approvals: { count: 1, required: 1 } });
    expect(await approvalObjects(id)).toEqual([`${approvalsPrefix(keys, id)}aws%3A123456789012%3Auser%3Abob.json`]);

    const twice = await approveAs("bob", id);
    expect(twice.code).toBe(1);
    expect(twice.document).toMatchObject({ outcome: "refused" });
    expect(await approvalObjects(id)).toHaveLength(1);
  });
});
