import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { validateConfig } from "../../src/config/loadConfig.js";
import { problemOf } from "../support/configProblem.js";

const example = parse(readFileSync(new URL("../../byodkim.config.example.yaml", import.meta.url), "utf8")) as Record<string, unknown>;
const { rotation: _shipped, ...withoutRotation } = example;
const keys = example["keys"] as Record<string, unknown>;

describe("rotation settings", () => {
  it("default to a 31-day key, a 7-day warning and a 7-day grace period", () => {
    expect(validateConfig(withoutRotation, "test.yaml").rotation).toEqual({ maxAgeDays: 31, warnDays: 7, graceDays: 7 });
  });

  it("default to the same when rotation: is empty", () => {
    expect(validateConfig({ ...withoutRotation, rotation: null }, "test.yaml").rotation).toEqual({ maxAgeDays: 31, warnDays: 7, graceDays: 7 });
  });

  it("take the values given", () => {
    expect(validateConfig({ ...withoutRotation, rotation: { graceDays: 14, maxAgeDays: 90, warnDays: 14 } }, "test.yaml").rotation).toEqual({
      maxAgeDays: 90,
      warnDays: 14,
      graceDays: 14,
    });
  });

  it("keep the default warning inside a short key life", () => {
    expect(validateConfig({ ...withoutRotation, rotation: { maxAgeDays: 3 } }, "test.yaml").rotation).toEqual({ maxAgeDays: 3, warnDays: 2, graceDays: 7 });
  });

  it.each([
    ["graceDays 0 (retire at once)", { graceDays: 0 }, { graceDays: 0 }],
    ["3650 days", { graceDays: 3650 }, { graceDays: 3650 }],
  ])("accept %s", (_what, rotation, expected) => {
    expect(validateConfig({ ...withoutRotation, rotation }, "test.yaml").rotation).toMatchObject(expected);
  });

  it.each([
    ["a negative grace period", { graceDays: -1 }, "rotation.graceDays"],
    ["a grace period in quotes", { graceDays: "7" }, "rotation.graceDays"],
    ["a fractional grace period", { graceDays: 1.5 }, "rotation.graceDays"],
    ["a grace period over ten years", { graceDays: 3651 }, "rotation.graceDays"],
    ["a key life of no days", { maxAgeDays: 0 }, "rotation.maxAgeDays"],
    ["a warning window as long as the key's life", { maxAgeDays: 31, warnDays: 31 }, "rotation.warnDays"],
    ["a negative warning window", { warnDays: -1 }, "rotation.warnDays"],
    ["an unknown key under rotation", { graceDay: 7 }, "rotation.graceDay"],
  ])("refuse %s, naming the key", (_what, rotation, key) => {
    const problem = problemOf({ ...withoutRotation, rotation });
    expect(problem.key).toBe("config.invalid");
    expect(problem.params["key"]).toBe(key);
    expect(String(problem.params["expected"]).length).toBeGreaterThan(5);
  });

  it("leave auto and dnsTimeoutDays out when absent (tick then uses ROTATION_DEFAULTS: no auto, 3 days)", () => {
    const rotation = validateConfig({ ...withoutRotation, rotation: { maxAgeDays: 31 } }, "test.yaml").rotation;
    expect(rotation.auto).toBeUndefined();
    expect(rotation.dnsTimeoutDays).toBeUndefined();
  });

  it.each([
    ["auto on", { auto: true }, { auto: true }],
    ["auto off", { auto: false }, { auto: false }],
    ["a one-day DNS timeout", { dnsTimeoutDays: 1 }, { dnsTimeoutDays: 1 }],
    ["a DNS timeout as long as the key's life", { maxAgeDays: 31, dnsTimeoutDays: 31 }, { dnsTimeoutDays: 31 }],
    ["both", { auto: true, dnsTimeoutDays: 5 }, { auto: true, dnsTimeoutDays: 5 }],
  ])("read tick's %s", (_what, rotation, expected) => {
    expect(validateConfig({ ...withoutRotation, rotation }, "test.yaml").rotation).toMatchObject(expected);
  });

  it.each([
    ["auto in quotes", { auto: "true" }, "rotation.auto"],
    ["auto as a number", { auto: 1 }, "rotation.auto"],
    ["a DNS timeout of no days", { dnsTimeoutDays: 0 }, "rotation.dnsTimeoutDays"],
    ["a fractional DNS timeout", { dnsTimeoutDays: 1.5 }, "rotation.dnsTimeoutDays"],
    ["a DNS timeout longer than the key's life", { maxAgeDays: 31, dnsTimeoutDays: 32 }, "rotation.dnsTimeoutDays"],
    ["a DNS timeout in quotes", { dnsTimeoutDays: "3" }, "rotation.dnsTimeoutDays"],
  ])("refuse %s, naming the key", (_what, rotation, key) => {
    const problem = problemOf({ ...withoutRotation, rotation });
    expect(problem.key).toBe("config.invalid");
    expect(problem.params["key"]).toBe(key);
  });

  it("says the range of days a bad value must be in", () => {
    expect(problemOf({ ...withoutRotation, rotation: { graceDays: -1 } }).params["expected"]).toBe("a whole number of days from 0 to 3650");
  });

  it("lists the keys rotation: takes when one is unknown", () => {
    expect(problemOf({ ...withoutRotation, rotation: { grace: 7 } }).params["expected"]).toBe("one of: maxAgeDays, warnDays, graceDays, auto, dnsTimeoutDays");
  });
});

describe("keys.kmsKeyId", () => {
  it("is absent by default (new keys go to SSE-S3)", () => {
    expect(validateConfig(example, "test.yaml").keys.kmsKeyId).toBeUndefined();
  });

  it.each([
    ["an alias", "alias/dkim-keys"],
    ["a key id", "1234abcd-12ab-34cd-56ef-1234567890ab"],
    ["an ARN", "arn:aws:kms:ap-northeast-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab"],
  ])("accepts %s", (_what, kmsKeyId) => {
    expect(validateConfig({ ...example, keys: { ...keys, kmsKeyId } }, "test.yaml").keys.kmsKeyId).toBe(kmsKeyId);
  });

  it.each([
    ["an empty string", ""],
    ["a number", 1234],
    ["text with spaces", "my key"],
  ])("refuses %s, naming the key", (_what, kmsKeyId) => {
    expect(problemOf({ ...example, keys: { ...keys, kmsKeyId } }).params["key"]).toBe("keys.kmsKeyId");
  });

  it("refuses an unknown key under keys", () => {
    expect(problemOf({ ...example, keys: { ...keys, kmsKey: "alias/x" } }).params["key"]).toBe("keys.kmsKey");
  });
});

describe("identities:", () => {
  const configWith = (identities: unknown) => validateConfig({ ...example, identities }, "test.yaml");

  it("is empty when absent: a single-domain config works as before", () => {
    expect(validateConfig(example, "test.yaml").identities).toEqual([]);
  });

  it("inherits the top-level selector prefix and keys, and keeps its own regions", () => {
    const [first, second] = configWith([
      { domain: "M01.Goo.ne.jp", regions: ["ap-northeast-1", "ap-northeast-3"] },
      { domain: "news.goo.ne.jp", selectorPrefix: "news-pro", keys: { bucket: "other-dkim-keys" } },
    ]).identities;
    expect(first).toEqual({
      domain: "m01.goo.ne.jp",
      regions: ["ap-northeast-1", "ap-northeast-3"],
      selectorPrefix: example["selectorPrefix"],
      keys: { ...keys, kmsKeyId: undefined },
    });
    expect(second).toMatchObject({
      domain: "news.goo.ne.jp",
      regions: undefined,
      selectorPrefix: "news-pro",
      keys: { bucket: "other-dkim-keys", key: keys["key"] },
    });
  });

  it.each([
    ["a list", { domain: "m01.goo.ne.jp" }, "identities"],
    ["a domain in each entry", [{ regions: ["ap-northeast-1"] }], "identities[0].domain"],
    ["a valid domain", [{ domain: "not a domain" }], "identities[0].domain"],
    ["region names", [{ domain: "m01.goo.ne.jp", regions: ["tokyo"] }], "identities[0].regions"],
    ["at least one region", [{ domain: "m01.goo.ne.jp", regions: [] }], "identities[0].regions"],
    ["a valid selector prefix", [{ domain: "m01.goo.ne.jp", selectorPrefix: "-bad-" }], "identities[0].selectorPrefix"],
    ["known keys only", [{ domain: "m01.goo.ne.jp", region: "ap-northeast-1" }], "identities[0].region"],
    ["each domain once", [{ domain: "m01.goo.ne.jp" }, { domain: "M01.goo.ne.jp" }], "identities[1].domain"],
    ["not the top-level domain again", [{ domain: String(example["domain"]) }], "identities[0].domain"],
  ])("needs %s, naming the key", (_what, identities, key) => {
    expect(problemOf({ ...example, identities }).params["key"]).toBe(key);
  });
});

describe("rollback.permissionsGraceMs", () => {
  it("is 300 ms unless set: the incident waits for IAM no longer than that", () => {
    expect(validateConfig(example, "test.yaml").rollback).toEqual({ permissionsGraceMs: 300 });
    expect(validateConfig({ ...example, rollback: null }, "test.yaml").rollback).toEqual({ permissionsGraceMs: 300 });
  });

  it.each([0, 2_000, 60_000])("takes %i ms", (permissionsGraceMs) => {
    expect(validateConfig({ ...example, rollback: { permissionsGraceMs } }, "test.yaml").rollback).toEqual({ permissionsGraceMs });
  });

  it.each([
    ["a negative wait", { permissionsGraceMs: -1 }, "rollback.permissionsGraceMs"],
    ["a wait in quotes", { permissionsGraceMs: "300" }, "rollback.permissionsGraceMs"],
    ["a fractional wait", { permissionsGraceMs: 1.5 }, "rollback.permissionsGraceMs"],
    ["a wait over a minute", { permissionsGraceMs: 60_001 }, "rollback.permissionsGraceMs"],
    ["an unknown key under rollback", { graceMs: 300 }, "rollback.graceMs"],
  ])("refuses %s, naming the key", (_what, rollback, key) => {
    expect(problemOf({ ...example, rollback }).params["key"]).toBe(key);
  });
});
