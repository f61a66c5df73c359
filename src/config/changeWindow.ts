import { canonicalTimeZone, isIsoTime, JAPAN_ZONE } from "../messages/peopleTime.js";
import type { ConfigReader } from "./configReader.js";
import { hasControlCharacter } from "./names.js";
import { addDays, instantOf, parseClock, parseLocalDate, WEEKDAYS, type Weekday } from "./zonedClock.js";

export type { Weekday } from "./zonedClock.js";

/**
 * `changeWindow:`, when a change may start: on `days`, from `start` to `end` on the zone's wall
 * clock. An `end` before `start` spans midnight and belongs to the day it starts on ("fri 22:00 to
 * 06:00" is Friday night into Saturday); "24:00" ends at the day's midnight.
 */
export interface ChangeWindow {
  readonly timeZone: string;
  readonly days: readonly Weekday[];
  /** "HH:MM", as the config wrote it. */
  readonly start: string;
  readonly end: string;
}

/**
 * One `freezes:` entry, resolved to instants when the config is read: a date names its whole day in
 * the window's zone, so `to: 2027-01-03` freezes through that day's end.
 */
export interface Freeze {
  /** UTC ISO: the freeze's first instant. */
  readonly from: string;
  /** UTC ISO: the first instant after it (a freeze is [from, until)). */
  readonly until: string;
  readonly reason?: string;
}

/** What `changeWindow:` and `freezes:` say together; either may be absent. */
export interface ChangeCalendar {
  readonly window: ChangeWindow | undefined;
  readonly freezes: readonly Freeze[];
}

export const CHANGE_WINDOW_KEYS = ["changeWindow", "freezes"] as const;

const isWeekday = (value: unknown): value is Weekday => WEEKDAYS.includes(value as Weekday);

const CLOCK_EXPECTED = 'a time on the 24-hour clock in quotes, "HH:MM" such as "10:00"';
const FREEZE_POINT_EXPECTED =
  'a date "YYYY-MM-DD" (the whole day in the change window\'s time zone) or an ISO time with its zone such as 2026-12-28T18:00:00+09:00';

/** The config's own `timeZone:` when it names a zone, else Japan's: the window is a Japanese change board's. */
function defaultZone(read: ConfigReader): string {
  const zone = read.value("timeZone");
  return (typeof zone === "string" ? canonicalTimeZone(zone) : undefined) ?? JAPAN_ZONE;
}

/** `changeWindow:` and `freezes:`; undefined when the config has neither (changes may start at any time). */
export function readChangeWindow(read: ConfigReader): ChangeCalendar | undefined {
  const windowValue = read.value("changeWindow");
  const freezesValue = read.value("freezes");
  if ((windowValue === undefined || windowValue === null) && (freezesValue === undefined || freezesValue === null)) return undefined;
  const window = readWindow(read);
  const zone = window?.timeZone ?? defaultZone(read);
  return { window, freezes: readFreezes(read, zone) };
}

function readWindow(read: ConfigReader): ChangeWindow | undefined {
  const expected = 'a mapping { timeZone, days, start, end }, e.g. { days: [mon, tue, wed, thu, fri], start: "10:00", end: "17:00" }';
  if (!read.mapping("changeWindow", expected, ["timeZone", "days", "start", "end"])) return undefined;
  const zoneText = read.optionalString("changeWindow.timeZone", "an IANA time zone such as Asia/Tokyo", (s) => canonicalTimeZone(s) !== undefined);
  const timeZone = (zoneText === undefined ? undefined : canonicalTimeZone(zoneText)) ?? defaultZone(read);

  const days = read.value("changeWindow.days");
  const daysExpected = `a list of the days changes may start on, each once, from: ${WEEKDAYS.join(", ")}`;
  const daysValid = Array.isArray(days) && days.length > 0 && days.every(isWeekday) && new Set(days).size === days.length;
  if (!daysValid) read.problem("changeWindow.days", daysExpected);

  const start = read.string("changeWindow.start", CLOCK_EXPECTED, (s) => parseClock(s, false) !== undefined);
  const end = read.string("changeWindow.end", `${CLOCK_EXPECTED}, or "24:00" for the day's end`, (s) => parseClock(s, true) !== undefined);
  const startMinutes = parseClock(start, false);
  const endMinutes = parseClock(end, true);
  if (startMinutes !== undefined && endMinutes !== undefined && startMinutes === endMinutes) {
    read.problem("changeWindow.end", `a time other than start (${start}); for a whole day write start: "00:00" and end: "24:00"`);
  }
  if (!daysValid || startMinutes === undefined || endMinutes === undefined || startMinutes === endMinutes) return undefined;
  return { timeZone, days: WEEKDAYS.filter((day) => (days as Weekday[]).includes(day)), start, end };
}

/** A freeze's reason is printed on one line of a terminal, a plan and a notice. */
const isReasonText = (text: string) => text.trim().length > 0 && text.length <= 200 && !hasControlCharacter(text);

function readFreezes(read: ConfigReader, zone: string): Freeze[] {
  const entries = read.mappings(
    "freezes",
    'a list of { from, to, reason }, e.g. { from: "2026-12-28", to: "2027-01-03", reason: 年末年始 }',
    "a mapping with from, to and optionally reason",
    ["from", "to", "reason"],
  );
  return entries.flatMap((at): Freeze[] => {
    const from = freezePoint(read, `${at}.from`, zone, "start");
    const to = freezePoint(read, `${at}.to`, zone, "end");
    const reason = read.optionalString(`${at}.reason`, "why changes are frozen, on one line (at most 200 characters)", isReasonText);
    if (from === undefined || to === undefined) return [];
    if (to <= from) {
      read.problem(`${at}.to`, `a date or time after from (${String(read.value(`${at}.from`))})`);
      return [];
    }
    const freeze = { from: new Date(from).toISOString(), until: new Date(to).toISOString() };
    return [reason === undefined || !isReasonText(reason) ? freeze : { ...freeze, reason: reason.trim() }];
  });
}

/** A date's first instant as `from`, the instant after its last as `to` (whole days, inclusive); an ISO time as itself. */
function freezePoint(read: ConfigReader, path: string, zone: string, side: "start" | "end"): number | undefined {
  const text = read.string(path, FREEZE_POINT_EXPECTED, (s) => parseLocalDate(s) !== undefined || isIsoTime(s));
  const date = parseLocalDate(text);
  if (date !== undefined) return side === "start" ? instantOf(date, 0, zone) : instantOf(addDays(date, 1), 0, zone);
  return isIsoTime(text) ? Date.parse(text) : undefined;
}
