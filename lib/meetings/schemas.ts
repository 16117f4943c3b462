import { z } from 'zod';
import { idSchema } from '@/lib/schemas';
import { plainText } from '@/lib/text';
import { formatDateLabel, isValidTimeZone } from '@/lib/time/zones';
import { weekdayOfDate } from '@/lib/meetings/recurrence';

const WEEKDAYS = ['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'] as const;
const DAY_NAMES: Record<(typeof WEEKDAYS)[number], string> = { MO: 'Monday', TU: 'Tuesday', WE: 'Wednesday', TH: 'Thursday', FR: 'Friday', SA: 'Saturday', SU: 'Sunday' };

/** YYYY-MM-DD that names a real calendar day (not 2026-02-30). */
function isRealDate(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const d = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === value;
}

/**
 * The days a meeting (and the last day of a series) may fall on: one year back to ten years ahead of
 * `now`, as 'YYYY-MM-DD'. Together with the 500-meeting count this bounds every series, so expanding
 * one is always cheap (`lib/meetings/recurrence.ts` caps expansion to the same span as well).
 * `oldestKept`: an edited series may keep a first date older than `first` (but not move there, see
 * `updateMeeting`); before this day it has no meeting left to show.
 */
export function schedulingWindow(now = new Date()): { first: string; last: string; oldestKept: string } {
  const shift = (years: number) => new Date(Date.UTC(now.getUTCFullYear() + years, now.getUTCMonth(), now.getUTCDate())).toISOString().slice(0, 10);
  return { first: shift(-1), last: shift(10), oldestKept: shift(-11) };
}

/** The window in words, for the error messages. */
export function describeSchedulingWindow(window: { first: string; last: string }): string {
  return `from ${formatDateLabel(window.first)} to ${formatDateLabel(window.last)}`;
}

const list = z.preprocess((v) => (v === undefined || v === '' ? [] : Array.isArray(v) ? (v as unknown[]) : [v]), z.array(z.enum(WEEKDAYS)).max(7));

/** The meeting form, for scheduling and editing (the form and the action share it). */
const meetingFields = z.strictObject({
  roomId: z.string().min(1, 'Choose a room.').max(64),
  title: plainText({ max: 200, required: 'Give the meeting a title.' }),
  description: plainText({ max: 2000, multiline: true }).default(''),
  date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'Pick a date.'),
  startTime: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'Pick a start time.'),
  endTime: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'Pick an end time.'),
  timeZone: z.string().refine(isValidTimeZone, 'Choose a time zone from the list.'),
  frequency: z.enum(['none', 'daily', 'weekly', 'monthly']).default('none'),
  weekdays: list,
  interval: z.coerce.number().int().min(1, 'Repeat at least every 1.').max(52, 'Repeat at most every 52.').default(1),
  endKind: z.enum(['never', 'until', 'count']).default('never'),
  untilDate: z.string().optional(),
  count: z.string().optional(),
  confirmOverlap: z.preprocess((v) => v === 'on' || v === 'true', z.boolean()),
  /** Personal invite links may be used by several people at once (off: a second use is refused). */
  allowLinkSharing: z.preprocess((v) => v === 'on' || v === 'true', z.boolean()),
  version: z.coerce.number().int().positive().optional(),
});

/** The rules that span fields (dates, series ends, times), for a new meeting and an edit alike. */
function checkSchedule(v: z.output<typeof meetingFields>, ctx: z.RefinementCtx) {
  if (!isRealDate(v.date)) return ctx.addIssue({ code: 'custom', path: ['date'], message: 'That date does not exist.' });
  const window = schedulingWindow();
  if (v.date < (v.version === undefined ? window.first : window.oldestKept) || v.date > window.last) {
    return ctx.addIssue({ code: 'custom', path: ['date'], message: `Pick a date ${describeSchedulingWindow(window)}.` });
  }
  if (v.frequency === 'weekly' && v.weekdays.length && !v.weekdays.includes(weekdayOfDate(v.date))) {
    ctx.addIssue({ code: 'custom', path: ['weekdays'], message: `The first date is a ${DAY_NAMES[weekdayOfDate(v.date)]}: tick it too, or pick a first date on one of the ticked days.` });
  }
  if (v.endTime <= v.startTime) ctx.addIssue({ code: 'custom', path: ['endTime'], message: 'The meeting must end after it starts.' });
  if (v.frequency !== 'none' && v.endKind === 'until') {
    if (!v.untilDate || !isRealDate(v.untilDate)) ctx.addIssue({ code: 'custom', path: ['untilDate'], message: 'Pick the last date.' });
    else if (v.untilDate < v.date) ctx.addIssue({ code: 'custom', path: ['untilDate'], message: 'The last date cannot be before the first.' });
    else if (v.untilDate > window.last) ctx.addIssue({ code: 'custom', path: ['untilDate'], message: `Pick a last date ${describeSchedulingWindow(window)}.` });
  }
  if (v.frequency !== 'none' && v.endKind === 'never') {
    ctx.addIssue({ code: 'custom', path: ['endKind'], message: 'Choose when the series ends: on a date or after a number of meetings.' });
  }
  if (v.frequency !== 'none' && v.endKind === 'count') {
    const n = Number(v.count);
    if (!Number.isInteger(n) || n < 1 || n > 500) ctx.addIssue({ code: 'custom', path: ['count'], message: 'Enter a number of meetings from 1 to 500.' });
  }
}

export const meetingFormSchema = meetingFields.superRefine(checkSchedule);

/** An edit names its meeting and states the version it was loaded with (a concurrent change is a conflict). */
export const meetingUpdateSchema = meetingFields.extend({ meetingId: idSchema, version: z.coerce.number().int().positive() }).superRefine(checkSchedule);

export type MeetingFormInput = z.infer<typeof meetingFormSchema>;

type MeetingFormFields = z.input<typeof meetingFormSchema>;
/** What the meeting form shows: the schema's fields, with the list and number ones as the form holds them. */
export type MeetingFormValues = Required<Omit<MeetingFormFields, 'weekdays' | 'interval' | 'confirmOverlap' | 'allowLinkSharing' | 'version'>> & {
  weekdays: string[];
  interval: number;
  allowLinkSharing: boolean;
  version?: number;
};

export const occurrenceSchema = z.strictObject({
  meetingId: idSchema,
  occurrence: z.iso.datetime({ error: 'Unknown occurrence.' }),
});

export const meetingIdSchema = z.strictObject({ meetingId: idSchema });
