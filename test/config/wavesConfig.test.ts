import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { validateConfig } from "../../src/config/loadConfig.js";
import { WAVES_DEFAULTS } from "../../src/config/wavesConfig.js";
import { problemOf } from "../support/configProblem.js";

const example = parse(readFileSync(new URL("../../byodkim.config.example.yaml", import.meta.url), "utf8")) as Record<string, unknown>;
const { waves: _shipped, ...withoutWaves } = example;

describe("waves settings", () => {
  it("are absent when the config has no waves: (a campaign then uses canary 1, size 10, maxErrors 0)", () => {
    expect(validateConfig(withoutWaves, "test.yaml").waves).toBeUndefined();
    expect(WAVES_DEFAULTS).toEqual({ canary: 1, size: 10, maxErrors: 0 });
  });

  it.each([
    ["an empty waves:", null, { canary: 1, size: 10, maxErrors: 0 }],
    ["only a size", { size: 5 }, { canary: 1, size: 5, maxErrors: 0 }],
    ["no canary", { canary: 0 }, { canary: 0, size: 10, maxErrors: 0 }],
    ["every value given", { canary: 3, size: 1, maxErrors: 2 }, { canary: 3, size: 1, maxErrors: 2 }],
    ["the largest wave", { size: 100 }, { canary: 1, size: 100, maxErrors: 0 }],
    ["the largest canary and error count", { canary: 1000, maxErrors: 1000 }, { canary: 1000, size: 10, maxErrors: 1000 }],
  ])("take %s", (_what, waves, expected) => {
    expect(validateConfig({ ...withoutWaves, waves }, "test.yaml").waves).toEqual(expected);
  });

  it.each([
    ["a wave of no identities", { size: 0 }, "waves.size", "a whole number of identities from 1 to 100"],
    ["a wave over 100", { size: 101 }, "waves.size", "a whole number of identities from 1 to 100"],
    ["a negative canary", { canary: -1 }, "waves.canary", "a whole number of identities from 0 to 1000"],
    ["a fractional canary", { canary: 0.5 }, "waves.canary", "a whole number of identities from 0 to 1000"],
    ["a size in quotes", { size: "10" }, "waves.size", "a whole number of identities from 1 to 100"],
    ["a negative maxErrors", { maxErrors: -1 }, "waves.maxErrors", "a whole number of failed targets from 0 to 1000"],
    ["maxErrors as a percentage", { maxErrors: "10%" }, "waves.maxErrors", "a whole number of failed targets from 0 to 1000"],
    ["an unknown key under waves", { concurrency: 5 }, "waves.concurrency", "one of: canary, size, maxErrors"],
    ["a list", [1, 10, 0], "waves", "a mapping with canary, size and maxErrors, e.g. { canary: 1, size: 10, maxErrors: 0 }"],
    ["a number", 10, "waves", "a mapping with canary, size and maxErrors, e.g. { canary: 1, size: 10, maxErrors: 0 }"],
  ])("refuse %s, naming the key and what it takes", (_what, waves, key, expected) => {
    const problem = problemOf({ ...withoutWaves, waves });
    expect(problem.key).toBe("config.invalid");
    expect(problem.params["key"]).toBe(key);
    expect(problem.params["expected"]).toBe(expected);
  });

  it("reports a waves: problem beside the config's others", () => {
    const problem = problemOf({ ...withoutWaves, accountId: "12", waves: { size: 0 } });
    expect(problem).toMatchObject({ key: "config.invalidAndMore", params: { more: 1 } });
  });
});
