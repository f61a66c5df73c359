import { describe, expect, it } from "vitest";
import { createTranslator } from "../../src/messages/catalogue.js";
import { msg } from "../../src/messages/msg.js";
import { formatPeopleTime, isIsoTime, relativeTime, resolveTimeZone } from "../../src/messages/peopleTime.js";

const NOW = new Date("2026-12-04T05:53:00.000Z");

describe("formatPeopleTime", () => {
  it.each([
    ["Tokyo in ja, a deadline a week ahead", "2026-12-10T20:53:00.000Z", "Asia/Tokyo", "ja", true, "2026-12-11 05:53 JST（7 日後）"],
    ["Tokyo in en", "2026-12-10T20:53:00.000Z", "Asia/Tokyo", "en", true, "2026-12-11 05:53 JST (in 7 days)"],
    ["UTC in en", "2026-12-10T20:53:00.000Z", "UTC", "en", true, "2026-12-10 20:53 UTC (in 7 days)"],
    ["New York in winter is EST", "2026-12-10T20:53:00.000Z", "America/New_York", "en", false, "2026-12-10 15:53 EST"],
    ["New York in summer is EDT", "2026-07-10T20:53:00.000Z", "America/New_York", "en", false, "2026-07-10 16:53 EDT"],
    ["a zone without a short name shows its offset", "2026-12-10T20:53:00.000Z", "Asia/Kolkata", "en", false, "2026-12-11 02:23 +05:30"],
    ["a zone east of UTC without a name", "2026-12-10T20:53:00.000Z", "Asia/Seoul", "ja", false, "2026-12-11 05:53 +09:00"],
    ["the day changes with the zone", "2026-12-31T15:00:00.000Z", "Asia/Tokyo", "ja", false, "2027-01-01 00:00 JST"],
    ["a past time in ja", "2026-12-01T05:53:00.000Z", "Asia/Tokyo", "ja", true, "2026-12-01 14:53 JST（3 日前）"],
    ["a past time in en", "2026-12-04T02:53:00.000Z", "UTC", "en", true, "2026-12-04 02:53 UTC (3 hours ago)"],
    ["minutes ahead in ja", "2026-12-04T06:38:00.000Z", "Asia/Tokyo", "ja", true, "2026-12-04 15:38 JST（45 分後）"],
    ["under two days counts hours", "2026-12-05T05:53:00.000Z", "UTC", "en", true, "2026-12-05 05:53 UTC (in 24 hours)"],
    ["within a minute", "2026-12-04T05:53:20.000Z", "UTC", "en", true, "2026-12-04 05:53 UTC (within a minute)"],
    ["just now in ja", "2026-12-04T05:52:50.000Z", "Asia/Tokyo", "ja", true, "2026-12-04 14:52 JST（たった今）"],
    ["an offset-written time is the same instant", "2026-12-11T05:53:00+09:00", "Asia/Tokyo", "ja", false, "2026-12-11 05:53 JST"],
  ] as const)("%s", (_what, at, zone, lang, relative, expected) => {
    expect(formatPeopleTime(at, zone, lang, NOW, { relative })).toBe(expected);
  });

  it("counts days beyond two days, and one of a unit in the singular", () => {
    expect(relativeTime(new Date("2026-12-07T05:53:00Z"), NOW, "en")).toBe("in 3 days");
    expect(relativeTime(new Date("2026-12-03T04:53:00Z"), NOW, "en")).toBe("25 hours ago");
    expect(relativeTime(new Date("2026-12-04T06:54:00Z"), NOW, "en")).toBe("in 1 hour");
    expect(relativeTime(new Date("2026-12-04T05:52:00Z"), NOW, "en")).toBe("1 minute ago");
  });

  it("rounds down by default and up for a deadline, and shows seconds when asked", () => {
    expect(formatPeopleTime("2026-12-04T05:53:30.000Z", "UTC", "en")).toBe("2026-12-04 05:53 UTC");
    expect(formatPeopleTime("2026-12-04T05:53:30.000Z", "UTC", "en", undefined, { roundUp: true })).toBe("2026-12-04 05:54 UTC");
    expect(formatPeopleTime("2026-12-04T05:53:30.250Z", "Asia/Tokyo", "en", undefined, { seconds: true })).toBe("2026-12-04 14:53:30 JST");
  });

  it("takes a Date as well as text, and leaves the relative part out without a clock", () => {
    expect(formatPeopleTime(new Date("2026-12-10T20:53:00Z"), "Asia/Tokyo", "ja", undefined, { relative: true })).toBe("2026-12-11 05:53 JST");
  });

  it.each([
    ["text that is not a time is shown as given", "not a time", "Asia/Tokyo", "not a time"],
    ["an empty value too", "", "Asia/Tokyo", ""],
    ["an unknown zone falls back to UTC ISO", "2026-12-10T20:53:00.000Z", "Mars/Olympus_Mons", "2026-12-10T20:53:00.000Z"],
  ])("%s", (_what, at, zone, expected) => {
    expect(formatPeopleTime(at, zone, "en", NOW)).toBe(expected);
  });
});

describe("resolveTimeZone", () => {
  it.each([
    ["the config's zone wins", "America/New_York", { TZ: "UTC" }, "ja", "America/New_York"],
    ["TZ when the config names none", undefined, { TZ: "Europe/Berlin" }, "ja", "Europe/Berlin"],
    ["TZ written with a leading colon", undefined, { TZ: ":Asia/Tokyo" }, "en", "Asia/Tokyo"],
    ["Japanese readers default to Tokyo", undefined, {}, "ja", "Asia/Tokyo"],
    ["others default to UTC", undefined, {}, "en", "UTC"],
    ["an empty TZ is no TZ", undefined, { TZ: "" }, "ja", "Asia/Tokyo"],
    ["a POSIX TZ rule is passed over", undefined, { TZ: "XYZ-9ABC" }, "en", "UTC"],
    ["a zone spelt in lower case is given its canonical name", "asia/tokyo", {}, "en", "Asia/Tokyo"],
  ] as const)("%s", (_what, configZone, env, lang, expected) => {
    expect(resolveTimeZone(configZone, env, lang)).toBe(expected);
  });
});

describe("the translator with a zone", () => {
  const at = { zone: () => "Asia/Tokyo", now: () => NOW };

  it("shows ISO params in the zone, and deadlines with how far away they are", () => {
    const ja = createTranslator("ja", undefined, at);
    expect(ja(msg("gate.grace.tooSoon", { selector: "s1", since: "2026-12-03T00:00:00.000Z", until: "2026-12-10T00:00:00.000Z", days: 7 }))).toBe(
      "s1 は 2026-12-03 09:00 JST に署名を停止しました：2026-12-10 09:00 JST（6 日後）までは（猶予期間 7 日）レコードを残す必要があります",
    );
  });

  it("keeps ISO without a zone (--json, journals) and leaves other params alone", () => {
    const plain = createTranslator("en");
    const iso = "2026-12-10T00:00:00.000Z";
    expect(plain(msg("gate.grace.alreadyRetired", { selector: "s1", at: iso }))).toBe(`s1 was retired at ${iso}`);
    const none = createTranslator("en", undefined, { zone: () => null, now: () => NOW });
    expect(none(msg("gate.grace.alreadyRetired", { selector: "s1", at: iso }))).toBe(`s1 was retired at ${iso}`);
    const en = createTranslator("en", undefined, at);
    expect(en(msg("gate.grace.alreadyRetired", { selector: "2026", at: iso }))).toBe("2026 was retired at 2026-12-10 09:00 JST");
  });

  it("recognises only whole ISO times", () => {
    expect(isIsoTime("2026-12-10T00:00:00.000Z")).toBe(true);
    expect(isIsoTime("2026-12-10T09:00+09:00")).toBe(true);
    expect(isIsoTime("2026-12-10")).toBe(false);
    expect(isIsoTime("gooid-21-pro-20261210-1")).toBe(false);
    expect(isIsoTime("2026-13-45T99:00:00Z")).toBe(false);
    expect(isIsoTime(20261210)).toBe(false);
  });
});
