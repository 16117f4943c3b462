/**
 * Updates, cancellations and reminders through the real SMTP sink (e2e/support/smtp-sink.ts, started
 * here on SMTP_SINK_PORT/SMTP_SINK_HTTP_PORT) and a fresh database.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import ICAL from 'ical.js';
import { createTestDatabase, type TestDatabase } from '../testing/database';
import { startMailSink } from '../testing/mail-sink';
import { newInviteLink } from '../invites/tokens';

process.env.SMTP_SINK_PORT ??= '3525';
process.env.SMTP_SINK_HTTP_PORT ??= '3526';

let database: TestDatabase;
let stopSink: () => void;
let mailbox: typeof import('../../e2e/support/mailbox');
let notices: typeof import('./notices');
let mutations: typeof import('../meetings/mutations');
const MIN = 60_000;

before(async () => {
  database = await createTestDatabase();
  process.env.DATABASE_URL = database.url;
  process.env.AUTH_URL = 'http://portal.test';
  process.env.AUTH_SECRET ??= 'a-test-secret-of-at-least-32-characters!!';
  ({ mailbox, stop: stopSink } = await startMailSink());
  notices = await import('./notices');
  mutations = await import('../meetings/mutations');
});
after(async () => {
  const { getQueue } = await import('../jobs/queue');
  await (await getQueue()).stop({ graceful: false, wait: true });
  const { db } = await import('../db');
  await db.$disconnect();
  await database.drop();
  stopSink();
});

async function until<T>(read: () => Promise<T>, ok: (value: T) => boolean, ms: number): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await read();
    if (ok(value) || Date.now() > deadline) return value;
    await new Promise((r) => setTimeout(r, 200));
  }
}

function calendarOf(message: import('../../e2e/support/mailbox').Message) {
  const text = mailbox.attachmentText(message, 'invitation.ics');
  assert.ok(text, `an .ics in “${message.subject}”`);
  const calendar = new ICAL.Component(ICAL.parse(text) as unknown[]);
  for (const tz of calendar.getAllSubcomponents('vtimezone')) ICAL.TimezoneService.register(tz);
  const vevent = calendar.getFirstSubcomponent('vevent')!;
  return { method: calendar.getFirstPropertyValue('method'), vevent, event: new ICAL.Event(vevent) };
}

let n = 0;
/** A room with an organiser, a co-host, a participant who turned update mails off, and two guests (one unsubscribed). */
async function setup(tag: string, meeting: { startsAt: Date; minutes?: number; recurrence?: string | null; timeZone?: string }) {
  n++;
  const db = database.db;
  const mail = (who: string) => `${who}-${tag}@${tag}.test`;
  const organiser = await db.user.create({ data: { email: mail('olga'), name: 'Olga', timeZone: 'Europe/Berlin' } });
  const cohost = await db.user.create({ data: { email: mail('carl'), name: 'Carl', timeZone: 'America/New_York' } });
  const quiet = await db.user.create({ data: { email: mail('quinn'), name: 'Quinn', updateMails: false, reminderMinutes: 0 } });
  const room = await db.room.create({
    data: { slug: `room-${tag}`, name: 'Hall', ownerId: organiser.id, jitsiName: `jitsiroom${n}${tag}`, guestsAllowed: true, members: { create: [{ userId: cohost.id, role: 'CO_HOST' }, { userId: quiet.id, role: 'PARTICIPANT' }] } },
  });
  const m = await db.meeting.create({
    data: {
      roomId: room.id, organizerId: organiser.id, title: 'Workshop', startsAt: meeting.startsAt,
      endsAt: new Date(meeting.startsAt.getTime() + (meeting.minutes ?? 30) * MIN), timeZone: meeting.timeZone ?? 'Europe/Berlin',
      recurrence: meeting.recurrence ?? null, scheduleChangedAt: new Date(Date.now() - 24 * 60 * MIN),
    },
  });
  const expiresAt = new Date(Date.now() + 90 * 24 * 60 * MIN);
  // Gus's link as his invitation carried it: every later mail must carry the same one.
  const { token: gusToken, linkSeed, tokenHash } = newInviteLink(process.env.AUTH_SECRET!);
  await db.invite.create({ data: { roomId: room.id, meetingId: m.id, createdById: organiser.id, email: mail('gus'), name: 'Gus', tokenHash, linkSeed, expiresAt } });
  await db.invite.create({ data: { roomId: room.id, meetingId: m.id, createdById: organiser.id, email: mail('una'), name: 'Una', tokenHash: `h-una-${tag}`, expiresAt, unsubscribedAt: new Date() } });
  const actor = { id: organiser.id, email: organiser.email, role: 'MEMBER' as const, timeZone: 'Europe/Berlin' };
  return { organiser, cohost, quiet, room, meeting: m, actor, mail, gusLink: `http://portal.test/invite/${gusToken}` };
}

test('moving a meeting mails one update to each person concerned, SEQUENCE +1, in their own zone', async () => {
  const { actor, room, meeting, mail, gusLink } = await setup('move', { startsAt: new Date('2030-03-12T09:00:00Z') }); // Tue 10:00 Berlin
  await notices.startNotificationWorker();
  await mutations.updateMeeting(actor, meeting.id, 1, {
    roomId: room.id, title: 'Workshop', description: '', date: '2030-03-13', startTime: '11:00', endTime: '11:30', timeZone: 'Europe/Berlin',
    frequency: 'none', weekdays: [], interval: 1, endKind: 'never', confirmOverlap: false, allowLinkSharing: false, version: 1,
  });
  const [carl, gus] = await Promise.all([mailbox.waitForMail(mail('carl'), { timeoutMs: 20_000 }), mailbox.waitForMail(mail('gus'), { timeoutMs: 20_000 })]);
  await new Promise((r) => setTimeout(r, 1500)); // anything extra would have arrived by now
  for (const who of ['carl', 'gus']) assert.equal((await mailbox.listMessages(mail(who))).length, 1, `one mail to ${who}`);
  for (const who of ['olga', 'quinn', 'una']) assert.equal((await mailbox.listMessages(mail(who))).length, 0, `no mail to ${who}`);

  assert.equal(carl.subject, 'Updated: Workshop');
  assert.match(carl.text, /moved from Tue 12 Mar, 05:00–05:30 to Wed 13 Mar, 06:00–06:30, your time \(America\/New York\)/);
  assert.match(gus.text, /moved from Tue 12 Mar, 10:00–10:30 to Wed 13 Mar, 11:00–11:30, your time \(Europe\/Berlin\)/);
  for (const message of [carl, gus]) {
    const { method, event } = calendarOf(message);
    assert.equal(method, 'REQUEST');
    assert.equal(event.uid, `${meeting.id}@portal.test`);
    assert.equal(event.sequence, 2, 'version 1 → 2');
    assert.equal(event.startDate.toJSDate().toISOString(), '2030-03-13T10:00:00.000Z');
  }
  assert.match(calendarOf(carl).vevent.getFirstPropertyValue('url') as string, new RegExp(`/meetings/${meeting.id}$`));
  assert.equal(calendarOf(gus).vevent.getFirstPropertyValue('url'), gusLink, 'a guest entry links to their invite page, with the link they already have');
  assert.ok(gus.text.replace(/=\n/g, '').includes(gusLink), 'the mail carries the same link');
  assert.doesNotMatch(gus.raw, /jwt|eyJ/, 'no Jitsi token');
  const headers = gus.raw.split('\r\n\r\n')[0]!.replace(/\r\n[ \t]+/g, ' ');
  assert.match(headers, /List-Unsubscribe: <http:\/\/portal\.test\/invite\/unsubscribe\/[^>]+\/one-click>/);
  assert.match(headers, /List-Unsubscribe-Post: List-Unsubscribe=One-Click/);
  assert.doesNotMatch(carl.raw, /List-Unsubscribe:/, 'employees change their settings instead');
});

test('cancelling one date of a series mails one cancel per person with that RECURRENCE-ID; the whole series a CANCEL', async () => {
  const first = new Date('2030-03-11T09:00:00Z'); // Monday 10:00 Berlin, weekly
  const { actor, meeting, mail } = await setup('series', { startsAt: first, recurrence: 'FREQ=WEEKLY' });
  await notices.startNotificationWorker();
  const date = new Date('2030-04-01T08:00:00Z'); // after the DST change: still 10:00 Berlin
  await mutations.cancelOccurrence(actor, meeting.id, date);
  await mutations.cancelOccurrence(actor, meeting.id, date); // a second click changes nothing and mails nobody
  const carl = await mailbox.waitForMail(mail('carl'), { timeoutMs: 20_000 });
  await mailbox.waitForMail(mail('gus'), { timeoutMs: 20_000 });
  await new Promise((r) => setTimeout(r, 1500));
  assert.equal((await mailbox.listMessages(mail('carl'))).length, 1);
  assert.equal((await mailbox.listMessages(mail('gus'))).length, 1);
  assert.match(carl.subject, /^Cancelled on Mon 1 Apr, 04:00 \(America\/New York\): Workshop$/);
  const { method, event, vevent } = calendarOf(carl);
  assert.equal(method, 'CANCEL');
  assert.equal(event.uid, `${meeting.id}@portal.test`);
  assert.equal(event.sequence, 2);
  assert.equal(event.recurrenceId.toJSDate().toISOString(), date.toISOString());
  assert.equal(vevent.getFirstPropertyValue('rrule'), null);

  await mutations.cancelMeeting(actor, meeting.id);
  const cancels = await until(() => mailbox.listMessages(mail('gus')), (list) => list.length === 2, 20_000);
  const whole = calendarOf(cancels[1]!);
  assert.equal(cancels[1]!.subject, 'Cancelled: Workshop');
  assert.equal(whole.method, 'CANCEL');
  assert.equal(whole.event.sequence, 3);
  assert.equal(whole.vevent.getFirstPropertyValue('recurrence-id'), null);
  assert.equal(whole.vevent.getFirstPropertyValue('status'), 'CANCELLED');
});

test('two workers scanning at the same time: exactly one reminder per person, with the portal link and their time', async () => {
  const startsAt = new Date(Math.ceil((Date.now() + 8 * MIN) / MIN) * MIN); // inside the default 10-minute lead
  const { meeting, mail, gusLink } = await setup('remind', { startsAt, timeZone: 'Europe/Berlin' });
  // A meeting set up 5 minutes before its start gets no 10-minute reminder.
  const late = await setup('late', { startsAt });
  await database.db.meeting.update({ where: { id: late.meeting.id }, data: { scheduleChangedAt: new Date() } });

  const now = new Date();
  const counts = await Promise.all([notices.scanReminders(now), notices.scanReminders(now), notices.scanReminders(new Date(now.getTime() + 1000))]);
  assert.equal(counts.reduce((a, b) => a + b, 0), 3, 'olga, carl and gus; quinn turned reminders off, una unsubscribed');
  await notices.startNotificationWorker();
  const carl = await mailbox.waitForMail(mail('carl'), { timeoutMs: 20_000 });
  const gus = await mailbox.waitForMail(mail('gus'), { timeoutMs: 20_000 });
  await mailbox.waitForMail(mail('olga'), { timeoutMs: 20_000 });
  await notices.scanReminders(); // a later scan finds them already sent
  await new Promise((r) => setTimeout(r, 1500));
  for (const who of ['olga', 'carl', 'gus']) assert.equal((await mailbox.listMessages(mail(who))).length, 1, `one reminder for ${who}`);
  for (const who of ['quinn', 'una']) assert.equal((await mailbox.listMessages(mail(who))).length, 0);
  for (const who of ['olga', 'carl', 'gus', 'quinn', 'una']) assert.equal((await mailbox.listMessages(late.mail(who))).length, 0, 'no reminder for the late meeting');

  assert.match(carl.subject, /^Reminder: Workshop at /);
  assert.ok(carl.text.includes(`http://portal.test/meetings/${meeting.id}`));
  assert.match(carl.text, /\(America\/New York\)/);
  assert.ok(gus.text.replace(/=\n/g, '').includes(gusLink), 'the guest’s reminder carries the link from their invitation, which keeps working');
  for (const message of [carl, gus]) assert.equal(mailbox.attachmentText(message, 'invitation.ics'), undefined, 'nothing in the calendar changed');
  assert.match(gus.text, /\(Europe\/Berlin\)/);
  assert.doesNotMatch(gus.raw + carl.raw, /jwt=|eyJhbGci/, 'no Jitsi token');
  const rows = await database.db.notification.findMany({ where: { meetingId: meeting.id, kind: 'REMINDER' }, select: { delivery: true, sentAt: true } });
  assert.deepEqual(rows.map((r) => r.delivery), ['SENT', 'SENT', 'SENT']);
});

test('a mail outage across the reminder time: the reminder is sent once after recovery, with the original time', async () => {
  const startsAt = new Date(Math.ceil((Date.now() + 9 * MIN) / MIN) * MIN);
  const { mail, meeting } = await setup('outage', { startsAt, timeZone: 'UTC' });
  const outage = await mailbox.startOutage('outage.test');
  await notices.startNotificationWorker();
  assert.equal(await notices.scanReminders(), 3);
  const failing = await until(
    () => database.db.notification.findMany({ where: { meetingId: meeting.id }, select: { delivery: true, error: true } }),
    (rows) => rows.every((r) => r.error),
    20_000,
  );
  assert.ok(failing.every((r) => r.delivery === 'QUEUED' && /421/.test(r.error ?? '')), JSON.stringify(failing));
  await notices.scanReminders(); // the scan during the outage adds nothing
  await outage.end();
  const gus = await mailbox.waitForMail(mail('gus'), { timeoutMs: 40_000 });
  await until(() => database.db.notification.count({ where: { meetingId: meeting.id, delivery: 'SENT' } }), (c) => c === 3, 40_000);
  await new Promise((r) => setTimeout(r, 1500));
  for (const who of ['olga', 'carl', 'gus']) assert.equal((await mailbox.listMessages(mail(who))).length, 1, `exactly one reminder for ${who}`);
  const hhmm = startsAt.toISOString().slice(11, 16);
  assert.ok(gus.subject.includes(hhmm), `${gus.subject} names the meeting time ${hhmm}`);
});

test('a permanent refusal (5xx) is marked failed at once with the reason, and the meeting page lists it per person', async () => {
  const { actor, meeting, room, organiser, mail } = await setup('bounce', { startsAt: new Date('2030-05-06T09:00:00Z') });
  await database.db.invite.create({ data: { roomId: room.id, meetingId: meeting.id, createdById: organiser.id, email: mail('bounce'), name: 'Bo', tokenHash: 'h-bounce', expiresAt: new Date(Date.now() + 86_400_000) } });
  await notices.startNotificationWorker();
  await mutations.cancelMeeting(actor, meeting.id);
  const rows = await until(
    () => database.db.notification.findMany({ where: { meetingId: meeting.id }, select: { email: true, delivery: true, error: true } }),
    (list) => list.length === 3 && list.every((r) => r.delivery !== 'QUEUED'),
    20_000,
  );
  const bounced = rows.find((r) => r.email === mail('bounce'))!;
  assert.equal(bounced.delivery, 'FAILED');
  assert.match(bounced.error ?? '', /550/);
  assert.deepEqual(rows.filter((r) => r.delivery === 'SENT').map((r) => r.email).sort(), [mail('carl'), mail('gus')]);
  const { notificationDelivery } = await import('./queries');
  const view = await notificationDelivery(meeting.id);
  assert.deepEqual(view.counts.CANCEL, { QUEUED: 0, SENT: 2, FAILED: 1 });
  assert.deepEqual(view.problems.map((p) => [p.email, p.kind, p.delivery]), [[mail('bounce'), 'CANCEL', 'FAILED']]);
});
