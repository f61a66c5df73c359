import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { readFileSync } from "node:fs";
import { privateKeyObjectKey, selectorFromObjectKey, selectorListing } from "../../src/config/config.js";
import { loadConfig, validateConfig } from "../../src/config/loadConfig.js";
import { ByodkimError } from "../../src/errors.js";
import { problemOf } from "../support/configProblem.js";

const example = parse(readFileSync(new URL("../../byodkim.config.example.yaml", import.meta.url), "utf8")) as Record<string, unknown>;

describe("config file", () => {
  it("accepts the shipped example", () => {
    const config = validateConfig(example, "example.yaml");
    expect(config.domain).toBe("goo.ne.jp");
    expect(config.accountId).toBe("123456789012");
    expect(config.alarms).toEqual([
      { name: "aws-ses-migration-prod-byodkim-verification", before: ["ALARM", "OK", "INSUFFICIENT_DATA"], after: "OK" },
      { name: "aws-ses-migration-prod-bounce-rate", before: ["OK"], after: "OK" },
    ]);
    expect(config.dns.servers).toEqual([]);
    expect(config.dashboardUrl).toBeUndefined();
  });

  it("takes an https dashboardUrl, which a walk shows at the steps that send the operator there", () => {
    const url = "https://dashboards.example.org/byodkim#changes";
    expect(validateConfig({ ...example, dashboardUrl: url }, "example.yaml").dashboardUrl).toBe(url);
  });

  it.each([
    ["accountId", { ...example, accountId: 123456789012 }, "accountId"],
    ["accountId too short", { ...example, accountId: "1234" }, "accountId"],
    ["keys.key without {selector}", { ...example, keys: { bucket: "b-ucket", key: "dkim/{domain}.pem" } }, "keys.key"],
    ["missing bucket", { ...example, keys: { key: "dkim/{selector}.pem" } }, "keys.bucket"],
    ["a typo in a key", { ...example, alarm: [] }, "alarm"],
    ["an unknown alarm state", { ...example, alarms: [{ name: "x", before: ["RED"], after: "OK" }] }, "alarms[0].before"],
    ["an alarm without after", { ...example, alarms: [{ name: "x", before: ["OK"] }] }, "alarms[0].after"],
    ["a bad domain", { ...example, domain: "not a domain" }, "domain"],
    ["a bad region", { ...example, region: "tokyo" }, "region"],
    ["a bad selector prefix", { ...example, selectorPrefix: "-x" }, "selectorPrefix"],
    ["dns.servers not a list", { ...example, dns: { servers: "127.0.0.1" } }, "dns.servers"],
    ["a dns.servers entry that is no nameserver address", { ...example, dns: { servers: ["127.0.0.1:5353", "not a server"] } }, "dns.servers[1]"],
    ["a dashboardUrl over plain http", { ...example, dashboardUrl: "http://dashboards.example.org/byodkim" }, "dashboardUrl"],
    ["a dashboardUrl that is no URL", { ...example, dashboardUrl: "the ops dashboard" }, "dashboardUrl"],
  ])("names the key when %s is wrong", (_what, document, key) => {
    const problem = problemOf(document);
    expect(problem.params["key"]).toBe(key);
    expect(String(problem.params["expected"]).length).toBeGreaterThan(5);
  });

  it("counts further problems", () => {
    const problem = problemOf({ ...example, accountId: "x", keys: {} });
    expect(problem.key).toBe("config.invalidAndMore");
    expect(problem.params["more"]).toBe(2);
  });

  it("says the file is missing, with a hint", async () => {
    const error = await loadConfig("/nonexistent/byodkim.config.yaml").catch((err: unknown) => err);
    expect(error).toBeInstanceOf(ByodkimError);
    expect((error as ByodkimError).what.key).toBe("config.missing");
    expect((error as ByodkimError).hint?.key).toBe("config.missing.hint");
  });

  it("says which line of broken YAML is wrong", async () => {
    const dir = await mkdtemp(join(tmpdir(), "byodkim-config-"));
    const path = join(dir, "bad.yaml");
    await writeFile(path, "domain: goo.ne.jp\nkeys: [unclosed\n");
    const error = (await loadConfig(path).catch((err: unknown) => err)) as ByodkimError;
    expect(error.what.key).toBe("config.notYaml");
    expect(error.what.params?.["line"]).toBeGreaterThan(0);
  });
});

describe("key template", () => {
  const template = "dkim/{domain}/{selector}.pem";

  it("builds the object key for a selector", () => {
    expect(privateKeyObjectKey(template, "goo.ne.jp", "gooid-21-pro-20250917-3")).toBe("dkim/goo.ne.jp/gooid-21-pro-20250917-3.pem");
  });

  it("lists under the part before {selector} and reads selectors back", () => {
    const listing = selectorListing(template, "goo.ne.jp");
    expect(listing).toEqual({ prefix: "dkim/goo.ne.jp/", suffix: ".pem" });
    expect(selectorFromObjectKey("dkim/goo.ne.jp/gooid-21-pro-20250917-3.pem", listing)).toBe("gooid-21-pro-20250917-3");
    expect(selectorFromObjectKey("dkim/goo.ne.jp/old/gooid-21-pro-20250917-3.pem", listing)).toBeUndefined();
    expect(selectorFromObjectKey("dkim/goo.ne.jp/gooid-21-pro-20250917-3.pub", listing)).toBeUndefined();
  });
});

describe("values that become part of an IAM ARN: no wildcard or policy variable widens the policy", () => {
  const keys = example["keys"] as Record<string, unknown>;
  const firstAlarm = (example["alarms"] as Record<string, unknown>[])[0]!;
  /** IAM's policy variable syntax, written as the config would hold it. */
  const variable = (name: string) => `$\{${name}}`;
  it.each([
    ["a secret name that is *", { ...example, state: { secretId: "*" } }, "state.secretId"],
    ["a secret name ending in *", { ...example, state: { secretId: "prod/*" } }, "state.secretId"],
    ["a secret name with ?", { ...example, state: { secretId: "prod/dkim-confi?" } }, "state.secretId"],
    ["a secret name with a policy variable", { ...example, state: { secretId: variable("aws:username") } }, "state.secretId"],
    ["a secret name with a space", { ...example, state: { secretId: "prod dkim" } }, "state.secretId"],
    ["a secret ARN ending in secret:*", { ...example, state: { secretId: "arn:aws:secretsmanager:ap-northeast-1:123456789012:secret:*" } }, "state.secretId"],
    [
      "a secret ARN with a ? suffix",
      { ...example, state: { secretId: "arn:aws:secretsmanager:ap-northeast-1:123456789012:secret:x-??????" } },
      "state.secretId",
    ],
    ["a key template with *", { ...example, keys: { ...keys, key: "dkim/*/{selector}.pem" } }, "keys.key"],
    ["a key template with ?", { ...example, keys: { ...keys, key: "dkim/{domain}/{selector}.pe?" } }, "keys.key"],
    ["a key template with a policy variable", { ...example, keys: { ...keys, key: `dkim/${variable("aws:userid")}/{selector}.pem` } }, "keys.key"],
    [
      "an identity's key template with *",
      { ...example, identities: [{ domain: "mail.goo.ne.jp", keys: { key: "*/{selector}.pem" } }] },
      "identities[0].keys.key",
    ],
    ["an alarm name with *", { ...example, alarms: [{ ...firstAlarm, name: "prod-*" }] }, "alarms[0].name"],
    ["an alarm name with ?", { ...example, alarms: [{ ...firstAlarm, name: "prod-?" }] }, "alarms[0].name"],
    ["an alarm name with a policy variable", { ...example, alarms: [{ ...firstAlarm, name: variable("aws:username") }] }, "alarms[0].name"],
    ["an alarm name with a control character", { ...example, alarms: [{ ...firstAlarm, name: "bounce\nrate" }] }, "alarms[0].name"],
    ["an alarm name longer than 255", { ...example, alarms: [{ ...firstAlarm, name: "a".repeat(256) }] }, "alarms[0].name"],
  ])("refuses %s, naming the key", (_what, document, key) => {
    const problem = problemOf(document);
    expect(problem.params["key"]).toBe(key);
    expect(String(problem.params["expected"])).toMatch(/\*|letters|characters/);
  });

  it.each([
    ["a secret name with every legal character", { ...example, state: { secretId: "prod/dkim_config+v2=a.b@c-d" } }],
    ["a secret's full ARN", { ...example, state: { secretId: "arn:aws:secretsmanager:ap-northeast-1:123456789012:secret:prod/dkim-config-AbCdEf" } }],
    ["a key template with {domain} and other legal characters", { ...example, keys: { ...keys, key: "dkim keys/{domain}/({selector}).pem" } }],
    ["an alarm name with spaces and punctuation", { ...example, alarms: [{ ...firstAlarm, name: "SES bounce rate (prod) > 5%" }] }],
  ])("accepts %s", (_what, document) => {
    expect(() => validateConfig(document, "test.yaml")).not.toThrow();
  });
});
