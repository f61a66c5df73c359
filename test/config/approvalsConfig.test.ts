import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { validateConfig } from "../../src/config/loadConfig.js";
import { problemOf } from "../support/configProblem.js";

const example = parse(readFileSync(new URL("../../byodkim.config.example.yaml", import.meta.url), "utf8")) as Record<string, unknown>;

describe("approvals:", () => {
  it.each([
    ["absent: none required, the planner's own not counted", undefined, { required: 0, allowSelf: false }],
    ["empty", null, { required: 0, allowSelf: false }],
    ["one approval", { required: 1 }, { required: 1, allowSelf: false }],
    ["the most, five", { required: 5 }, { required: 5, allowSelf: false }],
    ["off, said outright", { required: 0 }, { required: 0, allowSelf: false }],
    ["a team of one", { required: 1, allowSelf: true }, { required: 1, allowSelf: true }],
    ["allowSelf false, said outright", { allowSelf: false }, { required: 0, allowSelf: false }],
  ])("reads %s", (_what, approvals, expected) => {
    expect(validateConfig({ ...example, approvals }, "test.yaml").approvals).toEqual(expected);
  });

  it.each([
    ["six approvals", { required: 6 }, "approvals.required", "a whole number from 0"],
    ["a negative count", { required: -1 }, "approvals.required", "a whole number from 0"],
    ["half an approval", { required: 1.5 }, "approvals.required", "a whole number from 0"],
    ["a count in quotes", { required: "1" }, "approvals.required", "a whole number from 0"],
    ["allowSelf in quotes", { allowSelf: "true" }, "approvals.allowSelf", "true or false"],
    ["allowSelf as yes/no text", { allowSelf: "no" }, "approvals.allowSelf", "true or false"],
    ["a misspelt key", { require: 1 }, "approvals.require", "one of: required, allowSelf"],
    ["a bare number", 1, "approvals", "a mapping with required"],
    ["a list", [1], "approvals", "a mapping with required"],
  ])("refuses %s, naming the key", (_what, approvals, key, expected) => {
    const problem = problemOf({ ...example, approvals });
    expect(problem.key).toBe("config.invalid");
    expect(problem.params["key"]).toBe(key);
    expect(problem.params["expected"]).toContain(expected);
  });
});

describe("plans:", () => {
  it.each([
    ["absent: 72 hours", undefined, 72],
    ["empty", null, 72],
    ["a working day", { ttlHours: 8 }, 8],
    ["the shortest, one hour", { ttlHours: 1 }, 1],
    ["the longest, 30 days", { ttlHours: 720 }, 720],
  ])("reads %s", (_what, plans, ttlHours) => {
    expect(validateConfig({ ...example, plans }, "test.yaml").plans).toEqual({ ttlHours });
  });

  it.each([
    ["no hours", { ttlHours: 0 }, "plans.ttlHours", "a whole number from 1 to 720"],
    ["over 30 days", { ttlHours: 721 }, "plans.ttlHours", "a whole number from 1 to 720"],
    ["half an hour", { ttlHours: 0.5 }, "plans.ttlHours", "a whole number from 1 to 720"],
    ["hours in quotes", { ttlHours: "72" }, "plans.ttlHours", "a whole number from 1 to 720"],
    ["days in place of hours", { ttlDays: 3 }, "plans.ttlDays", "one of: ttlHours"],
    ["a bare number", 72, "plans", "a mapping with ttlHours"],
  ])("refuses %s, naming the key", (_what, plans, key, expected) => {
    const problem = problemOf({ ...example, plans });
    expect(problem.key).toBe("config.invalid");
    expect(problem.params["key"]).toBe(key);
    expect(problem.params["expected"]).toContain(expected);
  });
});

describe("the shipped example", () => {
  it("leaves approvals off, and its commented approvals: and plans: are valid once uncommented", () => {
    const text = readFileSync(new URL("../../byodkim.config.example.yaml", import.meta.url), "utf8");
    expect(validateConfig(example, "example.yaml").approvals).toEqual({ required: 0, allowSelf: false });
    const uncommented = text.replace(/^# (approvals|plans):/gm, "$1:").replace(/^# {3}(required|allowSelf|ttlHours):/gm, "  $1:");
    const config = validateConfig(parse(uncommented), "example.yaml");
    expect(config.approvals).toEqual({ required: 1, allowSelf: false });
    expect(config.plans).toEqual({ ttlHours: 72 });
  });
});
