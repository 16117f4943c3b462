import { expandOccurrences, type RecurringSeries } from '@/lib/meetings/recurrence';
import { MAX_REMINDER_MINUTES } from '@/lib/notifications/settings';
import { formatInZone } from '@/lib/time/zones';

const MINUTE = 60_000;

export type ReminderSeries = RecurringSeries & { cancelledAt: Date | null; scheduleChangedAt: Date };

/**
 * The occurrence a reminder with this lead time is due for at `now`, or null. Only the next
 * occurrence that has not started counts (a series is reminded date by date), never a cancelled
 * date or meeting, and never one whose time was set (created or moved) after its reminder time:
 * someone who scheduled a meeting for in five minutes needs no "in ten minutes" mail. A reminder
 * whose time passed while mail or the worker was down is still due until the meeting starts.
 */
export function dueReminder(series: ReminderSeries, leadMinutes: number, now: Date): { startsAt: Date; endsAt: Date } | null {
  if (series.cancelledAt || leadMinutes <= 0) return null;
  const next = expandOccurrences(series, { from: now, to: new Date(now.getTime() + MAX_REMINDER_MINUTES * MINUTE + MINUTE) }).find(
    (o) => o.startsAt > now && !o.cancelled,
  );
  if (!next) return null;
  const dueAt = next.startsAt.getTime() - leadMinutes * MINUTE;
  if (dueAt > now.getTime()) return null;
  if (series.scheduleChangedAt.getTime() > dueAt) return null;
  return { startsAt: next.startsAt, endsAt: next.endsAt };
}

export type MeetingState = { title: string; startsAt: Date; endsAt: Date; recurrence: string | null };

/** What changed between two states of a meeting, in words and in the reader's zone. */
export function describeChanges(before: MeetingState, after: MeetingState, zone: string): string[] {
  const out: string[] = [];
  if (before.title !== after.title) out.push(`renamed from “${before.title}” to “${after.title}”`);
  const when = (s: MeetingState) => `${formatInZone(s.startsAt, zone)}–${formatInZone(s.endsAt, zone, 'time')}`;
  if (before.startsAt.getTime() !== after.startsAt.getTime() || before.endsAt.getTime() !== after.endsAt.getTime()) {
    out.push(`moved from ${when(before)} to ${when(after)}, your time (${zone.replace(/_/g, ' ')})`);
  }
  if ((before.recurrence ?? '') !== (after.recurrence ?? '')) {
    out.push(after.recurrence ? (before.recurrence ? 'the series repeats differently' : 'it now repeats') : 'it no longer repeats');
  }
  if (!out.length) out.push('the details were updated');
  return out;
}
