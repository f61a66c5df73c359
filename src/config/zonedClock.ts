/**
 * Wall clocks in an IANA zone, for the change window and freezes: which calendar day an instant
 * falls on there, and which instant a day's "10:00" is. Intl is the only zone database byodkim
 * carries, so both go through it.
 */

/** A calendar day in some zone; `month` is 1–12. */
export interface LocalDate {
  readonly year: number;
  readonly month: number;
  readonly day: number;
}

export type Weekday = "mon" | "tue" | "wed" | "thu" | "fri" | "sat" | "sun";
/** In the order a week is written in the config, Monday first. */
export const WEEKDAYS: readonly Weekday[] = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"];
const BY_UTC_DAY: readonly Weekday[] = ["sun", "mon", "tue", "wed", "thu", "fri", "sat"];

const MINUTE_MS = 60_000;
const DAY_MS = 24 * 60 * MINUTE_MS;

const formatters = new Map<string, Intl.DateTimeFormat>();
function wallFormatter(zone: string): Intl.DateTimeFormat {
  let made = formatters.get(zone);
  if (!made) {
    made = new Intl.DateTimeFormat("en-US", {
      timeZone: zone,
      year: "numeric",
      month: "numeric",
      day: "numeric",
      hour: "numeric",
      minute: "numeric",
      second: "numeric",
      hourCycle: "h23",
    });
    formatters.set(zone, made);
  }
  return made;
}

/** The wall clock in `zone` at an instant, read back as if it were UTC (so two wall clocks subtract). */
function wallAsUtc(instantMs: number, zone: string): number {
  const parts = wallFormatter(zone).formatToParts(new Date(instantMs));
  const part = (type: Intl.DateTimeFormatPartTypes) => Number(parts.find((p) => p.type === type)?.value ?? 0);
  return Date.UTC(part("year"), part("month") - 1, part("day"), part("hour"), part("minute"), part("second"));
}

/** How far `zone` is ahead of UTC at an instant (+9 h for Tokyo, +1 h for London in summer). */
const offsetAt = (instantMs: number, zone: string): number => wallAsUtc(instantMs, zone) - Math.floor(instantMs / 1000) * 1000;

export function localDateOf(instantMs: number, zone: string): LocalDate {
  const wall = new Date(wallAsUtc(instantMs, zone));
  return { year: wall.getUTCFullYear(), month: wall.getUTCMonth() + 1, day: wall.getUTCDate() };
}

export function addDays(date: LocalDate, days: number): LocalDate {
  const moved = new Date(Date.UTC(date.year, date.month - 1, date.day + days));
  return { year: moved.getUTCFullYear(), month: moved.getUTCMonth() + 1, day: moved.getUTCDate() };
}

export const weekdayOf = (date: LocalDate): Weekday => BY_UTC_DAY[new Date(Date.UTC(date.year, date.month - 1, date.day)).getUTCDay()]!;

/**
 * The instant a day's wall clock (`minutes` after its midnight; 1440 is the next midnight) shows in
 * `zone`. A time summer time skips (London's 01:30 on its last Sunday of March) is taken as the
 * instant the clocks reach it after the jump (02:30 BST); a time shown twice (01:30 on the last
 * Sunday of October) as its first showing. That is what a person at the wall clock would live.
 */
export function instantOf(date: LocalDate, minutes: number, zone: string): number {
  const wall = Date.UTC(date.year, date.month - 1, date.day) + minutes * MINUTE_MS;
  // Zones change their offset at most once a day: the offsets a day either side bracket the answer.
  const candidates = [...new Set([offsetAt(wall - DAY_MS, zone), offsetAt(wall + DAY_MS, zone)])].map((offset) => ({ offset, at: wall - offset }));
  const shown = candidates.filter(({ at }) => wallAsUtc(at, zone) === wall).map(({ at }) => at);
  if (shown.length > 0) return Math.min(...shown);
  // Skipped: the offset before the jump places the wall time after it.
  return wall - offsetAt(wall - DAY_MS, zone);
}

/** "2026-12-28" as a real calendar day, or undefined (2026-02-30, 2026-1-5). */
export function parseLocalDate(text: string): LocalDate | undefined {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!match) return undefined;
  const date = { year: Number(match[1]), month: Number(match[2]), day: Number(match[3]) };
  const back = addDays(date, 0);
  return back.year === date.year && back.month === date.month && back.day === date.day ? date : undefined;
}

/** "HH:MM" on a 24-hour clock as minutes after midnight; "24:00" (the day's end) only when `allowDayEnd`. */
export function parseClock(text: string, allowDayEnd: boolean): number | undefined {
  const match = /^([01]\d|2[0-4]):([0-5]\d)$/.exec(text);
  if (!match) return undefined;
  const minutes = Number(match[1]) * 60 + Number(match[2]);
  if (minutes > 1440 || (minutes === 1440 && !allowDayEnd)) return undefined;
  return minutes;
}
