import 'server-only';
import { db } from '@/lib/db';
import type { NotificationKind } from '@/lib/generated/prisma/enums';
import { getQueue, QUEUES } from '@/lib/jobs/queue';
import { configuredOrigin } from '@/lib/origin';
import { inviteLink } from '@/lib/invites/links';
import { mailFailure, sendMail, type OutgoingMail } from '@/lib/mail/send';
import { meetingCancelMail, meetingUpdateMail, occurrenceCancelMail, reminderMail } from '@/lib/mail/templates';
import { meetingToIcs, occurrenceCancelToIcs } from '@/lib/meetings/ics';
import { endingAfter, meetingDetails } from '@/lib/meetings/queries';
import { expandOccurrences, nextOccurrence } from '@/lib/meetings/recurrence';
import { toGuestIcsMeeting, toIcsMeeting } from '@/lib/calendar/ics-input';
import { meetingRecipients, type Recipient } from '@/lib/notifications/recipients';
import { scanDigests, sendDigest } from '@/lib/notifications/digest';
import { describeChanges, dueReminder, type MeetingState } from '@/lib/notifications/schedule';
import { MAX_REMINDER_MINUTES } from '@/lib/notifications/settings';
import { unsubscribeUrls } from '@/lib/notifications/unsubscribe';
import { formatInZone } from '@/lib/time/zones';

type NotificationJob = { notificationId: string };
type Row = { kind: NotificationKind; meetingId: string; subject: string; email: string; inviteId: string | null; data?: object };

const MINUTE = 60_000;
/** Most meetings one reminder scan looks at (those with a date in the next hour are a small part). */
const SCAN_LIMIT = 2000;

/**
 * Records notifications and queues their mails. The unique (kind, meeting, subject, address) key makes
 * a second call for the same change or reminder (another worker, a retried scan) add nothing.
 */
async function queueNotifications(rows: Row[]): Promise<number> {
  if (!rows.length) return 0;
  const created = await db.notification.createManyAndReturn({
    data: rows.map((r) => ({ ...r, data: r.data ?? {} })),
    skipDuplicates: true,
    select: { id: true },
  });
  if (!created.length) return 0;
  const boss = await getQueue();
  const { name, ...retry } = QUEUES.notificationMail;
  for (let i = 0; i < created.length; i += 1000) {
    await boss.insert(created.slice(i, i + 1000).map((n) => ({ name, data: { notificationId: n.id } satisfies NotificationJob, ...retry })));
  }
  return created.length;
}

export type MeetingChange =
  | { kind: 'updated'; version: number; before: MeetingState }
  | { kind: 'cancelled'; version: number }
  | { kind: 'occurrence-cancelled'; version: number; occurrence: Date };

/**
 * Tells everyone concerned about a saved change (called once after the change is committed): an
 * update with the new calendar entry, a cancel of the meeting, or a cancel of one date. Not the person
 * who made the change, and not those who turned update mails off or unsubscribed.
 */
export async function announceMeetingChange(meetingId: string, change: MeetingChange, actorEmail: string): Promise<number> {
  const recipients = (await meetingRecipients(meetingId)).filter((r) => r.updateMails && r.email !== actorEmail.toLowerCase());
  const [kind, subject, data]: [NotificationKind, string, object] =
    change.kind === 'updated'
      ? ['UPDATE', `v${change.version}`, { before: { ...change.before, startsAt: change.before.startsAt.toISOString(), endsAt: change.before.endsAt.toISOString() } }]
      : change.kind === 'cancelled'
        ? ['CANCEL', 'meeting', {}]
        : ['CANCEL', change.occurrence.toISOString(), { occurrence: change.occurrence.toISOString() }];
  return queueNotifications(recipients.map((r) => ({ kind, meetingId, subject, email: r.email, inviteId: r.inviteId, data })));
}

/** Calls `announceMeetingChange` for a change that is already saved: a mail problem must not undo or fail the save. */
export function announceAfterSave(meetingId: string, change: MeetingChange, actorEmail: string): Promise<void> {
  return announceMeetingChange(meetingId, change, actorEmail).then(
    () => undefined,
    (error: unknown) => console.error('[notifications] could not queue the mails about a meeting change:', error instanceof Error ? error.message : error),
  );
}

/**
 * Queues the reminders due at `now`: for each meeting with a date in the next hour, each person whose
 * lead time has come (see `dueReminder`). Run every minute; each reminder is recorded once.
 */
export async function scanReminders(now = new Date()): Promise<number> {
  const meetings = await db.meeting.findMany({
    where: { cancelledAt: null, room: { archivedAt: null }, startsAt: { lt: new Date(now.getTime() + (MAX_REMINDER_MINUTES + 1) * MINUTE) }, ...endingAfter(now) },
    select: { id: true, startsAt: true, endsAt: true, timeZone: true, recurrence: true, cancelledOccurrences: true, cancelledAt: true, scheduleChangedAt: true },
    orderBy: { id: 'asc' },
    take: SCAN_LIMIT,
  });
  const rows: Row[] = [];
  for (const meeting of meetings) {
    // No date within the longest lead time: nobody's reminder is due, skip reading its people.
    if (!dueReminder({ ...meeting, scheduleChangedAt: new Date(0) }, MAX_REMINDER_MINUTES, now)) continue;
    for (const person of await meetingRecipients(meeting.id, now)) {
      const due = dueReminder(meeting, person.reminderMinutes, now);
      if (due) rows.push({ kind: 'REMINDER', meetingId: meeting.id, subject: due.startsAt.toISOString(), email: person.email, inviteId: person.inviteId, data: { minutes: person.reminderMinutes } });
    }
  }
  return queueNotifications(rows);
}

type Loaded = NonNullable<Awaited<ReturnType<typeof loadNotification>>>;

function loadNotification(id: string) {
  return db.notification.findUnique({
    where: { id },
    select: {
      id: true, kind: true, subject: true, email: true, inviteId: true, data: true, delivery: true,
      meeting: { select: { ...meetingDetails, scheduleChangedAt: true, room: { select: { name: true, archivedAt: true } } } },
    },
  });
}

/** The person as they are now (settings may have changed since the notification was queued), or null: do not send. */
async function currentRecipient(n: Loaded): Promise<Recipient | null> {
  const people = await meetingRecipients(n.meeting.id);
  return people.find((p) => p.email === n.email) ?? null;
}

/** The mail for one notification, or null when it no longer applies (meeting moved again, date cancelled…). */
async function composeMail(n: Loaded, person: Recipient, origin: string, now: Date): Promise<OutgoingMail | null> {
  const { meeting } = n;
  const hostname = new URL(origin).hostname;
  const guest = person.inviteId !== null;
  const optOut = guest
    ? { text: 'Don’t want reminders and updates for this meeting? Unsubscribe here (your invitation keeps working):', url: unsubscribeUrls(origin, person.inviteId!).page }
    : { text: 'You get these mails because of your notification settings in Gatehouse:', url: `${origin}/settings` };
  const headers = guest
    ? { 'List-Unsubscribe': `<${unsubscribeUrls(origin, person.inviteId!).oneClick}>`, 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' }
    : undefined;
  const zone = person.timeZone;
  const when = (start: Date) => `${formatInZone(start, zone)} (${zone.replace(/_/g, ' ')})`;
  const attendee = { email: person.email, name: person.name };
  const base = { to: person.email, name: person.name, title: meeting.title, optOut };
  const ics = (content: string, method: 'REQUEST' | 'CANCEL') => [{ filename: 'invitation.ics', content, contentType: `text/calendar; charset=utf-8; method=${method}` }];

  /** An entry linking to the portal page (employee) or to the guest's personal link (the same as in their invitation). */
  const entry = async () => {
    if (!guest) return { link: `${origin}/meetings/${meeting.id}`, calendar: toIcsMeeting(meeting, origin) };
    const link = await inviteLink(person.inviteId!, origin);
    return { link, calendar: toGuestIcsMeeting(meeting, link, now) };
  };

  if (n.kind === 'UPDATE') {
    if (meeting.cancelledAt) return null; // the cancel mail says it all
    const before = (n.data as { before?: { title: string; startsAt: string; endsAt: string; recurrence: string | null } }).before;
    const changes = before ? describeChanges({ ...before, startsAt: new Date(before.startsAt), endsAt: new Date(before.endsAt) }, meeting, zone) : [];
    const next = nextOccurrence(meeting, now);
    const { link, calendar } = await entry();
    return {
      ...meetingUpdateMail({ ...base, when: next ? when(next.startsAt) : when(meeting.startsAt), link, changes }),
      attachments: ics(meetingToIcs(calendar, { hostname, method: 'REQUEST', attendee }), 'REQUEST'),
      headers,
    };
  }
  if (n.kind === 'CANCEL') {
    const occurrence = (n.data as { occurrence?: string }).occurrence;
    const calendar = guest ? toGuestIcsMeeting(meeting, `${origin}/invite`, now) : toIcsMeeting(meeting, origin);
    if (occurrence) {
      const date = new Date(occurrence);
      return {
        ...occurrenceCancelMail({ ...base, when: when(date), link: null }),
        attachments: ics(occurrenceCancelToIcs(calendar, date, { hostname, attendee }), 'CANCEL'),
        headers,
      };
    }
    return {
      ...meetingCancelMail({ ...base, when: when(nextOccurrence(meeting, now)?.startsAt ?? meeting.startsAt), link: null }),
      attachments: ics(meetingToIcs(calendar, { hostname, method: 'CANCEL', attendee }), 'CANCEL'),
      headers,
    };
  }
  // REMINDER: only while the date is still on, at the time it was due for, and not over.
  const start = new Date(n.subject);
  const occurrence = meeting.cancelledAt || meeting.room.archivedAt
    ? undefined
    : expandOccurrences(meeting, { from: start, to: new Date(start.getTime() + 1) }).find((o) => o.startsAt.getTime() === start.getTime() && !o.cancelled);
  if (!occurrence || occurrence.endsAt <= now) return null;
  const { link } = await entry();
  return {
    ...reminderMail({
      ...base,
      when: when(start),
      link,
      minutesLeft: Math.ceil((start.getTime() - now.getTime()) / MINUTE),
      note: guest ? 'This link is just for you: please do not forward it. It is the same link as in your invitation.' : undefined,
    }),
    headers,
  };
}

/** Sends one queued notification (once: a notification that is no longer QUEUED is left alone). */
export async function sendNotification(id: string, origin = configuredOrigin(), now = new Date()): Promise<'sent' | 'skipped'> {
  const n = await loadNotification(id);
  if (!n || n.delivery !== 'QUEUED') return 'skipped';
  const person = await currentRecipient(n);
  const mail = person ? await composeMail(n, person, origin, now) : null;
  if (!mail) {
    await db.notification.update({ where: { id }, data: { delivery: 'NOT_SENT', error: null } });
    return 'skipped';
  }
  await sendMail(mail);
  await db.notification.update({ where: { id }, data: { delivery: 'SENT', error: null, sentAt: new Date() } });
  return 'sent';
}

const globalForWorker = globalThis as unknown as { gatehouseNotificationWorker?: Promise<void> };
const CONCURRENT_SENDERS = 4;

/**
 * Starts this process's notification and digest senders and the minute-by-minute scan for reminders
 * and morning digests (once). A temporary failure (connection refused, 4xx) is retried with back-off;
 * a 5xx is marked FAILED with the server's reason at once; after the last retry the mail shows FAILED.
 */
export function startNotificationWorker(): Promise<void> {
  globalForWorker.gatehouseNotificationWorker ??= (async () => {
    const boss = await getQueue();
    const origin = configuredOrigin();
    await boss.schedule(QUEUES.reminderScan.name, '* * * * *');
    await boss.work(QUEUES.reminderScan.name, { batchSize: 1, pollingIntervalSeconds: 5 }, async () => {
      await scanReminders();
      await scanDigests();
    });
    await boss.work<{ digestId: string }>(QUEUES.digestMail.name, { batchSize: 1, pollingIntervalSeconds: 5, includeMetadata: true }, async ([job]) => {
      if (!job) return;
      try {
        await sendDigest(job.data.digestId, origin);
      } catch (error) {
        const failure = mailFailure(error, job);
        await db.digestMail.update({ where: { id: job.data.digestId }, data: { delivery: failure.delivery, error: failure.reason } });
        if (failure.retry) throw error;
      }
    });
    for (let i = 0; i < CONCURRENT_SENDERS; i++) {
      await boss.work<NotificationJob>(QUEUES.notificationMail.name, { batchSize: 1, pollingIntervalSeconds: 1, includeMetadata: true }, async ([job]) => {
        if (!job) return;
        try {
          await sendNotification(job.data.notificationId, origin);
        } catch (error) {
          const failure = mailFailure(error, job);
          await db.notification.update({ where: { id: job.data.notificationId }, data: { delivery: failure.delivery, error: failure.reason } });
          if (failure.retry) throw error;
        }
      });
    }
  })();
  return globalForWorker.gatehouseNotificationWorker;
}
