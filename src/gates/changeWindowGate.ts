import type { ChangeWindow, Freeze } from "../config/changeWindow.js";
import { addDays, instantOf, localDateOf, parseClock, weekdayOf } from "../config/zonedClock.js";
import { type Msg, msg } from "../messages/msg.js";
import type { GateResult } from "./types.js";

/** How far ahead the window is looked for: a year of freezes and then some, and no further. */
export const WINDOW_HORIZON_DAYS = 400;

const DAY_MS = 24 * 60 * 60_000;

interface Span {
  readonly start: number;
  readonly end: number;
}

/** Spans that overlap or touch become one: two windows back to back are one open stretch, two freezes one frozen stretch. */
function merged(spans: readonly Span[]): Span[] {
  const sorted = [...spans].sort((a, b) => a.start - b.start);
  const out: Span[] = [];
  for (const span of sorted) {
    const last = out.at(-1);
    if (last && span.start <= last.end) out[out.length - 1] = { start: last.start, end: Math.max(last.end, span.end) };
    else out.push(span);
  }
  return out;
}

/** Every opening of the window that overlaps [from, to): a day's opening may run past midnight, so the day before `from` is looked at too. */
function windowSpans(window: ChangeWindow, from: number, to: number): Span[] {
  const start = parseClock(window.start, false) ?? 0;
  const endClock = parseClock(window.end, true) ?? 1440;
  const end = endClock > start ? endClock : endClock + 1440;
  const spans: Span[] = [];
  const last = localDateOf(to, window.timeZone);
  for (let day = addDays(localDateOf(from, window.timeZone), -1); ; day = addDays(day, 1)) {
    if (window.days.includes(weekdayOf(day))) {
      const opens = instantOf(day, start, window.timeZone);
      const closes = end > 1440 ? instantOf(addDays(day, 1), end - 1440, window.timeZone) : instantOf(day, end, window.timeZone);
      if (closes > from && opens < to) spans.push({ start: opens, end: closes });
    }
    if (day.year === last.year && day.month === last.month && day.day === last.day) break;
  }
  return merged(spans);
}

/** The open stretches from `now` to the horizon: the window's openings (all of it when there is no window) less the freezes. */
function openSpans(now: number, window: ChangeWindow | undefined, freezes: readonly Freeze[]): { spans: Span[]; horizon: number } {
  const horizon = now + WINDOW_HORIZON_DAYS * DAY_MS;
  const frozen = merged(freezes.map((freeze) => ({ start: Date.parse(freeze.from), end: Date.parse(freeze.until) })));
  const open: Span[] = [];
  for (const span of window === undefined ? [{ start: now, end: horizon }] : windowSpans(window, now, horizon)) {
    let start = Math.max(span.start, now);
    const end = Math.min(span.end, horizon);
    for (const freeze of frozen) {
      if (freeze.end <= start || freeze.start >= end) continue;
      if (freeze.start > start) open.push({ start, end: freeze.start });
      start = Math.max(start, freeze.end);
    }
    if (start < end) open.push({ start, end });
  }
  return { spans: open, horizon };
}

/** `opens`: the first instant from `now` on that is open (null: none within the horizon); `closes`: when that stretch ends (null: past the horizon). */
function openingFrom(now: number, window: ChangeWindow | undefined, freezes: readonly Freeze[]): { opens: number | null; closes: number | null } {
  const { spans, horizon } = openSpans(now, window, freezes);
  const [first] = spans;
  if (first === undefined) return { opens: null, closes: null };
  return { opens: first.start, closes: first.end >= horizon ? null : first.end };
}

/** The first instant from `now` on at which a change may start: `now` itself when open; null when nothing opens within the horizon. */
export function nextOpening(now: Date, window: ChangeWindow | undefined, freezes: readonly Freeze[]): Date | null {
  const { opens } = openingFrom(now.getTime(), window, freezes);
  return opens === null ? null : new Date(opens);
}

/**
 * When the open stretch `now` is in ends: the window's end, or a freeze that begins first. `now`
 * itself when it is closed now (nothing may start); null when it stays open past the horizon.
 */
export function closesAt(now: Date, window: ChangeWindow | undefined, freezes: readonly Freeze[]): Date | null {
  const { opens, closes } = openingFrom(now.getTime(), window, freezes);
  if (opens === null || opens > now.getTime()) return now;
  return closes === null ? null : new Date(closes);
}

const iso = (at: number | Date) => new Date(at).toISOString();

/** Under "open until": the freeze that ends it. Without a window only its reason is news (the detail already says a freeze begins). */
function freezeLine(freeze: Freeze, windowClosesEarly: boolean): Msg {
  if (freeze.reason === undefined) return msg("window.freezeAhead");
  return windowClosesEarly ? msg("window.freezeAhead.reason", { reason: freeze.reason }) : msg("window.freezeReason", { reason: freeze.reason });
}

/**
 * May a change (an apply's next wave) start now? Open: until when. Closed: when it opens next, or
 * that it never does within the horizon. Frozen: which freeze, until when. Apply asks before each
 * wave, so a window that closes mid-wave lets that wave finish and starts no other.
 */
export function checkChangeWindow(now: Date, window: ChangeWindow | undefined, freezes: readonly Freeze[]): GateResult {
  const at = now.getTime();
  const found = openingFrom(at, window, freezes);
  const opens = found.opens === null ? null : new Date(found.opens);
  const open = found.opens === at;
  const closes = open && found.closes !== null ? new Date(found.closes) : null;
  const frozenBy = freezes.find((freeze) => Date.parse(freeze.from) <= at && at < Date.parse(freeze.until));
  const data = {
    open,
    opensAt: opens === null ? null : iso(opens),
    closesAt: closes === null ? null : iso(closes),
    frozen: frozenBy !== undefined,
    freezeReason: frozenBy?.reason ?? null,
    frozenUntil: frozenBy?.until ?? null,
    timeZone: window?.timeZone ?? null,
  };
  if (open) {
    const freezeAhead = closes === null ? undefined : freezes.find((freeze) => Date.parse(freeze.from) === closes.getTime());
    const lines: Msg[] = freezeAhead === undefined ? [] : [freezeLine(freezeAhead, window !== undefined)];
    const detail =
      closes === null
        ? window === undefined
          ? msg("window.none")
          : msg("window.openNoEnd", { days: WINDOW_HORIZON_DAYS })
        : window === undefined
          ? msg("window.none.freezeAhead", { closesAt: iso(closes) })
          : msg("window.open", { closesAt: iso(closes) });
    return { id: "window", status: "pass", detail, lines, data };
  }
  const next = opens === null ? msg("window.never", { days: WINDOW_HORIZON_DAYS }) : msg("window.opensAt", { opensAt: iso(opens) });
  if (frozenBy !== undefined) {
    const detail =
      frozenBy.reason === undefined
        ? msg("window.frozen", { until: frozenBy.until })
        : msg("window.frozen.reason", { reason: frozenBy.reason, until: frozenBy.until });
    return { id: "window", status: "fail", detail, lines: [next, msg("window.closed.hint")], data };
  }
  const detail = opens === null ? msg("window.never", { days: WINDOW_HORIZON_DAYS }) : msg("window.closed", { opensAt: iso(opens) });
  return { id: "window", status: "fail", detail, lines: [msg("window.closed.hint")], data };
}
