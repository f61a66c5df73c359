import { describe, expect, it } from "vitest";
import { isValidSelector, newestSelector, normaliseDomain, parseDatedSelector } from "../../src/config/names.js";

describe("domain names", () => {
  it.each([
    ["goo.ne.jp", "goo.ne.jp"],
    ["GOO.NE.JP.", "goo.ne.jp"],
    ["  mail.example.com ", "mail.example.com"],
    ["xn--wgv71a.jp", "xn--wgv71a.jp"],
  ])("accepts %j as %s", (input, expected) => {
    expect(normaliseDomain(input)).toBe(expected);
  });

  it.each([
    ["localhost"],
    [""],
    ["-bad.example"],
    ["bad-.example"],
    ["a..b"],
    ["under_score.example"],
    ["192.0.2.1"],
    [`${"a".repeat(64)}.example`],
    ["goo.ne.jp/x"],
    ["goo ne.jp"],
  ])("rejects %j", (input) => {
    expect(normaliseDomain(input)).toBeUndefined();
  });
});

describe("selector syntax (SES's rule)", () => {
  it.each([
    ["gooid-21-pro-20250917-3", true],
    ["a", true],
    ["A1", true],
    ["-lead", false],
    ["trail-", false],
    ["has_underscore", false],
    ["has.dot", false],
    ["", false],
    ["a".repeat(63), true],
    ["a".repeat(64), false],
  ])("%j valid: %s", (selector, valid) => {
    expect(isValidSelector(selector)).toBe(valid);
  });
});

describe("selector ordering", () => {
  const parse = (s: string) => parseDatedSelector(s, "gooid-21-pro");

  it("reads date and sequence from <prefix>-<YYYYMMDD>-<n>", () => {
    expect(parse("gooid-21-pro-20250917-3")).toEqual({ selector: "gooid-21-pro-20250917-3", date: 20250917, sequence: 3 });
  });

  it.each([["gooid-21-pro-20250230-1"], ["gooid-21-pro-2025091-1"], ["gooid-21-pro-20250917"], ["other-20250917-1"], ["gooid-21-pro-20250917-x"]])(
    "ignores %j, which does not fit the pattern",
    (selector) => {
      expect(parse(selector)).toBeUndefined();
    },
  );

  it("prefers -10 over -9 on the same day (not lexical order)", () => {
    const selectors = ["gooid-21-pro-20250917-9", "gooid-21-pro-20250917-10", "gooid-21-pro-20250917-2"].map((s) => parse(s)!);
    expect(newestSelector(selectors)?.selector).toBe("gooid-21-pro-20250917-10");
  });

  it("prefers a newer date over a higher sequence", () => {
    const selectors = ["gooid-21-pro-20250917-10", "gooid-21-pro-20251001-1", "gooid-21-pro-20241231-99"].map((s) => parse(s)!);
    expect(newestSelector(selectors)?.selector).toBe("gooid-21-pro-20251001-1");
  });

  it("has no newest of nothing", () => {
    expect(newestSelector([])).toBeUndefined();
  });
});
