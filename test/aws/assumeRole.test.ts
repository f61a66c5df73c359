import { AssumeRoleCommand, STSClient } from "@aws-sdk/client-sts";
import { mockClient } from "aws-sdk-client-mock";
import { beforeEach, describe, expect, it } from "vitest";
import { ASSUMED_ROLE_SECONDS, assumedRoleCredentials, REFRESH_BEFORE_EXPIRY_MS, roleSessionName } from "../../src/aws/assumeRole.js";
import { ByodkimError } from "../../src/errors.js";
import { createTranslator } from "../../src/messages/catalogue.js";
import type { Msg } from "../../src/messages/msg.js";

const translators = { en: createTranslator("en"), ja: createTranslator("ja") };
const renderMsg = (message: Msg, lang: "en" | "ja") => translators[lang](message);

const sts = mockClient(STSClient);
const role = { account: "111111111111", roleArn: "arn:aws:iam::111111111111:role/byodkim-target", externalId: "ext-1234" };

function answer(keyId: string, expiresAt: number) {
  return { Credentials: { AccessKeyId: keyId, SecretAccessKey: "s", SessionToken: "t", Expiration: new Date(expiresAt) } };
}

describe("assumedRoleCredentials", () => {
  let clock = 0;
  const deps = () => ({ sts: async () => new STSClient({ region: "ap-northeast-1" }), sessionName: async () => "byodkim-alice", now: () => clock });
  beforeEach(() => {
    sts.reset();
    clock = Date.parse("2026-12-04T00:00:00Z");
  });

  it("assumes the role with the external id and the operator's session name, once for the run", async () => {
    sts.on(AssumeRoleCommand).resolvesOnce(answer("ASIA1", clock + 3_600_000));
    const credentials = assumedRoleCredentials(role, deps());
    const [first, second] = await Promise.all([credentials(), credentials()]);
    expect(first.accessKeyId).toBe("ASIA1");
    expect(second.accessKeyId).toBe("ASIA1");
    expect(first.sessionToken).toBe("t");
    const calls = sts.commandCalls(AssumeRoleCommand);
    expect(calls).toHaveLength(1);
    expect(calls[0]!.args[0].input).toEqual({
      RoleArn: role.roleArn,
      RoleSessionName: "byodkim-alice",
      ExternalId: "ext-1234",
      DurationSeconds: ASSUMED_ROLE_SECONDS,
    });
  });

  it("sends no external id when the account has none", async () => {
    sts.on(AssumeRoleCommand).resolves(answer("ASIA1", clock + 3_600_000));
    await assumedRoleCredentials({ account: role.account, roleArn: role.roleArn }, deps())();
    expect(sts.commandCalls(AssumeRoleCommand)[0]!.args[0].input).not.toHaveProperty("ExternalId");
  });

  it("assumes the role again shortly before the credentials expire, not before", async () => {
    sts
      .on(AssumeRoleCommand)
      .resolvesOnce(answer("ASIA1", clock + 3_600_000))
      .resolvesOnce(answer("ASIA2", clock + 7_200_000));
    const credentials = assumedRoleCredentials(role, deps());
    expect((await credentials()).accessKeyId).toBe("ASIA1");
    clock += 3_600_000 - REFRESH_BEFORE_EXPIRY_MS - 1_000;
    expect((await credentials()).accessKeyId).toBe("ASIA1");
    clock += 2_000;
    expect((await credentials()).accessKeyId).toBe("ASIA2");
    expect(sts.commandCalls(AssumeRoleCommand)).toHaveLength(2);
  });

  it("reads the expiry a service stamps on a calendar ahead of this machine's (a rehearsal's) back onto this machine's clock", async () => {
    const tenDays = 10 * 86_400_000;
    sts
      .on(AssumeRoleCommand)
      .resolvesOnce(answer("ASIA1", clock + tenDays + 3_600_000))
      .resolvesOnce(answer("ASIA2", clock + tenDays + 7_200_000));
    const credentials = assumedRoleCredentials(role, { ...deps(), serviceAheadMs: tenDays });
    const first = await credentials();
    expect(first.expiration?.getTime()).toBe(clock + 3_600_000);
    clock += 3_600_000 - REFRESH_BEFORE_EXPIRY_MS + 1_000;
    expect((await credentials()).accessKeyId).toBe("ASIA2");
  });

  it("names the role and account when AWS refuses, and tries again on the next call", async () => {
    const denied = Object.assign(new Error("User: arn:aws:sts::123456789012:assumed-role/ops/alice is not authorized to perform: sts:AssumeRole"), {
      name: "AccessDenied",
      $metadata: { httpStatusCode: 403, requestId: "req-1" },
    });
    sts
      .on(AssumeRoleCommand)
      .rejectsOnce(denied)
      .resolvesOnce(answer("ASIA3", clock + 3_600_000));
    const credentials = assumedRoleCredentials(role, deps());
    const error = await credentials().catch((err: unknown) => err);
    expect(error).toBeInstanceOf(ByodkimError);
    const text = renderMsg((error as ByodkimError).what, "en");
    expect(text).toContain(role.roleArn);
    expect(text).toContain("111111111111");
    expect(text).toContain("req-1");
    expect(renderMsg((error as ByodkimError).hint!, "en")).toContain("iam-policy --for target --account 111111111111");
    expect(renderMsg((error as ByodkimError).what, "ja")).toContain(role.roleArn);
    expect((await credentials()).accessKeyId).toBe("ASIA3");
  });

  it("leaves other failures as they are translated (expired operator credentials)", async () => {
    sts.on(AssumeRoleCommand).rejects(Object.assign(new Error("The security token included in the request is expired"), { name: "ExpiredToken" }));
    const error = (await assumedRoleCredentials(role, deps())().catch((err: unknown) => err)) as ByodkimError;
    expect(error.what.key).toBe("aws.expiredCredentials");
  });
});

describe("roleSessionName", () => {
  it.each([
    ["arn:aws:sts::123456789012:assumed-role/AWSReservedSSO_Admin_0123/alice@example.jp", "byodkim-alice@example.jp"],
    ["arn:aws:iam::123456789012:user/ops/bob", "byodkim-bob"],
    ["arn:aws:iam::123456789012:root", "byodkim-root"],
    ["arn:aws:sts::123456789012:assumed-role/r/名前 with space", "byodkim----with-space"],
    [`arn:aws:sts::123456789012:assumed-role/r/${"x".repeat(80)}`, `byodkim-${"x".repeat(56)}`],
  ])("%s → %s", (arn, name) => {
    expect(roleSessionName(arn)).toBe(name);
    expect(name).toMatch(/^[\w+=,.@-]{2,64}$/);
  });
});
