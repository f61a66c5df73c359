import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { BAKE_DEFAULTS } from "../../src/config/bakeConfig.js";
import { validateConfig } from "../../src/config/loadConfig.js";
import { problemOf } from "../support/configProblem.js";

const example = parse(readFileSync(new URL("../../byodkim.config.example.yaml", import.meta.url), "utf8")) as Record<string, unknown>;
const { bake: _shipped, ...withoutBake } = example;

describe("bake settings", () => {
  it("are absent when the config has no bake: (apply then bakes 30 minutes on the config's alarms)", () => {
    expect(validateConfig(withoutBake, "test.yaml").bake).toBeUndefined();
    expect(BAKE_DEFAULTS).toEqual({ minutes: 30, alarms: undefined });
  });

  it.each([
    ["an empty bake:", null, { minutes: 30, alarms: undefined }],
    ["minutes only", { minutes: 10 }, { minutes: 10, alarms: undefined }],
    ["decimal minutes, for a rehearsal", { minutes: 0.05 }, { minutes: 0.05, alarms: undefined }],
    ["no bake at all", { minutes: 0 }, { minutes: 0, alarms: undefined }],
    ["a day", { minutes: 1440 }, { minutes: 1440, alarms: undefined }],
    ["named alarms, a repeat said once", { alarms: ["bounce", "complaint", "bounce"] }, { minutes: 30, alarms: ["bounce", "complaint"] }],
    ["no alarms", { alarms: [] }, { minutes: 30, alarms: [] }],
  ])("take %s", (_what, bake, expected) => {
    expect(validateConfig({ ...withoutBake, bake }, "test.yaml").bake).toEqual(expected);
  });

  it.each([
    ["negative minutes", { minutes: -1 }, "bake.minutes", "a number of minutes from 0 to 1440 (decimals allowed, e.g. 0.5)"],
    ["more than a day", { minutes: 1441 }, "bake.minutes", "a number of minutes from 0 to 1440 (decimals allowed, e.g. 0.5)"],
    ["minutes in quotes", { minutes: "30" }, "bake.minutes", "a number of minutes from 0 to 1440 (decimals allowed, e.g. 0.5)"],
    ["one alarm not in a list", { alarms: "bounce" }, "bake.alarms", "a list of CloudWatch alarm names"],
    ["an empty alarm name", { alarms: ["bounce", " "] }, "bake.alarms", "a list of CloudWatch alarm names"],
    ["an unknown key", { seconds: 30 }, "bake.seconds", "one of: minutes, alarms"],
    ["a number", 30, "bake", "a mapping with minutes and alarms, e.g. { minutes: 30, alarms: [ses-bounce-rate] }"],
  ])("refuse %s, naming the key and what it takes", (_what, bake, key, expected) => {
    const problem = problemOf({ ...withoutBake, bake });
    expect(problem.key).toBe("config.invalid");
    expect(problem.params["key"]).toBe(key);
    expect(problem.params["expected"]).toBe(expected);
  });
});
