/**
 * The project's one date/time-zone helper.
 *
 * Everything here is pure and independent of the server's own time zone
 * (`process.env.TZ`): instants are `Date`s, wall-clock values are plain
 * strings, and all zone arithmetic goes through `Intl` (full ICU ships with
 * Node), so there is no hand-maintained offset table.
 *
 * Vocabulary:
 * - instant: a `Date`, i.e. a point on the UTC time line;
 * - wall time: what a clock on the wall in some IANA zone shows
 *   ('YYYY-MM-DD' + 'HH:mm');
 * - floating wall time: a wall time stored in a `Date` whose *UTC* fields
 *   carry the wall-clock fields (the representation `rrule` iterates on).
 */

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** 0 = Sunday … 6 = Saturday, like `Date#getDay`. */
type WeekdayIndex = 0 | 1 | 2 | 3 | 4 | 5 | 6;

export type ZonedParts = {
  /** 'YYYY-MM-DD' */
  date: string;
  /** 'HH:mm' (24-hour) */
  time: string;
  /** 0 = Sunday … 6 = Saturday */
  weekday: WeekdayIndex;
};

export type FormatStyle = 'full' | 'short' | 'time';

const WEEKDAYS_LONG = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'] as const;
const MONTHS_LONG = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
] as const;

// IANA names: "UTC", "Europe/Berlin", "America/Argentina/Buenos_Aires", "Etc/GMT+5", "EST5EDT".
const ZONE_SHAPE = /^[A-Za-z][A-Za-z0-9_+-]*(?:\/[A-Za-z0-9_+-]+)*$/;
const DATE_SHAPE = /^(\d{4})-(\d{2})-(\d{2})$/;
const TIME_SHAPE = /^(\d{2}):(\d{2})(?::(\d{2}))?$/;

const partsFormatters = new Map<string, Intl.DateTimeFormat>();

function partsFormatter(zone: string): Intl.DateTimeFormat {
  let formatter = partsFormatters.get(zone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    // Bounded: Intl accepts any capitalisation, so keys are not a closed set.
    if (partsFormatters.size < 1000) partsFormatters.set(zone, formatter);
  }
  return formatter;
}

function assertZone(zone: string): void {
  if (!isValidTimeZone(zone)) throw new RangeError(`Invalid time zone: ${JSON.stringify(zone)}`);
}

function assertInstant(instant: Date, what = 'instant'): number {
  const ms = instant instanceof Date ? instant.getTime() : Number.NaN;
  if (!Number.isFinite(ms)) throw new RangeError(`Invalid ${what}`);
  return ms;
}

/** Wall-clock fields of `ms` in `zone`, as a floating timestamp (whole seconds). */
function wallMsOf(ms: number, zone: string): number {
  const fields: Record<string, number> = {};
  for (const part of partsFormatter(zone).formatToParts(new Date(ms))) {
    if (part.type !== 'literal') fields[part.type] = Number(part.value);
  }
  const { year = NaN, month = NaN, day = NaN, hour = NaN, minute = NaN, second = NaN } = fields;
  const wall = new Date(0);
  wall.setUTCFullYear(year, month - 1, day); // setUTCFullYear keeps years 0–99 literal
  wall.setUTCHours(hour, minute, second, 0);
  return wall.getTime();
}

/** UTC offset (ms, east positive) in effect in `zone` at instant `ms`. */
function offsetAt(ms: number, zone: string): number {
  const wholeSeconds = Math.floor(ms / 1000) * 1000;
  return wallMsOf(wholeSeconds, zone) - wholeSeconds;
}

/** The instant at which the wall clock in `zone` shows the floating time `wall` (gap → forward, overlap → earlier). */
function wallMsToUtcMs(wall: number, zone: string): number {
  const offsets = new Set([offsetAt(wall - DAY, zone), offsetAt(wall, zone), offsetAt(wall + DAY, zone)]);
  let earliest: number | null = null;
  for (const offset of offsets) {
    const candidate = wall - offset;
    if (offsetAt(candidate, zone) === offset && (earliest === null || candidate < earliest)) earliest = candidate;
  }
  if (earliest !== null) return earliest;
  // Gap: the wall time never happens. Read it with the offset in force just
  // before the transition, which moves it forward by the length of the gap.
  const largest = Math.max(...offsets);
  return wall - offsetAt(wall - largest, zone);
}

function pad(n: number, width = 2): string {
  return String(n).padStart(width, '0');
}

function parseDate(date: string): { year: number; month: number; day: number } {
  const match = DATE_SHAPE.exec(date);
  if (match) {
    const year = Number(match[1]);
    const month = Number(match[2]);
    const day = Number(match[3]);
    const probe = new Date(0);
    probe.setUTCFullYear(year, month - 1, day);
    if (probe.getUTCFullYear() === year && probe.getUTCMonth() === month - 1 && probe.getUTCDate() === day) {
      return { year, month, day };
    }
  }
  throw new RangeError(`Invalid date (expected YYYY-MM-DD): ${JSON.stringify(date)}`);
}

function parseTime(time: string): { hour: number; minute: number; second: number } {
  const match = TIME_SHAPE.exec(time);
  if (match) {
    const hour = Number(match[1]);
    const minute = Number(match[2]);
    const second = Number(match[3] ?? 0);
    if (hour <= 23 && minute <= 59 && second <= 59) return { hour, minute, second };
  }
  throw new RangeError(`Invalid time (expected HH:mm): ${JSON.stringify(time)}`);
}

/**
 * True for IANA zone names the runtime knows ("Europe/Berlin", "UTC",
 * "America/Argentina/Buenos_Aires"). Rejects '', 'Local', offsets such as
 * '+01:00', names with whitespace, and anything `Intl` does not accept.
 *
 * `Intl` matches names case-insensitively and accepts legacy aliases
 * ("US/Eastern"); use {@link canonicalTimeZone} before storing user input.
 */
export function isValidTimeZone(zone: string): boolean {
  if (typeof zone !== 'string' || zone.length === 0 || zone.length > 64 || !ZONE_SHAPE.test(zone)) return false;
  if (partsFormatters.has(zone)) return true;
  try {
    partsFormatter(zone);
    return true;
  } catch {
    return false;
  }
}

/** The runtime's preferred spelling of a zone ('europe/berlin' → 'Europe/Berlin'), or null if invalid. */
export function canonicalTimeZone(zone: string): string | null {
  if (!isValidTimeZone(zone)) return null;
  return new Intl.DateTimeFormat('en-US', { timeZone: zone }).resolvedOptions().timeZone;
}

/**
 * The zones a picker offers: UTC first (Node's `Intl.supportedValuesOf` leaves it out, so a UTC user's
 * select fell back to its first entry, "Africa/Abidjan"), then every IANA zone the runtime knows. A
 * `current` zone missing from that list (a legacy alias such as "US/Eastern", or "Etc/GMT+5") is added
 * so a form never shows a zone other than the one stored.
 */
export function timeZoneOptions(current?: string): string[] {
  const zones = Intl.supportedValuesOf('timeZone').filter((zone) => zone !== 'UTC');
  const extra = current && current !== 'UTC' && isValidTimeZone(current) && !zones.includes(current) ? [current] : [];
  return ['UTC', ...extra, ...zones];
}

/**
 * The instant at which the wall clock in `zone` shows `date` `time`.
 *
 * - `date` is 'YYYY-MM-DD', `time` is 'HH:mm' (a trailing ':ss' is accepted).
 * - DST gap (the wall time is skipped, e.g. 2026-03-29 02:30 in Europe/Berlin):
 *   the time is moved forward by the length of the gap, i.e. to the wall
 *   time it would be had the clock not jumped — 03:30 CEST (01:30Z). This is
 *   what RFC 5545 prescribes for nonexistent local times and what
 *   `Temporal`'s `disambiguation: 'compatible'` does.
 * - DST overlap (the wall time happens twice, e.g. 2026-10-25 02:30 in
 *   Europe/Berlin): the earlier instant is chosen — 02:30 CEST (00:30Z).
 *
 * @throws RangeError on a malformed date/time or an invalid zone.
 */
export function zonedWallTimeToUtc(date: string, time: string, zone: string): Date {
  assertZone(zone);
  const { year, month, day } = parseDate(date);
  const { hour, minute, second } = parseTime(time);
  const wall = new Date(0);
  wall.setUTCFullYear(year, month - 1, day);
  wall.setUTCHours(hour, minute, second, 0);
  return new Date(wallMsToUtcMs(wall.getTime(), zone));
}

/**
 * The wall-clock date, time and weekday an instant shows in `zone`, e.g. for
 * pre-filling the date/time inputs of an edit form. Seconds are truncated.
 */
export function utcToZonedParts(instant: Date, zone: string): ZonedParts {
  const ms = assertInstant(instant);
  assertZone(zone);
  const wall = new Date(wallMsOf(Math.floor(ms / 1000) * 1000, zone));
  return {
    date: `${pad(wall.getUTCFullYear(), 4)}-${pad(wall.getUTCMonth() + 1)}-${pad(wall.getUTCDate())}`,
    time: `${pad(wall.getUTCHours())}:${pad(wall.getUTCMinutes())}`,
    weekday: wall.getUTCDay() as WeekdayIndex,
  };
}

/**
 * An instant's wall-clock time in `zone` as a *floating* Date: its UTC fields
 * are the wall-clock fields (milliseconds are kept). This is the
 * representation `rrule` iterates on; {@link fromFloatingWallTime} is the inverse.
 */
export function toFloatingWallTime(instant: Date, zone: string): Date {
  const ms = assertInstant(instant);
  assertZone(zone);
  const whole = Math.floor(ms / 1000) * 1000;
  return new Date(wallMsOf(whole, zone) + (ms - whole));
}

/**
 * The instant at which `zone`'s wall clock shows the floating time `floating`
 * (its UTC fields). Same gap/overlap rules as {@link zonedWallTimeToUtc}.
 */
export function fromFloatingWallTime(floating: Date, zone: string): Date {
  const ms = assertInstant(floating, 'floating time');
  assertZone(zone);
  const whole = Math.floor(ms / 1000) * 1000;
  return new Date(wallMsToUtcMs(whole, zone) + (ms - whole));
}

function zoneAbbreviation(instant: Date, zone: string): string {
  const nameIn = (locale: string): string =>
    new Intl.DateTimeFormat(locale, { timeZone: zone, timeZoneName: 'short' })
      .formatToParts(instant)
      .find((part) => part.type === 'timeZoneName')?.value ?? '';
  // en-GB knows the European abbreviations (CET, CEST, BST); en-US the North
  // American ones (EST, PDT). Elsewhere CLDR has none, so it is an offset ("GMT+9").
  const british = nameIn('en-GB');
  if (!/^GMT[+-]/.test(british)) return british;
  const american = nameIn('en-US');
  return /^[A-Z]{2,5}$/.test(american) ? american : british;
}

/**
 * English (en-GB style) wording of an instant in `zone`:
 * - 'short' (default): "Mon 30 Mar, 09:00"
 * - 'full': "Monday 30 March 2026, 09:00 CEST" (abbreviation, or "GMT+9" where none exists)
 * - 'time': "09:00"
 *
 * Names are spelt out here rather than taken from `Intl` so the output does
 * not change between ICU versions (e.g. "Sep" vs "Sept").
 */
export function formatInZone(instant: Date, zone: string, style: FormatStyle = 'short'): string {
  assertInstant(instant);
  assertZone(zone);
  const wall = new Date(wallMsOf(Math.floor(instant.getTime() / 1000) * 1000, zone));
  const time = `${pad(wall.getUTCHours())}:${pad(wall.getUTCMinutes())}`;
  if (style === 'time') return time;
  const weekday = WEEKDAYS_LONG[wall.getUTCDay()] ?? '';
  const month = MONTHS_LONG[wall.getUTCMonth()] ?? '';
  const day = wall.getUTCDate();
  if (style === 'short') return `${weekday.slice(0, 3)} ${day} ${month.slice(0, 3)}, ${time}`;
  return `${weekday} ${day} ${month} ${wall.getUTCFullYear()}, ${time} ${zoneAbbreviation(instant, zone)}`;
}

/** "30 Apr 2026" for a 'YYYY-MM-DD' date. */
export function formatDateLabel(date: string): string {
  const { year, month, day } = parseDate(date);
  return `${day} ${(MONTHS_LONG[month - 1] ?? '').slice(0, 3)} ${year}`;
}

/** Whole minutes in words: "12 min", "2 h 10 min", "3 days". */
export function spanWords(minutes: number): string {
  if (minutes < 60) return `${minutes} min`;
  if (minutes < 24 * 60) {
    const hours = Math.floor(minutes / 60);
    const rest = minutes % 60;
    return rest === 0 ? `${hours} h` : `${hours} h ${rest} min`;
  }
  const days = Math.round(minutes / (24 * 60));
  return days === 1 ? '1 day' : `${days} days`;
}

/** A length of time in words: "45 s" under two minutes, then "12 min", "2 h 10 min", "3 days". */
export function durationWords(seconds: number): string {
  const s = Math.abs(Math.round(seconds));
  return s < 120 ? `${s} s` : spanWords(Math.round(s / 60));
}

/**
 * Relative wording of a start time: "starts in 5 min", "starts in 2 h 10 min",
 * "starts in 3 days", "started 3 min ago", "starts now" (within ±30 s).
 * Rounded to the nearest minute; from 24 h on, to the nearest day.
 */
export function relativeStart(start: Date, now: Date): string {
  const diff = assertInstant(start, 'start') - assertInstant(now, 'now');
  const minutes = Math.round(Math.abs(diff) / MINUTE);
  if (minutes === 0) return 'starts now';
  return diff > 0 ? `starts in ${spanWords(minutes)}` : `started ${spanWords(minutes)} ago`;
}
