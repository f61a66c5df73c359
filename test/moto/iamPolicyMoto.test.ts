import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { CreatePolicyCommand, GetPolicyVersionCommand, IAMClient } from "@aws-sdk/client-iam";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { iamPolicy } from "../../src/permissions/iamPolicy.js";
import { parse as parseYaml } from "yaml";
import { validateConfig } from "../../src/config/loadConfig.js";
import { motoAvailable, startMoto } from "../support/motoServer.js";

const PROBE_YAML = `probe:
  to: probe@inbound.example.jp
  inbound: { s3: { bucket: my-inbound, prefix: probe/, region: us-east-1 } }
  targets:
    - { name: docomo, to: probe@docomo.example.jp, imap: { host: imap.example.jp, user: probe, passwordSecret: byodkim/imap-probe } }
`;

// iam-policy's documents go to moto's IAM, which validates a policy document on CreatePolicy as
// AWS does (version, statement shape, actions as service:Name, resource ARNs, condition blocks):
// an IAM nobody here wrote accepts what the administrator will paste.
const haveMoto = motoAvailable("the check of iam-policy's documents against moto's IAM");

const CONFIGS = {
  "SSE-S3 keys": "",
  "SSE-KMS keys (a key ARN)": "  kmsKeyId: arn:aws:kms:ap-northeast-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab\n",
  "SSE-KMS keys (an alias)": "  kmsKeyId: alias/dkim-keys\n",
} as const;

/** The example config operators start from, with the key encryption under test. */
const EXAMPLE = readFileSync(fileURLToPath(new URL("../../byodkim.config.example.yaml", import.meta.url)), "utf8");
const configText = (keysExtra: string) => EXAMPLE.replace(/^ {2}# kmsKeyId:.*\n/m, keysExtra);

let moto: Awaited<ReturnType<typeof startMoto>> | undefined;
let iam: IAMClient;

describe.skipIf(!haveMoto)("iam-policy against moto's IAM", () => {
  beforeAll(async () => {
    moto = await startMoto();
    iam = new IAMClient({ endpoint: moto.endpoint, region: "us-east-1", credentials: { accessKeyId: "testing", secretAccessKey: "testing" }, maxAttempts: 1 });
  }, 60_000);
  afterAll(() => moto?.stop());

  for (const [what, extra] of Object.entries(CONFIGS)) {
    for (const audience of ["operator", "readonly", "approver", "unattended"] as const) {
      it(`accepts the ${audience} policy for ${what}`, async () => {
        const config = validateConfig(parseYaml(configText(extra)), "test.yaml");
        const { policy } = iamPolicy(config, { domain: undefined, audience, region: "ap-northeast-1" });
        const created = await iam.send(
          new CreatePolicyCommand({ PolicyName: `byodkim-${audience}-${Object.keys(CONFIGS).indexOf(what)}`, PolicyDocument: JSON.stringify(policy) }),
        );
        expect(created.Policy?.Arn).toMatch(/^arn:aws:iam::\d{12}:policy\/byodkim-/);
      });
    }
  }

  it("accepts the operator policy with probe: configured (SendEmail as two senders, the inbound prefix and its listing, the IMAP password's secret)", async () => {
    const config = validateConfig(parseYaml(`${configText("")}${PROBE_YAML}`), "test.yaml");
    const { policy } = iamPolicy(config, { domain: undefined, audience: "operator", region: "ap-northeast-1" });
    expect(policy.Statement.map((statement) => statement.Sid)).toEqual(expect.arrayContaining(["ProbeInbound", "ProbeInbound2", "ProbeImapPassword"]));
    const created = await iam.send(new CreatePolicyCommand({ PolicyName: "byodkim-operator-probe", PolicyDocument: JSON.stringify(policy) }));
    const version = await iam.send(new GetPolicyVersionCommand({ PolicyArn: created.Policy!.Arn!, VersionId: created.Policy!.DefaultVersionId! }));
    const stored = JSON.parse(decodeURIComponent(version.PolicyVersion!.Document!)) as typeof policy;
    expect(stored.Statement.find((statement) => statement.Sid === "ProbeInbound2")?.Condition).toEqual({ StringLike: { "s3:prefix": "probe/*" } });
  });

  it("accepts the operator policy narrowed to an SSO role, path included", async () => {
    const config = validateConfig(parseYaml(configText("")), "test.yaml");
    const role = "arn:aws:iam::123456789012:role/aws-reserved/sso.amazonaws.com/ap-northeast-1/AWSReservedSSO_MailOps_0123456789abcdef";
    const { policy } = iamPolicy(config, { domain: undefined, audience: "operator", region: "ap-northeast-1", role });
    const created = await iam.send(new CreatePolicyCommand({ PolicyName: "byodkim-operator-sso", PolicyDocument: JSON.stringify(policy) }));
    expect(created.Policy?.Arn).toContain("byodkim-operator-sso");
  });

  it("takes the key objects' and the campaign records' conditional-request conditions and keeps them as written: PutObject with s3:if-none-match, DeleteObject with s3:if-match", async () => {
    const config = validateConfig(parseYaml(configText("")), "test.yaml");
    const { policy } = iamPolicy(config, { domain: undefined, audience: "operator", region: "ap-northeast-1" });
    const created = await iam.send(new CreatePolicyCommand({ PolicyName: "byodkim-operator-conditional", PolicyDocument: JSON.stringify(policy) }));
    const version = await iam.send(new GetPolicyVersionCommand({ PolicyArn: created.Policy!.Arn!, VersionId: created.Policy!.DefaultVersionId! }));
    const stored = JSON.parse(decodeURIComponent(version.PolicyVersion!.Document!)) as typeof policy;
    const conditions = stored.Statement.filter((statement) => statement.Condition?.["Null"]).map((statement) => [statement.Action, statement.Condition]);
    expect(conditions).toEqual([
      ["s3:DeleteObject", { Null: { "s3:if-match": "false" } }],
      ["s3:PutObject", { StringEquals: { "s3:x-amz-server-side-encryption": "AES256" }, Null: { "s3:if-none-match": "false" } }],
      // Plans and approvals: created once, never written over.
      ["s3:PutObject", { Null: { "s3:if-none-match": "false" } }],
    ]);
  });

  it.each([
    ["on one hosted zone", "{ provider: route53, hostedZoneId: Z0123456789ABC }", "arn:aws:route53:::hostedzone/Z0123456789ABC"],
    ["on every zone (no hostedZoneId)", "{ provider: route53 }", "arn:aws:route53:::hostedzone/*"],
  ])("accepts the operator policy with Route 53 publishing %s, its record-name condition kept as written", async (_what, publish, zone) => {
    const config = validateConfig(parseYaml(configText("").replace("  servers: [] #", `  publish: ${publish}\n  servers: [] #`)), "test.yaml");
    const { policy } = iamPolicy(config, { domain: undefined, audience: "operator", region: "ap-northeast-1" });
    const created = await iam.send(
      new CreatePolicyCommand({ PolicyName: `byodkim-operator-route53-${zone.endsWith("*") ? "any" : "one"}`, PolicyDocument: JSON.stringify(policy) }),
    );
    const version = await iam.send(new GetPolicyVersionCommand({ PolicyArn: created.Policy!.Arn!, VersionId: created.Policy!.DefaultVersionId! }));
    const stored = JSON.parse(decodeURIComponent(version.PolicyVersion!.Document!)) as typeof policy;
    expect(stored.Statement.filter((statement) => statement.Sid?.startsWith("DnsPublish"))).toEqual([
      {
        Sid: "DnsPublish",
        Effect: "Allow",
        Action: "route53:ChangeResourceRecordSets",
        Resource: zone,
        Condition: { "ForAllValues:StringLike": { "route53:ChangeResourceRecordSetsNormalizedRecordNames": "*._domainkey.goo.ne.jp" } },
      },
      { Sid: "DnsPublish2", Effect: "Allow", Action: "route53:GetChange", Resource: "arn:aws:route53:::change/*" },
      { Sid: "DnsPublish3", Effect: "Allow", Action: "route53:ListHostedZonesByName", Resource: "*" },
    ]);
  });

  it("refuses a broken document, so the acceptance above means something", async () => {
    const broken = { Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "not-an-action", Resource: "*" }] };
    await expect(iam.send(new CreatePolicyCommand({ PolicyName: "byodkim-broken", PolicyDocument: JSON.stringify(broken) }))).rejects.toMatchObject({
      name: "MalformedPolicyDocumentException",
    });
  });
});
