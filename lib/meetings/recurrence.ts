/**
 * Recurring meetings: building, reading, describing and expanding RFC 5545
 * RRULE values.
 *
 * Semantics (kept identical to what calendar apps do with our .ics output):
 * - A series is stored as its first occurrence (`startsAt`/`endsAt`, UTC
 *   instants), the organiser's IANA zone and an RRULE value (no "RRULE:"
 *   prefix, no DTSTART). `recurrence: null` is a single meeting.
 * - Wall-clock semantics: the rule is iterated on the organiser's *wall
 *   clock*, so a weekly 09:00 Europe/Berlin meeting stays at 09:00 Berlin
 *   across DST changes and its UTC instant moves by an hour. Occurrences that
 *   fall into a DST gap move forward by the gap, overlaps take the earlier
 *   instant (see `zonedWallTimeToUtc`).
 * - Every occurrence lasts exactly as long as the first one (RFC 5545:
 *   "the same exact duration will apply to all members of the recurrence set").
 * - UNTIL is a UTC instant, inclusive; `buildRRule` sets it to the last second
 *   of the chosen day in the meeting's zone.
 * - Like rrule.js, dateutil and ical.js, DTSTART only counts as an occurrence
 *   when it matches the rule. `buildRRule` refuses rules that do not match
 *   their first start, because RFC 5545 leaves that case undefined and
 *   calendar apps disagree about it.
 *
 * `rrule` (npm) does the calendar arithmetic (BYDAY, BYMONTHDAY, INTERVAL,
 * COUNT) on *floating* dates. Its own `tzid` option is deliberately not used:
 * it converts via the process's local zone, so results would depend on the
 * server's TZ. Each floating occurrence is converted to a real instant with
 * `fromFloatingWallTime`, and UNTIL is compared against real instants here.
 */
import * as rruleModule from 'rrule';
import type { Options, Weekday as RRuleWeekday } from 'rrule';

import {
  formatDateLabel,
  fromFloatingWallTime,
  isValidTimeZone,
  toFloatingWallTime,
  utcToZonedParts,
  zonedWallTimeToUtc,
} from '@/lib/time/zones';

export type Weekday = 'MO' | 'TU' | 'WE' | 'TH' | 'FR' | 'SA' | 'SU';

type RecurrenceEnd =
  | { kind: 'never' }
  /** Inclusive last day, 'YYYY-MM-DD' in the meeting's zone. */
  | { kind: 'until'; date: string }
  /** Total number of occurrences, 1..500. */
  | { kind: 'count'; count: number };

export type RecurrenceInput = {
  frequency: 'none' | 'daily' | 'weekly' | 'monthly';
  /** Weekly only; defaults to the first start's weekday. */
  weekdays?: Weekday[];
  /** 1..52, default 1. */
  interval?: number;
  end: RecurrenceEnd;
};

export type RecurringSeries = {
  /** Start of the first occurrence. */
  startsAt: Date;
  /** End of the first occurrence; fixes every occurrence's duration. */
  endsAt: Date;
  /** IANA zone whose wall clock the rule follows. */
  timeZone: string;
  /** RRULE value without "RRULE:", or null for a single meeting. */
  recurrence: string | null;
  /** Start instants of cancelled occurrences. */
  cancelledOccurrences?: Date[];
};

export type Occurrence = { startsAt: Date; endsAt: Date; cancelled: boolean };

const WEEKDAYS: readonly Weekday[] = ['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'];
const MAX_INTERVAL = 52;
const MAX_COUNT = 500;
/** Most occurrences a single expansion returns. */
export const MAX_OCCURRENCES_PER_CALL = 1000;

const DAY_MS = 24 * 60 * 60 * 1000;
/** Far enough to cover any zone offset difference between wall and UTC time. */
const WINDOW_MARGIN_MS = 2 * DAY_MS;
/**
 * No occurrence more than this long after a series' first start is ever visited. Meetings are
 * scheduled from one year back to ten years ahead (see `lib/meetings/schemas.ts`), so every series
 * the portal accepts lies inside it; older or hand-written rules are cut off here.
 */
export const MAX_SERIES_SPAN_MS = 11 * 366 * DAY_MS;
/**
 * Most rule candidates one call looks at, counted from the first occurrence (rrule always iterates
 * from DTSTART). An eleven-year daily series has about 4,020; this bounds any other rule too.
 */
export const MAX_SCANNED_OCCURRENCES = 5000;

const WEEKDAY_NAMES: Record<Weekday, string> = {
  MO: 'Monday',
  TU: 'Tuesday',
  WE: 'Wednesday',
  TH: 'Thursday',
  FR: 'Friday',
  SA: 'Saturday',
  SU: 'Sunday',
};
/** JS weekday index (0 = Sunday) → RFC 5545 weekday. */
const JS_DAY_TO_WEEKDAY: readonly Weekday[] = ['SU', 'MO', 'TU', 'WE', 'TH', 'FR', 'SA'];

// Bundlers load rrule's ESM build ("module"), which has named exports. Node's
// own ESM loader (tests, scripts) only sees its UMD "main", whose exports
// arrive as the default export. Reflect.get keeps bundlers from warning about
// a missing default export.
const rruleLib: typeof rruleModule =
  'RRule' in rruleModule ? rruleModule : (rruleModule as unknown as { default: typeof rruleModule }).default;
const { Frequency, RRule } = rruleLib;

// ---------------------------------------------------------------------------
// Parsing RRULE values
// ---------------------------------------------------------------------------

type ParsedRule = {
  options: Partial<Options>;
  /** UNTIL as a UTC instant (ms), inclusive; null when absent. */
  untilMs: number | null;
};

function stripPrefix(rrule: string): string {
  const value = rrule.trim();
  return value.toUpperCase().startsWith('RRULE:') ? value.slice('RRULE:'.length) : value;
}

/**
 * Parses any RRULE value rrule.js understands. UNTIL is taken out of the
 * options and resolved to an instant: 'Z' values as given, floating
 * date-times on the zone's wall clock, DATE values as the end of that day.
 */
function parseRule(rrule: string, zone: string): ParsedRule {
  const value = stripPrefix(rrule);
  if (!/^[A-Za-z0-9=;,+-]+$/.test(value)) throw new RangeError(`Invalid RRULE: ${JSON.stringify(rrule)}`);
  let options: Partial<Options>;
  try {
    options = RRule.parseString(value);
  } catch (error) {
    throw new RangeError(`Invalid RRULE: ${JSON.stringify(rrule)}`, { cause: error });
  }
  // Meetings repeat daily at most often: an hourly or finer rule is refused, so none can be expanded.
  if (options.freq === undefined || options.freq > Frequency.DAILY || options.dtstart || options.tzid) {
    throw new RangeError(`Invalid RRULE: ${JSON.stringify(rrule)}`);
  }
  delete options.until;

  let untilMs: number | null = null;
  const until = /(?:^|;)UNTIL=(\d{4})(\d{2})(\d{2})(?:T(\d{2})(\d{2})(\d{2})(Z)?)?(?:;|$)/i.exec(value);
  if (until) {
    const [, y, mo, d, h, mi, s, z] = until;
    const date = `${y}-${mo}-${d}`;
    if (h === undefined) untilMs = endOfLocalDay(date, zone).getTime();
    else if (z) untilMs = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s));
    else untilMs = zonedWallTimeToUtc(date, `${h}:${mi}:${s}`, zone).getTime();
  } else if (/(?:^|;)UNTIL=/i.test(value)) {
    throw new RangeError(`Invalid RRULE UNTIL: ${JSON.stringify(rrule)}`);
  }
  return { options, untilMs };
}

/**
 * True when `rrule` (with or without "RRULE:") is a single, well-formed RRULE value of the shapes this
 * module builds and expands (see {@link buildRRule}).
 */
export function isValidRRule(rrule: string, zone: string): boolean {
  return simpleRule(rrule, zone) !== null;
}

function weekdayOf(value: RRuleWeekday | number | string): Weekday | null {
  if (typeof value === 'string') return (WEEKDAYS as readonly string[]).includes(value) ? (value as Weekday) : null;
  if (typeof value === 'number') return WEEKDAYS[value] ?? null;
  return value.n ? null : (WEEKDAYS[value.weekday] ?? null);
}

function asArray<T>(value: T | T[] | null | undefined): T[] {
  if (value === null || value === undefined) return [];
  return Array.isArray(value) ? value : [value];
}

/** The subset of RRULE this module builds; null for anything else. */
type SimpleRule = {
  frequency: 'daily' | 'weekly' | 'monthly';
  interval: number;
  weekdays: Weekday[] | null;
  monthDay: number | null;
  untilMs: number | null;
  count: number | null;
};

function simpleRule(rrule: string, zone: string): SimpleRule | null {
  let parsed: ParsedRule;
  try {
    parsed = parseRule(rrule, zone);
  } catch {
    return null;
  }
  const { freq, interval, count, byweekday, bymonthday, wkst, ...rest } = parsed.options;
  if (Object.values(rest).some((v) => v !== undefined && v !== null)) return null;
  if (wkst !== undefined && wkst !== null && weekdayOf(wkst) !== 'MO') return null;

  const frequency =
    freq === Frequency.DAILY ? 'daily' : freq === Frequency.WEEKLY ? 'weekly' : freq === Frequency.MONTHLY ? 'monthly' : null;
  if (!frequency) return null;

  const days = asArray(byweekday).map(weekdayOf);
  if (days.some((d) => d === null) || (days.length > 0 && frequency !== 'weekly')) return null;
  const monthDays = asArray(bymonthday);
  if (monthDays.length > 1 || (monthDays.length > 0 && frequency !== 'monthly')) return null;
  const monthDay = monthDays[0] ?? null;
  if (monthDay !== null && (monthDay < 1 || monthDay > 31)) return null;

  return {
    frequency,
    interval: interval ?? 1,
    weekdays: days.length > 0 ? WEEKDAYS.filter((w) => days.includes(w)) : null,
    monthDay,
    untilMs: parsed.untilMs,
    count: count ?? null,
  };
}

// ---------------------------------------------------------------------------
// Building / reading rules for forms
// ---------------------------------------------------------------------------

/** The last second of a local day in `zone`, as an instant (handles 23- and 25-hour days). */
function endOfLocalDay(date: string, zone: string): Date {
  const noon = zonedWallTimeToUtc(date, '12:00', 'UTC'); // validates `date`
  const nextDate = new Date(noon.getTime() + DAY_MS).toISOString().slice(0, 10);
  const startOfNextDay = zonedWallTimeToUtc(nextDate, '00:00', zone);
  return new Date(startOfNextDay.getTime() - 1000);
}

function formatUtcStamp(instant: Date): string {
  return instant.toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');
}

/**
 * RRULE value (no "RRULE:" prefix, no DTSTART) for a form's recurrence
 * choice, or null for 'none'. Examples:
 * `FREQ=WEEKLY;BYDAY=MO,WE;UNTIL=20260430T215959Z`, `FREQ=DAILY;COUNT=10`,
 * `FREQ=MONTHLY;INTERVAL=2;BYMONTHDAY=31`.
 *
 * - weekly: BYDAY is always written (default: the first start's weekday in
 *   `zone`) and must include the first start's weekday;
 * - monthly: BYMONTHDAY = the first start's day of month in `zone`. Months
 *   without that day are skipped (RFC 5545), e.g. the 31st skips April;
 * - until: the last second of that day in `zone`, as UTC (inclusive). It may
 *   not be before the first start's day.
 *
 * @throws RangeError for invalid input (interval, count, date, zone, weekdays).
 */
export function buildRRule(input: RecurrenceInput, firstStartUtc: Date, zone: string): string | null {
  if (input.frequency === 'none') return null;
  if (!isValidTimeZone(zone)) throw new RangeError(`Invalid time zone: ${JSON.stringify(zone)}`);
  const start = utcToZonedParts(firstStartUtc, zone);
  const parts: string[] = [];

  switch (input.frequency) {
    case 'daily':
      parts.push('FREQ=DAILY');
      break;
    case 'weekly':
      parts.push('FREQ=WEEKLY');
      break;
    case 'monthly':
      parts.push('FREQ=MONTHLY');
      break;
    default:
      throw new RangeError(`Unknown frequency: ${JSON.stringify((input as { frequency: unknown }).frequency)}`);
  }

  const interval = input.interval ?? 1;
  if (!Number.isInteger(interval) || interval < 1 || interval > MAX_INTERVAL) {
    throw new RangeError(`Interval must be a whole number from 1 to ${MAX_INTERVAL}`);
  }
  if (interval > 1) parts.push(`INTERVAL=${interval}`);

  if (input.frequency === 'weekly') {
    const startDay = JS_DAY_TO_WEEKDAY[start.weekday] as Weekday;
    const chosen = input.weekdays && input.weekdays.length > 0 ? input.weekdays : [startDay];
    if (chosen.some((d) => !WEEKDAYS.includes(d))) throw new RangeError('Unknown weekday');
    if (!chosen.includes(startDay)) {
      throw new RangeError(`The first meeting (a ${WEEKDAY_NAMES[startDay]}) must be on one of the chosen weekdays`);
    }
    parts.push(`BYDAY=${WEEKDAYS.filter((d) => chosen.includes(d)).join(',')}`);
  } else if (input.frequency === 'monthly') {
    parts.push(`BYMONTHDAY=${Number(start.date.slice(8, 10))}`);
  }

  const end = input.end;
  if (end.kind === 'until') {
    const until = endOfLocalDay(end.date, zone); // validates the date
    if (end.date < start.date) throw new RangeError('The series cannot end before its first meeting');
    parts.push(`UNTIL=${formatUtcStamp(until)}`);
  } else if (end.kind === 'count') {
    if (!Number.isInteger(end.count) || end.count < 1 || end.count > MAX_COUNT) {
      throw new RangeError(`Count must be a whole number from 1 to ${MAX_COUNT}`);
    }
    parts.push(`COUNT=${end.count}`);
  } else if (end.kind !== 'never') {
    throw new RangeError('Unknown end kind');
  }
  return parts.join(';');
}

/**
 * The form input a stored rule came from (inverse of {@link buildRRule}).
 * UNTIL is turned back into the inclusive local date in `zone`; a weekly rule
 * without BYDAY gets the first start's weekday.
 *
 * @throws RangeError for rules outside what the form can express.
 */
export function parseRRule(rrule: string | null, firstStartUtc: Date, zone: string): RecurrenceInput {
  if (rrule === null || rrule.trim() === '') return { frequency: 'none', end: { kind: 'never' } };
  const rule = simpleRule(rrule, zone);
  if (!rule || (rule.untilMs !== null && rule.count !== null)) {
    throw new RangeError(`Unsupported recurrence rule: ${JSON.stringify(rrule)}`);
  }
  const end: RecurrenceEnd =
    rule.untilMs !== null
      ? { kind: 'until', date: utcToZonedParts(new Date(rule.untilMs), zone).date }
      : rule.count !== null
        ? { kind: 'count', count: rule.count }
        : { kind: 'never' };
  const input: RecurrenceInput = { frequency: rule.frequency, interval: rule.interval, end };
  if (rule.frequency === 'weekly') {
    input.weekdays = rule.weekdays ?? [weekdayOfDate(utcToZonedParts(firstStartUtc, zone).date)];
  }
  return input;
}

/** The weekday of a calendar date 'YYYY-MM-DD' (e.g. to check the first date against the chosen weekdays). */
export function weekdayOfDate(date: string): Weekday {
  // Validates strictly (no 30 February) and is independent of any zone.
  return JS_DAY_TO_WEEKDAY[utcToZonedParts(zonedWallTimeToUtc(date, '12:00', 'UTC'), 'UTC').weekday] as Weekday;
}

function listWords(words: string[]): string {
  if (words.length <= 1) return words.join('');
  return `${words.slice(0, -1).join(', ')} and ${words[words.length - 1]}`;
}

/**
 * Plain-English summary: "Daily", "Every 3 days", "Every weekday",
 * "Weekly on Monday and Wednesday", "Every 2 weeks on Friday",
 * "Monthly on day 15", plus " until 30 Apr 2026" or ", 10 times".
 * "Does not repeat" for null; "Repeats (custom rule)" for rules this module
 * did not build.
 */
export function describeRecurrence(rrule: string | null, zone: string): string {
  if (rrule === null || rrule.trim() === '') return 'Does not repeat';
  const rule = simpleRule(rrule, zone);
  if (!rule) return 'Repeats (custom rule)';

  const n = rule.interval;
  let text: string;
  if (rule.frequency === 'daily') {
    text = n === 1 ? 'Daily' : `Every ${n} days`;
  } else if (rule.frequency === 'weekly') {
    const days = rule.weekdays;
    const isWorkWeek = days?.join(',') === 'MO,TU,WE,TH,FR';
    if (n === 1 && isWorkWeek) text = 'Every weekday';
    else if (n === 1 && days?.length === 7) text = 'Every day';
    else {
      text = n === 1 ? 'Weekly' : `Every ${n} weeks`;
      if (days) text += ` on ${listWords(days.map((d) => WEEKDAY_NAMES[d]))}`;
    }
  } else {
    text = n === 1 ? 'Monthly' : `Every ${n} months`;
    if (rule.monthDay !== null) text += ` on day ${rule.monthDay}`;
  }

  if (rule.untilMs !== null) {
    text += ` until ${formatDateLabel(utcToZonedParts(new Date(rule.untilMs), zone).date)}`;
  } else if (rule.count !== null) {
    text += rule.count === 1 ? ', once' : `, ${rule.count} times`;
  }
  return text;
}

// ---------------------------------------------------------------------------
// Expansion
// ---------------------------------------------------------------------------

type PreparedRule = {
  /** The parsed rule without DTSTART and UNTIL. */
  options: Partial<Options>;
  shape: SimpleRule;
  /** The first start on the zone's wall clock. */
  firstFloating: Date;
  /** rrule's own UNTIL: the span cap (with a margin for the zone offset), so rrule stops there too. */
  untilFloating: Date;
};

type PreparedSeries = {
  firstStart: number;
  durationMs: number;
  zone: string;
  /** Null for a single meeting. */
  rule: PreparedRule | null;
  /** UNTIL as an instant, or null when the rule has none. */
  untilMs: number | null;
  /** No occurrence starting after this instant is visited: UNTIL or the span cap, whichever is first. */
  lastStartMs: number;
  cancelled: Set<number>;
};

function prepare(series: RecurringSeries): PreparedSeries {
  const { timeZone: zone } = series;
  if (!isValidTimeZone(zone)) throw new RangeError(`Invalid time zone: ${JSON.stringify(zone)}`);
  const firstStart = series.startsAt.getTime();
  const firstEnd = series.endsAt.getTime();
  if (!Number.isFinite(firstStart) || !Number.isFinite(firstEnd)) throw new RangeError('Invalid series dates');

  const cancelled = new Set((series.cancelledOccurrences ?? []).map((d) => d.getTime()));
  const base = { firstStart, durationMs: Math.max(0, firstEnd - firstStart), zone, cancelled };
  if (series.recurrence === null || series.recurrence.trim() === '') {
    return { ...base, rule: null, untilMs: null, lastStartMs: firstStart };
  }

  // Only the shapes `buildRRule` writes are expanded: rrule loops up to the year 9999 looking for a match
  // that a hand-written rule (BYMONTH=2;BYMONTHDAY=30) may never produce, and no cap can stop it.
  const shape = simpleRule(series.recurrence, zone);
  if (!shape) throw new RangeError(`Unsupported recurrence rule: ${JSON.stringify(series.recurrence)}`);
  const { options, untilMs } = parseRule(series.recurrence, zone);
  const lastStartMs = Math.min(untilMs ?? Infinity, firstStart + MAX_SERIES_SPAN_MS);
  const rule: PreparedRule = {
    options,
    shape,
    firstFloating: toFloatingWallTime(series.startsAt, zone),
    untilFloating: toFloatingWallTime(new Date(lastStartMs + WINDOW_MARGIN_MS), zone),
  };
  return { ...base, rule, untilMs, lastStartMs };
}

/**
 * A DTSTART on the wall clock, no later than the occurrences that can still end after `fromMs`, from
 * which the rule produces exactly the series' occurrences: the first start moved forward by whole
 * periods of the rule (days or weeks times INTERVAL; for monthly rules whole INTERVALs of months, to the
 * 1st, as BYMONTHDAY picks the day). So a walk toward today does not step through years of past
 * meetings. A COUNT rule counts from its first start and is never moved (it has at most 500).
 */
function startNear(series: PreparedSeries, rule: PreparedRule, fromMs: number): Date {
  const first = rule.firstFloating;
  const targetMs = Math.min(fromMs, series.lastStartMs) - series.durationMs - WINDOW_MARGIN_MS;
  if (rule.shape.count !== null || !(targetMs > series.firstStart)) return first;
  const target = toFloatingWallTime(new Date(targetMs), series.zone);
  const { frequency, interval, monthDay } = rule.shape;
  if (frequency === 'daily' || frequency === 'weekly') {
    const period = interval * (frequency === 'daily' ? 1 : 7) * DAY_MS;
    const periods = Math.floor((target.getTime() - first.getTime()) / period);
    return periods > 0 ? new Date(first.getTime() + periods * period) : first;
  }
  if (monthDay === null) return first;
  const months = (target.getUTCFullYear() - first.getUTCFullYear()) * 12 + target.getUTCMonth() - first.getUTCMonth() - 1;
  const steps = Math.floor(months / interval);
  if (steps <= 0) return first;
  return new Date(Date.UTC(first.getUTCFullYear(), first.getUTCMonth() + steps * interval, 1, first.getUTCHours(), first.getUTCMinutes(), first.getUTCSeconds()));
}

/**
 * Visits occurrences in order, from the first one or from a little before `fromMs`; `visit` returns
 * false to stop. This is the only loop over a rule, and it is bounded whatever the caller asks: at most
 * {@link MAX_SCANNED_OCCURRENCES} candidates, none starting later than {@link MAX_SERIES_SPAN_MS} after
 * the first start.
 */
function walk(series: PreparedSeries, fromMs: number, visit: (start: number, end: number) => boolean): void {
  const { rule } = series;
  if (!rule) {
    visit(series.firstStart, series.firstStart + series.durationMs);
    return;
  }
  // No `tzid`: rrule iterates on floating dates (UTC fields = wall clock); the exact UNTIL is compared
  // against real instants here.
  const rrule = new RRule({ ...rule.options, dtstart: startNear(series, rule, fromMs), until: rule.untilFloating }, true);
  let scanned = 0;
  rrule.all((floating) => {
    scanned += 1;
    if (scanned > MAX_SCANNED_OCCURRENCES) return false;
    const start = fromFloatingWallTime(floating, series.zone).getTime();
    if (start > series.lastStartMs) return false;
    return visit(start, start + series.durationMs);
  });
}

function occurrence(series: PreparedSeries, start: number, end: number): Occurrence {
  return { startsAt: new Date(start), endsAt: new Date(end), cancelled: series.cancelled.has(start) };
}

/**
 * Every occurrence overlapping [from, to), in order, with cancelled ones
 * marked `cancelled: true` (matched on exact start instant). A zero-length
 * occurrence counts when from <= start < to. At most
 * {@link MAX_OCCURRENCES_PER_CALL} occurrences are returned (the earliest).
 */
export function expandOccurrences(series: RecurringSeries, range: { from: Date; to: Date }): Occurrence[] {
  const prepared = prepare(series);
  const from = range.from.getTime();
  const to = range.to.getTime();
  if (!(from < to)) return [];

  const out: Occurrence[] = [];
  walk(prepared, from, (start, end) => {
    if (start >= to) return false;
    if (end > from || start >= from) out.push(occurrence(prepared, start, end));
    return out.length < MAX_OCCURRENCES_PER_CALL;
  });
  return out;
}

/**
 * End of the series' last occurrence (cancelled or not), or null when the
 * rule has neither UNTIL nor COUNT. Meant as an upper bound for range queries:
 * a series overlaps [from, to) only if startsAt < to and (seriesEnd ?? ∞) > from.
 * Occurrences past the expansion caps do not count (nothing ever shows them).
 */
export function seriesEnd(series: RecurringSeries): Date | null {
  const prepared = prepare(series);
  if (prepared.rule && prepared.untilMs === null && prepared.rule.shape.count === null) return null;
  // A rule that produces nothing has no occurrences; the first meeting's end is still a safe bound.
  let lastStart = prepared.firstStart;
  walk(prepared, -Infinity, (start) => {
    lastStart = start;
    return true;
  });
  return new Date(lastStart + prepared.durationMs);
}

/**
 * The first occurrence that has not ended at `now` (an ongoing one counts)
 * and is not cancelled; null if there is none within the expansion caps.
 */
export function nextOccurrence(series: RecurringSeries, now: Date): Occurrence | null {
  const prepared = prepare(series);
  const nowMs = now.getTime();
  let found: Occurrence | null = null;
  walk(prepared, nowMs, (start, end) => {
    if (end > nowMs && !prepared.cancelled.has(start)) {
      found = occurrence(prepared, start, end);
      return false;
    }
    return true;
  });
  return found;
}
