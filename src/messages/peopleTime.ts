/**
 * Times as people read them: in the operator's zone, to the minute, with the zone's abbreviation and,
 * for a deadline, how far away it is. Journals, `--json` and metrics keep UTC ISO; this is only for
 * text a person reads (the terminal, the change report, notices).
 */

export type PeopleLang = "en" | "ja";

/** The zone byodkim shows times in when nothing names one and the operator reads Japanese. */
export const JAPAN_ZONE = "Asia/Tokyo";

export interface PeopleTimeOptions {
  /** Add how far the time is from `now` ("in 7 days", "7 日後"): for deadlines and due dates. */
  readonly relative?: boolean;
  /** Show seconds: for the steps of one run, which are seconds apart. */
  readonly seconds?: boolean;
  /**
   * Round up to the minute instead of down: a deadline shown to the minute must not read earlier
   * than it is ("retire allowed after 05:53" for 05:53:30 would send the operator back once).
   */
  readonly roundUp?: boolean;
}

/** An IANA zone Intl knows (Asia/Tokyo, UTC, America/New_York); its canonical spelling, or undefined. */
export function canonicalTimeZone(zone: string): string | undefined {
  // Newer Intl takes a bare offset (+09:00) as a zone; it has no name and no summer time, so not here.
  if (zone.trim() === "" || zone !== zone.trim() || /^[+-]/.test(zone)) return undefined;
  try {
    return new Intl.DateTimeFormat("en-US", { timeZone: zone }).resolvedOptions().timeZone;
  } catch {
    return undefined;
  }
}

export const isTimeZone = (zone: string): boolean => canonicalTimeZone(zone) !== undefined;

/**
 * The zone for people's times: the config's `timeZone:` (validated when the config is read), else
 * TZ when it names an IANA zone (`:Asia/Tokyo` too; a POSIX rule such as `JST-9` is the C library's
 * business, not Intl's, and is passed over), else Asia/Tokyo for a Japanese reader and UTC otherwise.
 */
export function resolveTimeZone(configZone: string | undefined, env: NodeJS.ProcessEnv, lang: PeopleLang): string {
  const fromConfig = configZone === undefined ? undefined : canonicalTimeZone(configZone);
  if (fromConfig) return fromConfig;
  const tz = (env["TZ"] ?? "").replace(/^:/, "");
  const fromEnv = tz === "" ? undefined : canonicalTimeZone(tz);
  if (fromEnv) return fromEnv;
  return lang === "ja" ? JAPAN_ZONE : "UTC";
}

const MINUTE_MS = 60_000;
const HOUR_MS = 60 * MINUTE_MS;
const DAY_MS = 24 * HOUR_MS;

const formatters = new Map<string, Intl.DateTimeFormat>();
const formatter = (locale: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat => {
  const id = `${locale} ${JSON.stringify(options)}`;
  let made = formatters.get(id);
  if (!made) {
    made = new Intl.DateTimeFormat(locale, options);
    formatters.set(id, made);
  }
  return made;
};

const partOf = (parts: Intl.DateTimeFormatPart[], type: Intl.DateTimeFormatPartTypes) => parts.find((part) => part.type === type)?.value ?? "";

/**
 * The zone's short name at that moment (JST, UTC, EST/EDT, GMT, CET): ICU knows some names only in
 * some locales (JST in Japanese, CET in British English), so each is asked; where none has a
 * name, the offset as people write it (+09:00, -05:00, +05:30).
 */
function zoneAbbreviation(date: Date, zone: string): string {
  for (const locale of ["en-US", "ja-JP", "en-GB"]) {
    const name = partOf(formatter(locale, { timeZone: zone, timeZoneName: "short" }).formatToParts(date), "timeZoneName");
    if (/^[A-Z]{2,5}$/.test(name)) return name;
  }
  const offset = partOf(formatter("en-US", { timeZone: zone, timeZoneName: "longOffset" }).formatToParts(date), "timeZoneName");
  return offset === "GMT" ? "+00:00" : offset.replace(/^GMT/, "");
}

/** "in 7 days" / "7 日後", "3 hours ago" / "3 時間前": minutes under an hour, hours under two days, days beyond. */
export function relativeTime(at: Date, now: Date, lang: PeopleLang): string {
  const diff = at.getTime() - now.getTime();
  const future = diff >= 0;
  const size = Math.abs(diff);
  if (size < MINUTE_MS) {
    if (lang === "ja") return future ? "1 分以内" : "たった今";
    return future ? "within a minute" : "just now";
  }
  const [count, unit] =
    size < HOUR_MS ? [Math.round(size / MINUTE_MS), "minute"] : size < 2 * DAY_MS ? [Math.round(size / HOUR_MS), "hour"] : [Math.round(size / DAY_MS), "day"];
  if (lang === "ja") {
    const jaUnit = unit === "minute" ? "分" : unit === "hour" ? "時間" : "日";
    return `${count} ${jaUnit}${future ? "後" : "前"}`;
  }
  const units = `${count} ${unit}${count === 1 ? "" : "s"}`;
  return future ? `in ${units}` : `${units} ago`;
}

const asDate = (at: Date | string): Date => (at instanceof Date ? at : new Date(at));

/**
 * `2026-12-11 05:53 JST（7 日後）` in ja, `2026-12-11 05:53 JST (in 7 days)` in en. A time that is not
 * a time (an unreadable journal value) is shown as it was given; a zone Intl does not know is
 * shown as UTC ISO, which is never wrong, only less friendly.
 */
export function formatPeopleTime(at: Date | string, zone: string, lang: PeopleLang, now?: Date, options: PeopleTimeOptions = {}): string {
  const date = asDate(at);
  if (Number.isNaN(date.getTime())) return String(at);
  const canonical = canonicalTimeZone(zone);
  if (!canonical) return date.toISOString();
  const unit = options.seconds ? 1000 : MINUTE_MS;
  const shown = new Date((options.roundUp ? Math.ceil : Math.floor)(date.getTime() / unit) * unit);
  const parts = formatter("en-US", {
    timeZone: canonical,
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
    hour: "2-digit",
    minute: "2-digit",
    second: "2-digit",
    hourCycle: "h23",
  }).formatToParts(shown);
  const [year, month, day, hour, minute, second] = (["year", "month", "day", "hour", "minute", "second"] as const).map((type) => partOf(parts, type));
  const clock = options.seconds ? `${hour}:${minute}:${second}` : `${hour}:${minute}`;
  const text = `${year}-${month}-${day} ${clock} ${zoneAbbreviation(shown, canonical)}`;
  if (!options.relative || !now) return text;
  const relative = relativeTime(date, now, lang);
  return lang === "ja" ? `${text}（${relative}）` : `${text} (${relative})`;
}

/** A value byodkim wrote as a UTC ISO time (toISOString, or any RFC 3339 time with a zone). */
const ISO_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;

export const isIsoTime = (value: unknown): value is string => typeof value === "string" && ISO_TIME.test(value) && !Number.isNaN(Date.parse(value));

/**
 * Message params that name a deadline or a due date: shown with how far away they are, and
 * rounded up to the minute. Every other ISO time in a message (when something happened) is shown
 * without, so a sentence does not fill with "3 days ago".
 */
export const DEADLINE_PARAMS: ReadonlySet<string> = new Set(["until", "date", "expiresAt", "rotationDueAt", "dueAt", "retireAfter", "opensAt", "closesAt"]);

/** Times seconds apart within one run (the probes of a change's wait): shown to the second. */
export const SECONDS_PARAMS: ReadonlySet<string> = new Set(["sentAt", "firstSentAt", "lastSentAt", "newSentAt"]);
