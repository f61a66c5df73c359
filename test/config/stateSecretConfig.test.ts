import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { stateSecretId } from "../../src/config/config.js";
import { secretArnPattern } from "../../src/permissions/policy.js";
import { validateConfig } from "../../src/config/loadConfig.js";
import { problemOf } from "../support/configProblem.js";

const example = parse(readFileSync(new URL("../../byodkim.config.example.yaml", import.meta.url), "utf8")) as Record<string, unknown>;
const withState = (secretId: unknown, identities: unknown[] = []) => ({ ...example, state: { secretId }, identities });

describe("one state secret per identity (state.secretId with {domain})", () => {
  it("keeps a secret id without a placeholder as it is, for every domain", () => {
    const config = validateConfig(example, "example.yaml");
    expect(stateSecretId(config, "goo.ne.jp")).toBe(config.state.secretId);
    expect(stateSecretId(config, "m01.goo.ne.jp")).toBe(config.state.secretId);
  });

  it.each([
    ["the top-level template", withState("byodkim/state/{domain}"), "m01.goo.ne.jp", "byodkim/state/m01.goo.ne.jp"],
    ["the template, for the config's own domain", withState("byodkim/state/{domain}"), "goo.ne.jp", "byodkim/state/goo.ne.jp"],
    [
      "an identity's own fixed secret",
      withState("byodkim/state/{domain}", [{ domain: "m01.goo.ne.jp", state: { secretId: "legacy/m01-state" } }]),
      "m01.goo.ne.jp",
      "legacy/m01-state",
    ],
    [
      "an identity's own template",
      withState("shared/state", [{ domain: "m02.goo.ne.jp", state: { secretId: "fleet/{domain}/state" } }]),
      "m02.goo.ne.jp",
      "fleet/m02.goo.ne.jp/state",
    ],
    [
      "an identity without its own state, beside one with",
      withState("shared/state", [{ domain: "m02.goo.ne.jp", state: { secretId: "fleet/{domain}" } }, { domain: "m03.goo.ne.jp" }]),
      "m03.goo.ne.jp",
      "shared/state",
    ],
    ["a domain the config does not list", withState("byodkim/state/{domain}"), "other.goo.ne.jp", "byodkim/state/other.goo.ne.jp"],
  ])("%s", (_what, document, domain, expected) => {
    expect(stateSecretId(validateConfig(document, "test.yaml"), domain)).toBe(expected);
  });

  it.each([
    ["another placeholder", withState("byodkim/{selector}"), "state.secretId"],
    ["a misspelt placeholder", withState("byodkim/{Domain}"), "state.secretId"],
    ["the placeholder alone, which the policy would widen to every secret", withState("{domain}"), "state.secretId"],
    [
      "a placeholder in an ARN (its six random characters differ per secret)",
      withState("arn:aws:secretsmanager:ap-northeast-1:123456789012:secret:s/{domain}-AbCdEf"),
      "state.secretId",
    ],
    ["an identity's bad placeholder", withState("s", [{ domain: "m01.goo.ne.jp", state: { secretId: "s/{region}" } }]), "identities[0].state.secretId"],
    ["an unknown key under an identity's state", withState("s", [{ domain: "m01.goo.ne.jp", state: { secretName: "s" } }]), "identities[0].state.secretName"],
  ])("refuses %s, naming the key", (_what, document, key) => {
    expect(problemOf(document)).toMatchObject({ key: "config.invalid", params: { key } });
  });

  it("makes {domain} IAM's wildcard for the policy", () => {
    const arn = (name: string) => `arn:aws:secretsmanager:ap-northeast-1:123456789012:secret:${name}-??????`;
    expect(secretArnPattern("byodkim/state/{domain}", "ap-northeast-1", "123456789012")).toBe(arn("byodkim/state/*"));
    expect(secretArnPattern("aws-ses-migration/prod/dkim-config", "ap-northeast-1", "123456789012")).toBe(arn("aws-ses-migration/prod/dkim-config"));
  });
});
