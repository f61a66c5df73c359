import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { validateConfig } from "../../src/config/loadConfig.js";
import { problemOf } from "../support/configProblem.js";

const example = parse(readFileSync(new URL("../../byodkim.config.example.yaml", import.meta.url), "utf8")) as Record<string, unknown>;
const OFFICE = { days: ["mon", "tue", "wed", "thu", "fri"], start: "10:00", end: "17:00" };
const calendarOf = (document: Record<string, unknown>) => validateConfig({ ...example, ...document }, "test.yaml").changeCalendar;

describe("changeWindow:", () => {
  it("is absent when the config names neither a window nor freezes: changes may start at any time", () => {
    expect(calendarOf({})).toBeUndefined();
  });

  it.each([
    ["Asia/Tokyo when nothing names a zone", {}, OFFICE, "Asia/Tokyo"],
    ["the config's timeZone:", { timeZone: "Europe/London" }, OFFICE, "Europe/London"],
    ["its own timeZone over the config's", { timeZone: "Europe/London" }, { ...OFFICE, timeZone: "asia/tokyo" }, "Asia/Tokyo"],
  ])("takes its zone from %s", (_what, top, window, zone) => {
    expect(calendarOf({ ...top, changeWindow: window })?.window).toEqual({ ...OFFICE, timeZone: zone });
  });

  it.each([
    ["an overnight window (end before start spans midnight)", { ...OFFICE, start: "22:00", end: "06:00" }],
    ["a window to the day's end", { ...OFFICE, start: "18:00", end: "24:00" }],
    ["the whole day", { ...OFFICE, start: "00:00", end: "24:00" }],
  ])("takes %s", (_what, window) => {
    expect(calendarOf({ changeWindow: window })?.window).toMatchObject({ start: window.start, end: window.end });
  });

  it("keeps the days in the week's order, whatever order the config lists them in", () => {
    expect(calendarOf({ changeWindow: { ...OFFICE, days: ["fri", "mon", "wed"] } })?.window?.days).toEqual(["mon", "wed", "fri"]);
  });

  it.each([
    ["a list in place of a mapping", ["mon"], "changeWindow"],
    ["an unknown key", { ...OFFICE, hours: 7 }, "changeWindow.hours"],
    ["an unknown zone", { ...OFFICE, timeZone: "Asia/Tokio" }, "changeWindow.timeZone"],
    ["an offset for a zone", { ...OFFICE, timeZone: "+09:00" }, "changeWindow.timeZone"],
    ["no days", { ...OFFICE, days: [] }, "changeWindow.days"],
    ["days missing", { start: "10:00", end: "17:00" }, "changeWindow.days"],
    ["a day spelt in full", { ...OFFICE, days: ["monday"] }, "changeWindow.days"],
    ["a day twice", { ...OFFICE, days: ["mon", "mon"] }, "changeWindow.days"],
    ["a day as a string, not a list", { ...OFFICE, days: "mon" }, "changeWindow.days"],
    ["a start without minutes", { ...OFFICE, start: "10" }, "changeWindow.start"],
    ["a start on a 12-hour clock", { ...OFFICE, start: "9:00" }, "changeWindow.start"],
    ["a start at 24:00", { ...OFFICE, start: "24:00" }, "changeWindow.start"],
    ["a start YAML read as a number", { ...OFFICE, start: 600 }, "changeWindow.start"],
    ["an end past midnight's end", { ...OFFICE, end: "24:30" }, "changeWindow.end"],
    ["an end at 25:00", { ...OFFICE, end: "25:00" }, "changeWindow.end"],
    ["an end equal to its start", { ...OFFICE, end: "10:00" }, "changeWindow.end"],
  ])("refuses %s, naming the key", (_what, window, key) => {
    const problem = problemOf({ ...example, changeWindow: window });
    expect(problem.key).toBe("config.invalid");
    expect(problem.params["key"]).toBe(key);
  });
});

describe("freezes:", () => {
  it.each([
    [
      "dates: whole days in Tokyo, inclusive",
      {},
      { from: "2026-12-28", to: "2027-01-03", reason: "年末年始" },
      { from: "2026-12-27T15:00:00.000Z", until: "2027-01-03T15:00:00.000Z", reason: "年末年始" },
    ],
    ["one day, no reason", {}, { from: "2026-12-07", to: "2026-12-07" }, { from: "2026-12-06T15:00:00.000Z", until: "2026-12-07T15:00:00.000Z" }],
    [
      "dates in the window's zone",
      { changeWindow: { ...OFFICE, timeZone: "Europe/London" } },
      { from: "2027-03-28", to: "2027-03-28" },
      // The day the clocks go forward is 23 hours long.
      { from: "2027-03-28T00:00:00.000Z", until: "2027-03-28T23:00:00.000Z" },
    ],
    [
      "dates in the config's timeZone: without a window",
      { timeZone: "UTC" },
      { from: "2026-12-07", to: "2026-12-07" },
      { from: "2026-12-07T00:00:00.000Z", until: "2026-12-08T00:00:00.000Z" },
    ],
    [
      "ISO times as they are",
      {},
      { from: "2026-12-07T15:00:00+09:00", to: "2026-12-07T18:30:00+09:00", reason: "network maintenance" },
      { from: "2026-12-07T06:00:00.000Z", until: "2026-12-07T09:30:00.000Z", reason: "network maintenance" },
    ],
    ["a date to a time", {}, { from: "2026-12-07", to: "2026-12-08T12:00:00Z" }, { from: "2026-12-06T15:00:00.000Z", until: "2026-12-08T12:00:00.000Z" }],
  ])("takes %s", (_what, top, entry, expected) => {
    expect(calendarOf({ ...top, freezes: [entry] })?.freezes).toEqual([expected]);
  });

  it("without a window, freezes alone are the calendar", () => {
    expect(calendarOf({ freezes: [] })).toEqual({ window: undefined, freezes: [] });
  });

  it.each([
    ["a mapping in place of a list", { from: "2026-12-28", to: "2027-01-03" }, "freezes"],
    ["a bare date", ["2026-12-28"], "freezes[0]"],
    ["an unknown key", [{ from: "2026-12-28", to: "2027-01-03", until: "2027-01-04" }], "freezes[0].until"],
    ["no from", [{ to: "2027-01-03" }], "freezes[0].from"],
    ["no to", [{ from: "2026-12-28" }], "freezes[0].to"],
    ["a day that does not exist", [{ from: "2027-02-30", to: "2027-03-03" }], "freezes[0].from"],
    ["a date written Japanese style", [{ from: "2026/12/28", to: "2027-01-03" }], "freezes[0].from"],
    ["a time without its zone", [{ from: "2026-12-28T10:00:00", to: "2027-01-03" }], "freezes[0].from"],
    ["to before from", [{ from: "2027-01-03", to: "2026-12-28" }], "freezes[0].to"],
    ["to at from (an empty freeze)", [{ from: "2026-12-28T10:00:00Z", to: "2026-12-28T10:00:00Z" }], "freezes[0].to"],
    ["an empty reason", [{ from: "2026-12-28", to: "2027-01-03", reason: " " }], "freezes[0].reason"],
    ["a reason over two lines", [{ from: "2026-12-28", to: "2027-01-03", reason: "年末\n年始" }], "freezes[0].reason"],
    [
      "the second entry's problem",
      [
        { from: "2026-12-28", to: "2027-01-03" },
        { from: "2027-05-06", to: "2027-05-01" },
      ],
      "freezes[1].to",
    ],
  ])("refuses %s, naming the key", (_what, freezes, key) => {
    const problem = problemOf({ ...example, freezes });
    expect(problem.key).toBe("config.invalid");
    expect(problem.params["key"]).toBe(key);
  });

  it("reads unquoted YAML dates and times as text, as the config example writes them", () => {
    const document = parse(
      'changeWindow: { days: [mon, fri], start: 10:00, end: "17:00" }\nfreezes:\n  - { from: 2026-12-28, to: 2027-01-03, reason: 年末年始 }\n',
    ) as Record<string, unknown>;
    const calendar = calendarOf(document);
    expect(calendar?.window).toEqual({ timeZone: "Asia/Tokyo", days: ["mon", "fri"], start: "10:00", end: "17:00" });
    expect(calendar?.freezes).toEqual([{ from: "2026-12-27T15:00:00.000Z", until: "2027-01-03T15:00:00.000Z", reason: "年末年始" }]);
  });
});

describe("the README's change window example", () => {
  it("is a config byodkim takes, as the README explains it", () => {
    const readme = readFileSync(new URL("../../README.md", import.meta.url), "utf8");
    const block = readme.split("### Change window and freezes")[1]?.split("```yaml\n")[1]?.split("```")[0] ?? "";
    const calendar = calendarOf(parse(block) as Record<string, unknown>);
    expect(calendar?.window).toEqual({ timeZone: "Asia/Tokyo", ...OFFICE });
    expect(calendar?.freezes.map((freeze) => [freeze.from, freeze.until])).toEqual([
      ["2026-12-27T15:00:00.000Z", "2027-01-03T15:00:00.000Z"],
      ["2027-03-31T09:00:00.000Z", "2027-04-01T00:00:00.000Z"],
    ]);
  });
});
