import 'server-only';
import { db } from '@/lib/db';
import { getQueue, QUEUES } from '@/lib/jobs/queue';
import { DIGEST_HOUR } from '@/lib/notifications/settings';
import { sendMail } from '@/lib/mail/send';
import { digestMail } from '@/lib/mail/templates';
import { listUpcomingOccurrences } from '@/lib/meetings/queries';
import { formatDateLabel, formatInZone, utcToZonedParts, zonedWallTimeToUtc } from '@/lib/time/zones';

/** A digest missed all morning (worker or mail down) is not sent from this local hour on. */
const LAST_HOUR = 12;
/** Most people one scan looks at; the rest are reached in the next minutes' scans. */
const SCAN_LIMIT = 5000;
/** Most meetings one digest lists. */
const MAX_ITEMS = 30;
const DAY_MS = 86_400_000;

/** The person's local date when their digest is due at `now`, else null. */
export function digestDay(now: Date, zone: string): string | null {
  const { date, time } = utcToZonedParts(now, zone);
  const hour = Number(time.slice(0, 2));
  return hour >= DIGEST_HOUR && hour < LAST_HOUR ? date : null;
}

/** The first and the last instant of a local date (DST-correct: 23 or 25 hours on change days). */
function dayBounds(day: string, zone: string): { from: Date; to: Date } {
  const next = new Date(Date.parse(`${day}T00:00:00Z`) + DAY_MS).toISOString().slice(0, 10);
  return { from: zonedWallTimeToUtc(day, '00:00', zone), to: zonedWallTimeToUtc(next, '00:00', zone) };
}

/**
 * Records and queues the digests due at `now`: one per person who turned them on, per local day. The
 * unique (person, day) key makes it once, however many workers scan. Run every minute.
 */
export async function scanDigests(now = new Date()): Promise<number> {
  const people = await db.user.findMany({
    // Nobody whose digest was recorded in the last 12 hours (today's, whatever their zone).
    where: { digestMails: true, disabledAt: null, digests: { none: { createdAt: { gt: new Date(now.getTime() - 12 * 3_600_000) } } } },
    select: { id: true, timeZone: true },
    orderBy: { id: 'asc' },
    take: SCAN_LIMIT,
  });
  const rows = people.flatMap((p) => {
    const day = digestDay(now, p.timeZone);
    return day ? [{ userId: p.id, day }] : [];
  });
  if (!rows.length) return 0;
  const created = await db.digestMail.createManyAndReturn({ data: rows, skipDuplicates: true, select: { id: true } });
  if (!created.length) return 0;
  const { name, ...retry } = QUEUES.digestMail;
  await (await getQueue()).insert(created.map((d) => ({ name, data: { digestId: d.id }, ...retry })));
  return created.length;
}

/**
 * Sends one queued digest: the person's meetings on that day, in their zone, each with its portal page.
 * Not sent (NOT_SENT) when they have none that day or turned digests off since.
 */
export async function sendDigest(id: string, origin: string): Promise<'sent' | 'skipped'> {
  const digest = await db.digestMail.findUnique({
    where: { id },
    select: { delivery: true, day: true, user: { select: { id: true, email: true, name: true, role: true, timeZone: true, digestMails: true, disabledAt: true } } },
  });
  if (!digest || digest.delivery !== 'QUEUED') return 'skipped';
  const { user, day } = digest;
  const zone = user.timeZone;
  let items: { when: string; title: string; room: string; link: string }[] = [];
  if (user.digestMails && !user.disabledAt) {
    const { from, to } = dayBounds(day, zone);
    const meetings = await listUpcomingOccurrences(user, from, (to.getTime() - from.getTime()) / DAY_MS, MAX_ITEMS);
    items = meetings
      .filter((m) => m.startsAt < to)
      .map((m) => ({ when: `${formatInZone(m.startsAt, zone, 'time')}–${formatInZone(m.endsAt, zone, 'time')}`, title: m.title, room: m.room.name, link: `${origin}/meetings/${m.meetingId}` }));
  }
  if (!items.length) {
    await db.digestMail.update({ where: { id }, data: { delivery: 'NOT_SENT', error: null } });
    return 'skipped';
  }
  await sendMail(
    digestMail({
      to: user.email,
      name: user.name,
      day: formatDateLabel(day),
      items,
      optOut: { text: 'You get this mail because you turned on the morning list in your Gatehouse settings:', url: `${origin}/settings` },
    }),
  );
  await db.digestMail.update({ where: { id }, data: { delivery: 'SENT', error: null, sentAt: new Date() } });
  return 'sent';
}
