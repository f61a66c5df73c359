import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { validateConfig } from "../../src/config/loadConfig.js";
import { problemOf } from "../support/configProblem.js";

const example = parse(readFileSync(new URL("../../byodkim.config.example.yaml", import.meta.url), "utf8")) as Record<string, unknown>;
const { rotation: _shipped, ...withoutRotation } = example;
const keys = example["keys"] as Record<string, unknown>;

describe("rotation settings", () => {
  it("default to a 7-day grace period", () => {
    expect(validateConfig(withoutRotation, "test.yaml").rotation).toEqual({ graceDays: 7 });
  });

  it("default to the same when rotation: is empty", () => {
    expect(validateConfig({ ...withoutRotation, rotation: null }, "test.yaml").rotation).toEqual({ graceDays: 7 });
  });

  it("take the grace period given", () => {
    expect(validateConfig({ ...withoutRotation, rotation: { graceDays: 14 } }, "test.yaml").rotation).toEqual({ graceDays: 14 });
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
    ["a key status reads and nothing else does yet", { maxAgeDays: 31 }, "rotation.maxAgeDays"],
    ["an unknown key under rotation", { graceDay: 7 }, "rotation.graceDay"],
  ])("refuse %s, naming the key", (_what, rotation, key) => {
    const problem = problemOf({ ...withoutRotation, rotation });
    expect(problem.key).toBe("config.invalid");
    expect(problem.params["key"]).toBe(key);
    expect(String(problem.params["expected"]).length).toBeGreaterThan(5);
  });

  it("says the range of days a bad value must be in", () => {
    expect(problemOf({ ...withoutRotation, rotation: { graceDays: -1 } }).params["expected"]).toBe("a whole number of days from 0 to 3650");
  });

  it("lists the keys rotation: takes when one is unknown", () => {
    expect(problemOf({ ...withoutRotation, rotation: { grace: 7 } }).params["expected"]).toBe("one of: graceDays");
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
