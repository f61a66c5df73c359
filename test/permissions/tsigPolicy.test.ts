import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { parse as parseYaml } from "yaml";
import type { ByodkimConfig } from "../../src/config/config.js";
import { validateConfig } from "../../src/config/loadConfig.js";
import { runScope } from "../../src/engine/permissionsCheck.js";
import { iamPolicy } from "../../src/permissions/iamPolicy.js";
import { type PermissionCommand, permissionNeeds } from "../../src/permissions/needs.js";
import { policyScope } from "../../src/permissions/policy.js";

const EXAMPLE = readFileSync(fileURLToPath(new URL("../../byodkim.config.example.yaml", import.meta.url)), "utf8");
const without = validateConfig(parseYaml(EXAMPLE), "example.yaml");
// Built here rather than read from YAML: the config reader's dns.publish is another change's.
const withRfc2136: ByodkimConfig = {
  ...without,
  dns: {
    ...without.dns,
    publish: { provider: "rfc2136", server: "192.0.2.53", tsig: { keyName: "byodkim-key", algorithm: "hmac-sha256", secretId: "byodkim/tsig" } },
  },
};
const operator = (config: ByodkimConfig) => iamPolicy(config, { domain: undefined, audience: "operator", region: "ap-northeast-1" }).policy.Statement;
const TSIG_ARN = "arn:aws:secretsmanager:ap-northeast-1:123456789012:secret:byodkim/tsig-??????";
const readsTsig = (command: PermissionCommand, config: ByodkimConfig) =>
  permissionNeeds(command, policyScope(config, "goo.ne.jp", "ap-northeast-1")).some(
    (need) => need.action === "secretsmanager:GetSecretValue" && need.resource === TSIG_ARN,
  );

describe("iam-policy with dns.publish provider rfc2136", () => {
  it("adds one statement: reading the TSIG key's secret, and nothing else (golden)", () => {
    const added = operator(withRfc2136).filter((statement) => !operator(without).some((other) => JSON.stringify(other) === JSON.stringify(statement)));
    expect(added).toEqual([{ Sid: "DnsUpdateTsigKey", Effect: "Allow", Action: "secretsmanager:GetSecretValue", Resource: TSIG_ARN }]);
    expect(operator(without).filter((statement) => !operator(withRfc2136).some((other) => JSON.stringify(other) === JSON.stringify(statement)))).toEqual([]);
  });

  it("grants it to the commands that publish records (keygen, retire, rollback) and to no other", () => {
    const publishing: PermissionCommand[] = ["keygen", "retire", "retire-delete-key", "rollback"];
    for (const command of publishing) expect(readsTsig(command, withRfc2136), command).toBe(true);
    for (const command of ["precheck", "enable", "rotate", "verify", "status", "status-publish-metrics"] as const) {
      expect(readsTsig(command, withRfc2136), command).toBe(false);
    }
    for (const command of publishing) expect(readsTsig(command, without), command).toBe(false);
  });

  it("the permissions gate simulates the same read before keygen publishes", () => {
    const caller = { account: "123456789012", arn: "arn:aws:sts::123456789012:assumed-role/dkim-operator/alice" };
    const target = { command: "keygen" as const, domain: "goo.ne.jp", selectors: [], secretArn: undefined };
    const scope = runScope({ config: withRfc2136, region: "ap-northeast-1" }, caller, target, "arn:aws:iam::123456789012:role/dkim-operator");
    expect(permissionNeeds("keygen", scope)).toContainEqual({ action: "secretsmanager:GetSecretValue", resource: TSIG_ARN });
  });

  it("keeps the TSIG secret out of the read-only policy", () => {
    const readonly = iamPolicy(withRfc2136, { domain: undefined, audience: "readonly", region: "ap-northeast-1" }).policy.Statement;
    expect(JSON.stringify(readonly)).not.toContain("byodkim/tsig");
  });
});
