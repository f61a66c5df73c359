import { CreateBucketCommand, PutObjectCommand, S3Client } from "@aws-sdk/client-s3";
import { CreateEmailIdentityCommand, SESv2Client } from "@aws-sdk/client-sesv2";
import { GetCallerIdentityCommand, STSClient } from "@aws-sdk/client-sts";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { createAwsPorts } from "../../src/aws/clients.js";
import { memberAccountWiring } from "../../src/cli/compositionRoot.js";
import { silentEvents } from "../../src/engine/events.js";
import { fetchFact } from "../../src/gates/fetched.js";
import { checkIdentity } from "../../src/gates/identityGate.js";
import { motoAvailable, startMoto } from "../support/motoServer.js";

// moto keeps each account's resources apart and answers an assumed role's credentials as the role's
// account: an STS, SES and S3 nobody here wrote, for the credentials byodkim assumes and the account gate.
const haveMoto = motoAvailable("member accounts reached through AssumeRole against moto's STS, SESv2 and S3");

const region = "ap-northeast-1";
const operations = "123456789012";
const member = { id: "111111111111", roleArn: "arn:aws:iam::111111111111:role/byodkim-target", externalId: "byodkim-moto-external" };
const bucket = "byodkim-central-keys";
const root = { accessKeyId: "testing", secretAccessKey: "testing" };
let moto: Awaited<ReturnType<typeof startMoto>> | undefined;

beforeAll(async () => {
  if (!haveMoto) return;
  moto = await startMoto();
  const s3 = new S3Client({ endpoint: moto.endpoint, region, credentials: root, forcePathStyle: true, maxAttempts: 1 });
  await s3.send(new CreateBucketCommand({ Bucket: bucket, CreateBucketConfiguration: { LocationConstraint: region } }));
  await s3.send(new PutObjectCommand({ Bucket: bucket, Key: "dkim/shop.goo.ne.jp/shop-2026-12.pem", Body: "not a key: only its name is listed" }));
}, 60_000);

afterAll(() => moto?.stop());

beforeEach(() => {
  if (!moto) return;
  vi.stubEnv("AWS_ENDPOINT_URL", moto.endpoint);
  vi.stubEnv("AWS_ACCESS_KEY_ID", root.accessKeyId);
  vi.stubEnv("AWS_SECRET_ACCESS_KEY", root.secretAccessKey);
  vi.stubEnv("AWS_S3_FORCE_PATH_STYLE", "true");
  vi.stubEnv("AWS_PROFILE", "");
});
afterEach(() => vi.unstubAllEnvs());

function wiring(operationsAccount = operations) {
  const ops = createAwsPorts({ region, profile: undefined });
  const awsFor = memberAccountWiring({
    region,
    profile: undefined,
    pacing: "steady",
    awsIn: () => ops,
    operator: () => ops.sts.getCallerIdentity(),
    operationsAccount,
    events: silentEvents,
  });
  return { ops, awsFor };
}

describe.runIf(haveMoto)("a member account through AssumeRole (moto)", () => {
  it("answers as the member account, under a session named after the operator, and the identity gate checks that account", async () => {
    const { ops, awsFor } = wiring();
    const ports = awsFor(member, region);
    const caller = await fetchFact(() => ports.sts.getCallerIdentity());
    expect(caller.ok && caller.value.account).toBe(member.id);
    expect(caller.ok && caller.value.arn).toMatch(/^arn:aws:sts::111111111111:assumed-role\/byodkim-target\/byodkim-/);
    expect(checkIdentity({ caller, expectedAccountId: member.id, region }).status).toBe("pass");
    // The operations account's own credentials are not the member account: the gate refuses them for it.
    const own = await fetchFact(() => ops.sts.getCallerIdentity());
    expect(own.ok && own.value.account).toBe(operations);
    expect(checkIdentity({ caller: own, expectedAccountId: member.id, region }).status).toBe("fail");
  });

  it("sends SES calls to the member account and keeps the keys bucket central", async () => {
    const { ops, awsFor } = wiring();
    const ports = awsFor(member, region);
    // The member's identity, made with the role's own credentials, as a member account's admin would have.
    const stsForMember = new STSClient({ endpoint: moto!.endpoint, region, credentials: root });
    const { AssumeRoleCommand } = await import("@aws-sdk/client-sts");
    const assumed = await stsForMember.send(new AssumeRoleCommand({ RoleArn: member.roleArn, RoleSessionName: "admin" }));
    const memberCredentials = {
      accessKeyId: assumed.Credentials!.AccessKeyId!,
      secretAccessKey: assumed.Credentials!.SecretAccessKey!,
      sessionToken: assumed.Credentials!.SessionToken!,
    };
    expect((await new STSClient({ endpoint: moto!.endpoint, region, credentials: memberCredentials }).send(new GetCallerIdentityCommand({}))).Account).toBe(
      member.id,
    );
    await new SESv2Client({ endpoint: moto!.endpoint, region, credentials: memberCredentials }).send(
      new CreateEmailIdentityCommand({ EmailIdentity: "shop.goo.ne.jp" }),
    );

    // (moto's server answers ListEmailIdentities with a page of HTML: GetEmailIdentity tells the accounts apart.)
    expect(await ports.ses.getEmailIdentity("shop.goo.ne.jp")).not.toBeNull();
    expect(await ops.ses.getEmailIdentity("shop.goo.ne.jp")).toBeNull();
    // The keys port is the operations account's: the member account holds no bucket, and moto keeps buckets per account.
    expect(await ports.keys.listKeys(bucket, "dkim/shop.goo.ne.jp/")).toEqual(["dkim/shop.goo.ne.jp/shop-2026-12.pem"]);
  });

  it("fails the identity gate when the operator's own credentials are not the operations account's, before the role is assumed", async () => {
    const { awsFor } = wiring("999999999999");
    const caller = await fetchFact(() => awsFor(member, region).sts.getCallerIdentity());
    expect(caller.ok).toBe(false);
    expect(!caller.ok && caller.error.what).toMatchObject({ key: "account.operatorElsewhere", params: { account: operations, expected: "999999999999" } });
    const gate = checkIdentity({ caller, expectedAccountId: member.id, region });
    expect(gate.status).toBe("fail");
  });

  it("assumes the role once for every region of the account", async () => {
    const { awsFor } = wiring();
    const tokyo = awsFor(member, region);
    const osaka = awsFor(member, "ap-northeast-3");
    expect(awsFor(member, region)).toBe(tokyo);
    const [a, b] = await Promise.all([tokyo.sts.getCallerIdentity(), osaka.sts.getCallerIdentity()]);
    expect(a.arn).toBe(b.arn);
    expect(a.account).toBe(member.id);
  });
});
