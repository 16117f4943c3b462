/** Morning digests through the real SMTP sink (e2e/support/smtp-sink.ts, started here) and a fresh database. */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { createTestDatabase, type TestDatabase } from '../testing/database';
import { startMailSink } from '../testing/mail-sink';

process.env.SMTP_SINK_PORT ??= '3535';
process.env.SMTP_SINK_HTTP_PORT ??= '3536';

let database: TestDatabase;
let stopSink: () => void;
let mailbox: typeof import('../../e2e/support/mailbox');
let digest: typeof import('./digest');

before(async () => {
  database = await createTestDatabase();
  process.env.DATABASE_URL = database.url;
  process.env.AUTH_URL = 'http://portal.test';
  process.env.AUTH_SECRET ??= 'a-test-secret-of-at-least-32-characters!!';
  ({ mailbox, stop: stopSink } = await startMailSink());
  digest = await import('./digest');
});
after(async () => {
  const { getQueue } = await import('../jobs/queue');
  await (await getQueue()).stop({ graceful: false, wait: true });
  const { db } = await import('../db');
  await db.$disconnect();
  await database.drop();
  stopSink();
});

// Wednesday 10 March 2027, 07:05 in Berlin (06:05Z); 01:05 in New York.
const NOW = new Date('2027-03-10T06:05:00Z');
const HOUR = 3_600_000;

test('digestDay: from 07:00 to noon in the person’s own zone', () => {
  assert.equal(digest.digestDay(NOW, 'Europe/Berlin'), '2027-03-10');
  assert.equal(digest.digestDay(new Date(NOW.getTime() - 6 * 60_000), 'Europe/Berlin'), null, '06:59');
  assert.equal(digest.digestDay(new Date('2027-03-10T11:00:00Z'), 'Europe/Berlin'), null, '12:00');
  assert.equal(digest.digestDay(NOW, 'America/New_York'), null, '01:05 there');
  assert.equal(digest.digestDay(new Date('2027-03-10T19:30:00Z'), 'Pacific/Auckland'), '2027-03-11', 'already tomorrow there');
});

test('one digest per person and day, even when scans overlap; it lists that day’s meetings in their zone, not the next day’s', async () => {
  const db = database.db;
  const ada = await db.user.create({ data: { email: 'ada@digest.test', name: 'Ada', timeZone: 'Europe/Berlin', digestMails: true } });
  const ned = await db.user.create({ data: { email: 'ned@digest.test', name: 'Ned', timeZone: 'America/New_York', digestMails: true } });
  const off = await db.user.create({ data: { email: 'olli@digest.test', name: 'Olli', timeZone: 'Europe/Berlin' } });
  const idle = await db.user.create({ data: { email: 'ida@digest.test', name: 'Ida', timeZone: 'Europe/Berlin', digestMails: true } });
  const room = await db.room.create({ data: { slug: 'digest-room', name: 'Harbour', ownerId: ada.id, jitsiName: 'digestroom', members: { create: [{ userId: ned.id, role: 'PARTICIPANT' }, { userId: off.id, role: 'PARTICIPANT' }] } } });
  const meeting = (title: string, startsAt: string, extra: object = {}) =>
    db.meeting.create({ data: { roomId: room.id, organizerId: ada.id, title, startsAt: new Date(startsAt), endsAt: new Date(new Date(startsAt).getTime() + HOUR / 2), timeZone: 'Europe/Berlin', ...extra } });
  const standup = await meeting('Standup', '2027-03-10T08:00:00Z'); // 09:00 Berlin
  await meeting('Review', '2027-03-10T14:30:00Z'); // 15:30 Berlin
  await meeting('Tomorrow', '2027-03-11T08:00:00Z');
  await meeting('Called off', '2027-03-10T10:00:00Z', { cancelledAt: new Date() });

  const counts = await Promise.all([digest.scanDigests(NOW), digest.scanDigests(NOW), digest.scanDigests(new Date(NOW.getTime() + 60_000))]);
  assert.equal(counts.reduce((a, b) => a + b, 0), 2, 'Ada and Ida (Ned is asleep in New York, Olli has it off)');
  assert.equal(await digest.scanDigests(new Date(NOW.getTime() + 2 * HOUR)), 0, 'a later scan the same morning adds nothing');
  const rows = await db.digestMail.findMany({ select: { id: true, userId: true, day: true } });
  assert.deepEqual(rows.map((r) => [r.userId, r.day]).sort(), [[ada.id, '2027-03-10'], [idle.id, '2027-03-10']].sort());

  for (const row of rows) await digest.sendDigest(row.id, 'http://portal.test');
  const [mail] = await mailbox.listMessages('ada@digest.test');
  assert.ok(mail, 'Ada got her digest');
  assert.equal(mail.subject, 'Today, 10 Mar 2027: 2 meetings');
  assert.match(mail.text, /09:00–09:30 {2}Standup \(Harbour\)/);
  assert.match(mail.text, /15:30–16:00 {2}Review \(Harbour\)/);
  assert.ok(mail.text.includes(`http://portal.test/meetings/${standup.id}`));
  assert.doesNotMatch(mail.text, /Tomorrow|Called off/);
  assert.match(mail.text, /http:\/\/portal\.test\/settings/);
  assert.equal((await mailbox.listMessages('ida@digest.test')).length, 0, 'no mail on a day without meetings');
  const states = await db.digestMail.findMany({ select: { userId: true, delivery: true } });
  assert.deepEqual(Object.fromEntries(states.map((s) => [s.userId, s.delivery])), { [ada.id]: 'SENT', [idle.id]: 'NOT_SENT' });
  assert.equal(await digest.sendDigest(rows[0]!.id, 'http://portal.test'), 'skipped', 'sent once');
  assert.equal((await mailbox.listMessages('ada@digest.test')).length, 1);
});
