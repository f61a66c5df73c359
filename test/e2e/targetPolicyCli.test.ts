import { execFile, spawnSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { GetRoleCommand, GetRolePolicyCommand, IAMClient } from "@aws-sdk/client-iam";
import { AssumeRoleCommand, STSClient } from "@aws-sdk/client-sts";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { MEMBER_ACCOUNTS_YAML, OPERATIONS_ACCOUNT, WITH_EXTERNAL_ID, WITHOUT_EXTERNAL_ID } from "../support/memberAccountsConfig.js";
import { motoAvailable, startMoto } from "../support/motoServer.js";
import { spawnCli } from "../support/spawnCli.js";

const dir = mkdtempSync(join(tmpdir(), "byodkim-target-"));
const CONFIG = join(dir, "byodkim.config.yaml");
writeFileSync(CONFIG, MEMBER_ACCOUNTS_YAML);
const target = (...args: string[]) => spawnCli(["iam-policy", "--config", CONFIG, "--for", "target", ...args]);

interface Document {
  readonly Statement: readonly { readonly Sid: string; readonly Action: string | string[]; readonly Principal?: unknown; readonly Condition?: unknown }[];
}

describe("byodkim iam-policy --for target as a spawned process", () => {
  it("prints the permission policy alone on stdout, and on stderr what it covers and the two commands that make the role", async () => {
    const result = await target("--account", WITH_EXTERNAL_ID.id, "--role", "MailOps");
    expect(result.code, result.stderr).toBe(0);
    const policy = JSON.parse(result.stdout) as Document;
    expect(policy.Statement.flatMap((statement) => statement.Action)).not.toContain("s3:GetObject");
    expect(policy.Statement.map((statement) => statement.Sid)).toEqual(["SesDkim", "StatusIdentityListing", "SesDkim2", "SesDkim3", "PermissionPreflight"]);
    expect(result.stderr).toContain(`Permission policy for ${WITH_EXTERNAL_ID.roleArn}, the role byodkim assumes in member account ${WITH_EXTERNAL_ID.id}`);
    expect(result.stderr).toContain("SES on shop.example.jp (ap-northeast-1, us-east-1), news.example.jp (ap-northeast-1)");
    expect(result.stderr).toContain("aws iam create-role --role-name byodkim-target --assume-role-policy-document file://target-trust.json");
    expect(result.stderr).toContain("aws iam put-role-policy --role-name byodkim-target --policy-name byodkim-ses --policy-document file://target-policy.json");
    expect(result.stderr).not.toContain("! without --role");
  });

  it("prints the trust policy alone with --trust: the operators' role, with the account's external id", async () => {
    const result = await target("--account", WITH_EXTERNAL_ID.id, "--role", "MailOps", "--trust");
    expect(result.code, result.stderr).toBe(0);
    expect((JSON.parse(result.stdout) as Document).Statement).toEqual([
      {
        Sid: "ByodkimOperations",
        Effect: "Allow",
        Principal: { AWS: `arn:aws:iam::${OPERATIONS_ACCOUNT}:role/MailOps` },
        Action: "sts:AssumeRole",
        Condition: { StringEquals: { "sts:ExternalId": WITH_EXTERNAL_ID.externalId } },
      },
    ]);
    expect(result.stderr).toContain(`arn:aws:iam::${OPERATIONS_ACCOUNT}:role/MailOps may assume it with the external id the config gives`);
  });

  it("without --role trusts the operations account and warns who else may assume the role; a role with a path is created with --path", async () => {
    const result = await target("--account", WITHOUT_EXTERNAL_ID.id, "--trust");
    expect(result.code, result.stderr).toBe(0);
    expect((JSON.parse(result.stdout) as Document).Statement[0]).toMatchObject({ Principal: { AWS: `arn:aws:iam::${OPERATIONS_ACCOUNT}:root` } });
    expect((JSON.parse(result.stdout) as Document).Statement[0]?.Condition).toBeUndefined();
    expect(result.stderr).toContain(`! without --role the trust policy trusts account ${OPERATIONS_ACCOUNT} as a whole`);
    expect(result.stderr).toContain("aws iam create-role --role-name byodkim-target --path /mail/ --assume-role-policy-document");
  });

  it("gives both documents in one with --json", async () => {
    const result = await target("--account", WITHOUT_EXTERNAL_ID.id, "--json");
    expect(result.code, result.stderr).toBe(0);
    const json = JSON.parse(result.stdout);
    expect(json).toMatchObject({
      command: "iam-policy",
      for: "target",
      account: WITHOUT_EXTERNAL_ID.id,
      roleArn: WITHOUT_EXTERNAL_ID.roleArn,
      domains: ["brand.example.com"],
      permissionPolicy: { Version: "2012-10-17" },
      trustPolicy: { Version: "2012-10-17" },
      warnings: [{ code: "iamPolicy.target.anyPrincipal" }],
    });
  });

  it("says it in Japanese with --lang ja", async () => {
    const result = await target("--account", WITHOUT_EXTERNAL_ID.id, "--lang", "ja");
    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr).toContain(
      `メンバーアカウント ${WITHOUT_EXTERNAL_ID.id} で byodkim が引き受けるロール ${WITHOUT_EXTERNAL_ID.roleArn} の権限ポリシーです`,
    );
    expect(result.stderr).toContain("! --role を指定しないと");
    const refused = await target("--lang", "ja");
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain(
      `--for target には --account <ID> として設定のメンバーアカウントのいずれかを指定してください：${WITH_EXTERNAL_ID.id}, ${WITHOUT_EXTERNAL_ID.id}`,
    );
  });

  it.each([
    [
      "no --account",
      ["--for", "target"],
      `--for target needs --account <id>, one of the config's member accounts: ${WITH_EXTERNAL_ID.id}, ${WITHOUT_EXTERNAL_ID.id}`,
    ],
    ["an unknown --account", ["--for", "target", "--account", "444444444444"], `${WITH_EXTERNAL_ID.id}, ${WITHOUT_EXTERNAL_ID.id}`],
    ["a domain", ["shop.example.jp", "--for", "target", "--account", WITH_EXTERNAL_ID.id], "--for target takes no domain"],
    ["--account with --for operator", ["--account", WITH_EXTERNAL_ID.id], "--account is for --for target"],
    ["--account with --for readonly", ["--for", "readonly", "--account", WITH_EXTERNAL_ID.id], "--account is for --for target"],
    ["--trust with --for operator", ["--trust"], "--trust is for --for target --account <id>"],
  ])("refuses %s with exit 2, no stack and no document", async (_what, args, message) => {
    const result = await spawnCli(["iam-policy", "--config", CONFIG, ...args]);
    expect(result.code, result.stderr).toBe(2);
    expect(result.stderr).toContain(message);
    expect(result.stdout).toBe("");
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });
});

// The two aws commands stderr prints, run as printed (by the aws CLI, against moto's IAM in the member account).
const haveAwsCli = spawnSync("sh", ["-c", "command -v aws"], { encoding: "utf8" }).status === 0;
if (!haveAwsCli) process.stderr.write("[aws] the aws CLI is not on PATH: running iam-policy --for target's printed commands is skipped\n");
const haveMoto = motoAvailable("running iam-policy --for target's printed commands against moto's IAM");

describe.skipIf(!haveMoto || !haveAwsCli)("the role made in the member account by the commands iam-policy --for target prints", () => {
  let moto: Awaited<ReturnType<typeof startMoto>> | undefined;
  beforeAll(async () => {
    moto = await startMoto();
  }, 60_000);
  afterAll(() => moto?.stop());

  it.each([
    ["with an external id", WITH_EXTERNAL_ID],
    ["with a path", WITHOUT_EXTERNAL_ID],
  ])("creates the role %s and attaches its policy", async (_what, member) => {
    const work = mkdtempSync(join(tmpdir(), "byodkim-target-run-"));
    const policy = await target("--account", member.id, "--role", "MailOps");
    const trust = await target("--account", member.id, "--role", "MailOps", "--trust");
    writeFileSync(join(work, "target-policy.json"), policy.stdout);
    writeFileSync(join(work, "target-trust.json"), trust.stdout);
    const commands = policy.stderr.split("\n").filter((line) => line.trimStart().startsWith("aws iam "));
    expect(commands).toHaveLength(2);
    const sts = new STSClient({ endpoint: moto!.endpoint, region: "us-east-1", credentials: { accessKeyId: "testing", secretAccessKey: "testing" } });
    const { Credentials: admin } = await sts.send(new AssumeRoleCommand({ RoleArn: `arn:aws:iam::${member.id}:role/admin`, RoleSessionName: "admin" }));
    const credentials = { accessKeyId: admin!.AccessKeyId!, secretAccessKey: admin!.SecretAccessKey!, sessionToken: admin!.SessionToken! };
    const env = {
      PATH: process.env["PATH"] ?? "",
      HOME: work,
      AWS_ENDPOINT_URL: moto!.endpoint,
      AWS_DEFAULT_REGION: "us-east-1",
      AWS_ACCESS_KEY_ID: credentials.accessKeyId,
      AWS_SECRET_ACCESS_KEY: credentials.secretAccessKey,
      AWS_SESSION_TOKEN: credentials.sessionToken,
    };
    for (const command of commands) await promisify(execFile)("sh", ["-c", command.trim()], { cwd: work, env });
    const iam = new IAMClient({ endpoint: moto!.endpoint, region: "us-east-1", credentials });
    const role = await iam.send(new GetRoleCommand({ RoleName: "byodkim-target" }));
    expect(role.Role?.Arn).toBe(member.roleArn);
    expect(JSON.parse(decodeURIComponent(role.Role!.AssumeRolePolicyDocument!))).toEqual(JSON.parse(trust.stdout));
    const attached = await iam.send(new GetRolePolicyCommand({ RoleName: "byodkim-target", PolicyName: "byodkim-ses" }));
    expect(JSON.parse(decodeURIComponent(attached.PolicyDocument!))).toEqual(JSON.parse(policy.stdout));
  });
});
