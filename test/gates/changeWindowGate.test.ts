import { describe, expect, it } from "vitest";
import type { ChangeWindow, Freeze } from "../../src/config/changeWindow.js";
import { checkChangeWindow, closesAt, nextOpening } from "../../src/gates/changeWindowGate.js";
import { createTranslator } from "../../src/messages/catalogue.js";
import type { Msg } from "../../src/messages/msg.js";

// The week of Monday 2026-12-07 to Sunday 2026-12-13; Tokyo is UTC+9 all year.
const OFFICE: ChangeWindow = { timeZone: "Asia/Tokyo", days: ["mon", "tue", "wed", "thu", "fri"], start: "10:00", end: "17:00" };
const FRIDAY_NIGHT: ChangeWindow = { timeZone: "Asia/Tokyo", days: ["fri"], start: "22:00", end: "06:00" };
const SUNDAY_NIGHT: ChangeWindow = { timeZone: "Asia/Tokyo", days: ["sun"], start: "22:00", end: "02:00" };
const MONDAY_NIGHT: ChangeWindow = { timeZone: "Asia/Tokyo", days: ["mon"], start: "22:00", end: "02:00" };
const NIGHTLY: ChangeWindow = { timeZone: "Asia/Tokyo", days: ["mon", "tue", "wed", "thu", "fri", "sat", "sun"], start: "22:00", end: "06:00" };
const WEEKDAYS_WHOLE: ChangeWindow = { timeZone: "Asia/Tokyo", days: ["mon", "tue", "wed", "thu", "fri"], start: "00:00", end: "24:00" };
const ALWAYS: ChangeWindow = { timeZone: "Asia/Tokyo", days: ["mon", "tue", "wed", "thu", "fri", "sat", "sun"], start: "00:00", end: "24:00" };
const LONDON: ChangeWindow = { timeZone: "Europe/London", days: ["mon", "tue", "wed", "thu", "fri"], start: "09:00", end: "17:00" };
// 01:30 does not exist in London on Sunday 2027-03-28: the clocks jump from 01:00 GMT to 02:00 BST.
const LONDON_SKIPPED: ChangeWindow = { timeZone: "Europe/London", days: ["sun"], start: "01:30", end: "03:00" };

const freeze = (from: string | Date, until: string | Date, reason?: string): Freeze => ({
  from: new Date(from).toISOString(),
  until: new Date(until).toISOString(),
  ...(reason === undefined ? {} : { reason }),
});
const RELEASE_DAY = freeze("2026-12-07T00:00:00+09:00", "2026-12-08T00:00:00+09:00", "release day");
const FROM_3PM = freeze("2026-12-07T15:00:00+09:00", "2026-12-08T00:00:00+09:00", "network maintenance");
const UNTIL_2PM = freeze("2026-12-07T00:00:00+09:00", "2026-12-07T14:00:00+09:00");
const TUESDAY = freeze("2026-12-08T00:00:00+09:00", "2026-12-09T00:00:00+09:00", "year-end audit");
const FROM_SUNDAY = freeze("2026-12-13T00:00:00+09:00", "2028-12-31T00:00:00+09:00", "datacentre move");
const TWO_YEARS = freeze("2026-12-01T00:00:00+09:00", "2028-12-31T00:00:00+09:00", "migration");

/** "12-07 12:00": that wall-clock minute in Tokyo in December 2026; U: a UTC minute. */
const J = (text: string) => new Date(`2026-${text.replace(" ", "T")}:00+09:00`);
const U = (text: string) => new Date(`${text.replace(" ", "T")}:00Z`);
const iso = (at: Date) => at.toISOString();

describe("the change window: may a change start now", () => {
  it.each([
    // what, now, window, freezes, status, detail key, opensAt, closesAt
    ["Tokyo weekday inside", J("12-07 12:00"), OFFICE, [], "pass", "window.open", J("12-07 12:00"), J("12-07 17:00")],
    ["Tokyo weekday before it opens", J("12-07 09:59"), OFFICE, [], "fail", "window.closed", J("12-07 10:00"), null],
    ["exactly at the start: open", J("12-07 10:00"), OFFICE, [], "pass", "window.open", J("12-07 10:00"), J("12-07 17:00")],
    ["a minute before the end: open", J("12-07 16:59"), OFFICE, [], "pass", "window.open", J("12-07 16:59"), J("12-07 17:00")],
    ["exactly at the end: closed, opens the next weekday", J("12-07 17:00"), OFFICE, [], "fail", "window.closed", J("12-08 10:00"), null],
    ["Friday evening: opens on Monday", J("12-11 17:30"), OFFICE, [], "fail", "window.closed", J("12-14 10:00"), null],
    ["Saturday: opens on Monday", J("12-12 12:00"), OFFICE, [], "fail", "window.closed", J("12-14 10:00"), null],
    ["overnight, before midnight", J("12-11 23:00"), FRIDAY_NIGHT, [], "pass", "window.open", J("12-11 23:00"), J("12-12 06:00")],
    ["overnight, after midnight (Saturday, Friday's night)", J("12-12 05:00"), FRIDAY_NIGHT, [], "pass", "window.open", J("12-12 05:00"), J("12-12 06:00")],
    ["overnight, exactly at its end", J("12-12 06:00"), FRIDAY_NIGHT, [], "fail", "window.closed", J("12-18 22:00"), null],
    ["overnight, Friday before it opens", J("12-11 21:59"), FRIDAY_NIGHT, [], "fail", "window.closed", J("12-11 22:00"), null],
    ["across the week boundary: Monday 01:00 is Sunday's night", J("12-14 01:00"), SUNDAY_NIGHT, [], "pass", "window.open", J("12-14 01:00"), J("12-14 02:00")],
    ["across the week boundary: Sunday night opens on Sunday", J("12-13 12:00"), SUNDAY_NIGHT, [], "fail", "window.closed", J("12-13 22:00"), null],
    ["Monday 01:00 is not Monday's night", J("12-14 01:00"), MONDAY_NIGHT, [], "fail", "window.closed", J("12-14 22:00"), null],
    ["nightly: Tuesday 03:00 closes at 06:00", J("12-08 03:00"), NIGHTLY, [], "pass", "window.open", J("12-08 03:00"), J("12-08 06:00")],
    ["whole weekdays back to back close on Saturday", J("12-07 12:00"), WEEKDAYS_WHOLE, [], "pass", "window.open", J("12-07 12:00"), J("12-12 00:00")],
    ["every hour of every day never closes", J("12-07 12:00"), ALWAYS, [], "pass", "window.openNoEnd", J("12-07 12:00"), null],
    ["a freeze covering today", J("12-07 12:00"), OFFICE, [RELEASE_DAY], "fail", "window.frozen.reason", J("12-08 10:00"), null],
    ["a freeze without a reason", J("12-07 12:00"), OFFICE, [UNTIL_2PM], "fail", "window.frozen", J("12-07 14:00"), null],
    ["a freeze starting mid-window closes it early", J("12-07 12:00"), OFFICE, [FROM_3PM], "pass", "window.open", J("12-07 12:00"), J("12-07 15:00")],
    ["a freeze that has ended leaves the window as it is", J("12-08 12:00"), OFFICE, [RELEASE_DAY], "pass", "window.open", J("12-08 12:00"), J("12-08 17:00")],
    ["back-to-back freezes: opens after both", J("12-07 12:00"), OFFICE, [TUESDAY, RELEASE_DAY], "fail", "window.frozen.reason", J("12-09 10:00"), null],
    [
      "back-to-back freezes on a closed night: opens after both",
      J("12-06 20:00"),
      OFFICE,
      [RELEASE_DAY, TUESDAY],
      "fail",
      "window.closed",
      J("12-09 10:00"),
      null,
    ],
    ["London in winter (GMT)", U("2027-03-26 12:00"), LONDON, [], "pass", "window.open", U("2027-03-26 12:00"), U("2027-03-26 17:00")],
    ["London's clocks go forward: Monday opens at 09:00 BST", U("2027-03-26 18:00"), LONDON, [], "fail", "window.closed", U("2027-03-29 08:00"), null],
    ["London in summer (BST)", U("2027-03-29 11:00"), LONDON, [], "pass", "window.open", U("2027-03-29 11:00"), U("2027-03-29 16:00")],
    ["London's clocks go back: Monday opens at 09:00 GMT", U("2027-10-29 17:00"), LONDON, [], "fail", "window.closed", U("2027-11-01 09:00"), null],
    ["a start the clocks skip opens when they reach it", U("2027-03-27 12:00"), LONDON_SKIPPED, [], "fail", "window.closed", U("2027-03-28 01:30"), null],
    ["never opens: a freeze longer than the horizon", J("12-07 12:00"), OFFICE, [TWO_YEARS], "fail", "window.frozen.reason", null, null],
    ["never opens: closed now, frozen before it opens", J("12-12 12:00"), OFFICE, [FROM_SUNDAY], "fail", "window.never", null, null],
    ["no window, only past freezes: open", J("12-09 12:00"), undefined, [RELEASE_DAY], "pass", "window.none", J("12-09 12:00"), null],
    ["no window, no freezes: open", J("12-12 03:00"), undefined, [], "pass", "window.none", J("12-12 03:00"), null],
    [
      "no window, a freeze ahead: open until it",
      J("12-06 12:00"),
      undefined,
      [RELEASE_DAY],
      "pass",
      "window.none.freezeAhead",
      J("12-06 12:00"),
      J("12-07 00:00"),
    ],
    ["no window, frozen: opens when the freeze ends", J("12-07 12:00"), undefined, [RELEASE_DAY], "fail", "window.frozen.reason", J("12-08 00:00"), null],
  ] as const)("%s", (_what, now, window, freezes, status, detailKey, opensAt, closes) => {
    const result = checkChangeWindow(now, window, freezes);
    expect(result.id).toBe("window");
    expect(result.status).toBe(status);
    expect(result.detail.key).toBe(detailKey);
    expect(result.data?.["open"]).toBe(status === "pass");
    expect(result.data?.["frozen"]).toBe(detailKey.startsWith("window.frozen"));
    expect(result.data?.["opensAt"]).toBe(opensAt && iso(opensAt));
    expect(result.data?.["closesAt"]).toBe(closes && iso(closes));
    expect(nextOpening(now, window, freezes)?.toISOString() ?? null).toBe(opensAt && iso(opensAt));
  });

  it.each([
    ["open: the window's end", J("12-07 12:00"), OFFICE, [], J("12-07 17:00")],
    ["open: a freeze that begins first", J("12-07 12:00"), OFFICE, [FROM_3PM], J("12-07 15:00")],
    ["closed: now, nothing may start", J("12-07 18:00"), OFFICE, [], J("12-07 18:00")],
    ["frozen: now", J("12-07 12:00"), OFFICE, [RELEASE_DAY], J("12-07 12:00")],
    ["never closes: null", J("12-07 12:00"), ALWAYS, [], null],
    ["always open but for a freeze: its start", J("12-06 12:00"), ALWAYS, [RELEASE_DAY], J("12-07 00:00")],
  ] as const)("closesAt, %s", (_what, now, window, freezes, expected) => {
    expect(closesAt(now, window, freezes)?.toISOString() ?? null).toBe(expected && iso(expected));
  });

  it.each([
    ["a freeze starting mid-window names it", [FROM_3PM], "window.freezeAhead.reason"],
    ["a freeze without a reason", [freeze(J("12-07 15:00"), J("12-08 00:00"))], "window.freezeAhead"],
  ] as const)("open until a freeze: %s", (_what, freezes, lineKey) => {
    expect(checkChangeWindow(J("12-07 12:00"), OFFICE, freezes).lines?.map((line) => line.key)).toEqual([lineKey]);
  });

  it("a window that closes during a wave: the next wave's check, after the end, starts nothing", () => {
    const waveStarted = checkChangeWindow(J("12-07 16:50"), OFFICE, []);
    const nextWave = checkChangeWindow(J("12-07 17:05"), OFFICE, []);
    expect([waveStarted.status, nextWave.status]).toEqual(["pass", "fail"]);
    expect(nextWave.data?.["opensAt"]).toBe(iso(J("12-08 10:00")));
  });
});

describe("the change window's verdicts, as an operator in Tokyo reads them", () => {
  const NOW = new Date("2026-12-07T12:00:00+09:00");
  const HINT_EN =
    "Start the change once the window opens; to move the window or a freeze, change changeWindow: or freezes: in the config with the change board's agreement.";
  const HINT_JA =
    "作業時間帯になってから作業を開始してください。時間帯や凍結期間を変える場合は、変更管理の承認を得てから設定の changeWindow: または freezes: を変更してください。";
  const said = (lang: "en" | "ja", now: Date, window: ChangeWindow | undefined, freezes: readonly Freeze[]) => {
    const translate = createTranslator(lang, undefined, { zone: () => "Asia/Tokyo", now: () => now });
    const result = checkChangeWindow(now, window, freezes);
    return [result.detail, ...(result.lines ?? [])].map((line: Msg) => translate(line));
  };

  it.each([
    ["open", NOW, OFFICE, [], ["open until 2026-12-07 17:00 JST (in 5 hours)"], ["作業時間帯内です：2026-12-07 17:00 JST（5 時間後）まで作業できます"]],
    [
      "open until a freeze",
      NOW,
      OFFICE,
      [FROM_3PM],
      ["open until 2026-12-07 15:00 JST (in 3 hours)", "it closes early for a freeze: network maintenance"],
      ["作業時間帯内です：2026-12-07 15:00 JST（3 時間後）まで作業できます", "凍結期間（network maintenance）が始まるため、早めに閉じます"],
    ],
    [
      "closed",
      new Date("2026-12-07T09:00:00+09:00"),
      OFFICE,
      [],
      ["closed: opens 2026-12-07 10:00 JST (in 1 hour)", HINT_EN],
      ["作業時間帯外です：次は 2026-12-07 10:00 JST（1 時間後）から作業できます", HINT_JA],
    ],
    [
      "frozen",
      NOW,
      OFFICE,
      [RELEASE_DAY],
      ["frozen: release day until 2026-12-08 00:00 JST (in 12 hours)", "the window next opens 2026-12-08 10:00 JST (in 22 hours)", HINT_EN],
      ["凍結期間中です（release day）：2026-12-08 00:00 JST（12 時間後）まで", "次に作業できるのは 2026-12-08 10:00 JST（22 時間後）からです", HINT_JA],
    ],
    [
      "never opens",
      NOW,
      OFFICE,
      [TWO_YEARS],
      [
        "frozen: migration until 2028-12-31 00:00 JST (in 755 days)",
        "closed: the window never opens in the next 400 days (changeWindow.days and freezes leave no time)",
        HINT_EN,
      ],
      [
        "凍結期間中です（migration）：2028-12-31 00:00 JST（755 日後）まで",
        "作業時間帯外です：今後 400 日間に作業できる時間がありません（changeWindow.days と freezes を確認してください）",
        HINT_JA,
      ],
    ],
    [
      "no window, a freeze ahead",
      new Date("2026-12-06T12:00:00+09:00"),
      undefined,
      [RELEASE_DAY],
      ["no change window configured; open until 2026-12-07 00:00 JST (in 12 hours), when a freeze begins", "the freeze: release day"],
      ["作業時間帯は設定されていません。2026-12-07 00:00 JST（12 時間後）に凍結期間が始まるまで作業できます", "凍結期間の理由：release day"],
    ],
    [
      "no window",
      NOW,
      undefined,
      [],
      ["no change window configured: changes may start at any time"],
      ["作業時間帯は設定されていません（いつでも作業できます）"],
    ],
  ] as const)("%s", (_what, now, window, freezes, english, japanese) => {
    expect(said("en", now, window, freezes)).toEqual(english);
    expect(said("ja", now, window, freezes)).toEqual(japanese);
  });
});
