import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { parse as parseYaml } from "yaml";
import { validateConfig } from "../../src/config/loadConfig.js";
import { runScope } from "../../src/engine/permissionsCheck.js";
import { iamPolicy } from "../../src/permissions/iamPolicy.js";
import { permissionNeeds, ROUTE53_RECORD_NAMES_KEY } from "../../src/permissions/needs.js";
import { evaluatePolicy } from "../../src/sandbox/iam/policy.js";
import type { PolicyDocument } from "../../src/sandbox/iam/policyDocument.js";

const EXAMPLE = readFileSync(fileURLToPath(new URL("../../byodkim.config.example.yaml", import.meta.url)), "utf8");
const IDENTITY = "identities:\n  - { domain: mail.goo.ne.jp }\n";
const configWith = (publish: string) =>
  validateConfig(parseYaml(EXAMPLE.replace("  servers: [] #", `  publish: ${publish}\n  servers: [] #`) + IDENTITY), "example.yaml");
const withZone = configWith("{ provider: route53, hostedZoneId: Z0123456789ABC }");
const byName = configWith("{ provider: route53 }");
const handoff = validateConfig(parseYaml(EXAMPLE + IDENTITY), "example.yaml");
const policyOf = (config: typeof handoff, audience = "operator") => iamPolicy(config, { domain: undefined, audience, region: "ap-northeast-1" });
const route53Statements = (config: typeof handoff, audience = "operator") =>
  policyOf(config, audience).policy.Statement.filter((statement) => String(statement.Action).startsWith("route53:"));

describe("iam-policy with dns.publish route53", () => {
  it("grants ChangeResourceRecordSets on exactly that zone, at the identities' *._domainkey names only, plus GetChange and ListHostedZonesByName (golden)", () => {
    expect(route53Statements(withZone)).toEqual([
      {
        Sid: "DnsPublish",
        Effect: "Allow",
        Action: "route53:ChangeResourceRecordSets",
        Resource: "arn:aws:route53:::hostedzone/Z0123456789ABC",
        Condition: { "ForAllValues:StringLike": { [ROUTE53_RECORD_NAMES_KEY]: ["*._domainkey.goo.ne.jp", "*._domainkey.mail.goo.ne.jp"] } },
      },
      { Sid: "DnsPublish2", Effect: "Allow", Action: "route53:GetChange", Resource: "arn:aws:route53:::change/*" },
      { Sid: "DnsPublish3", Effect: "Allow", Action: "route53:ListHostedZonesByName", Resource: "*" },
    ]);
    expect(policyOf(withZone).warnings).toEqual([]);
  });

  it("without a zone id grants every zone (still only those names), and says so", () => {
    expect(route53Statements(byName)[0]).toMatchObject({ Resource: "arn:aws:route53:::hostedzone/*" });
    expect(policyOf(byName).warnings.map((warning) => warning.key)).toEqual(["dnsPublish.iamAnyZone"]);
  });

  it("grants nothing of Route 53 for handoff, nor to the readonly and approver roles", () => {
    expect(route53Statements(handoff)).toEqual([]);
    expect(route53Statements(withZone, "readonly")).toEqual([]);
    expect(route53Statements(withZone, "approver")).toEqual([]);
  });

  it("the sandbox's IAM judges a change batch as AWS would: the identities' selector names pass, any other name in the batch denies it all", () => {
    const policy = policyOf(withZone).policy as unknown as PolicyDocument;
    const change = (names: string[], zone = "Z0123456789ABC") =>
      evaluatePolicy(policy, {
        action: "route53:ChangeResourceRecordSets",
        resource: `arn:aws:route53:::hostedzone/${zone}`,
        context: { [ROUTE53_RECORD_NAMES_KEY]: names },
      }).decision;
    expect(change(["gooid-21-pro-20261204-1._domainkey.goo.ne.jp"])).toBe("allowed");
    expect(change(["tok1._domainkey.mail.goo.ne.jp", "tok2._domainkey.mail.goo.ne.jp"])).toBe("allowed");
    expect(change(["sel._domainkey.goo.ne.jp", "_dmarc.goo.ne.jp"])).toBe("implicitDeny");
    expect(change(["goo.ne.jp"])).toBe("implicitDeny");
    expect(change(["sel._domainkey.example.jp"])).toBe("implicitDeny");
    expect(change(["sel._domainkey.goo.ne.jp"], "ZOTHERZONE")).toBe("implicitDeny");
  });

  it.each(["keygen", "retire", "retire-delete-key", "rollback"] as const)("%s's preflight simulates the change with the name it will publish", (command) => {
    const scope = runScope(
      { config: withZone, region: "ap-northeast-1" },
      { account: "123456789012", arn: "arn:aws:sts::123456789012:assumed-role/MailOps/alice" },
      { command, domain: "goo.ne.jp", selectors: ["gooid-21-pro-20261204-1"], secretArn: undefined },
      "arn:aws:iam::123456789012:role/MailOps",
    );
    const change = permissionNeeds(command, scope).find((need) => need.action === "route53:ChangeResourceRecordSets");
    expect(change).toEqual({
      action: "route53:ChangeResourceRecordSets",
      resource: "arn:aws:route53:::hostedzone/Z0123456789ABC",
      conditions: [
        {
          operator: "ForAllValues:StringLike",
          key: ROUTE53_RECORD_NAMES_KEY,
          values: ["*._domainkey.goo.ne.jp"],
          requestValue: "gooid-21-pro-20261204-1._domainkey.goo.ne.jp",
        },
      ],
    });
  });

  it("asks nothing of Route 53 for the other commands", () => {
    const scope = runScope(
      { config: withZone, region: "ap-northeast-1" },
      { account: "123456789012", arn: "arn:aws:sts::123456789012:assumed-role/MailOps/alice" },
      { command: "enable", domain: "goo.ne.jp", selectors: [], secretArn: undefined },
      "arn:aws:iam::123456789012:role/MailOps",
    );
    for (const command of ["precheck", "enable", "rotate", "verify", "status"] as const) {
      expect(permissionNeeds(command, scope).filter((need) => need.action.startsWith("route53:"))).toEqual([]);
    }
  });
});
