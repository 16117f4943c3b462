import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { createTestDatabase, type TestDatabase } from '../testing/database';
import { meetingFormSchema, schedulingWindow } from './schemas';
import { weekdayOfDate } from './recurrence';

let database: TestDatabase;
let meetings: typeof import('./mutations');

before(async () => {
  database = await createTestDatabase();
  process.env.DATABASE_URL = database.url;
  meetings = await import('./mutations');
});
after(async () => {
  const { db } = await import('../db');
  await db.$disconnect();
  await database.drop();
});

const yearsAgo = (years: number) => {
  const d = new Date();
  return new Date(Date.UTC(d.getUTCFullYear() - years, d.getUTCMonth(), d.getUTCDate(), 8)).toISOString().slice(0, 10);
};

test('a long-running series keeps its first date when edited, but no first date moves before the window', async () => {
  const owner = await database.db.user.create({ data: { email: 'owner@example.com', timeZone: 'UTC' } });
  const actor = { id: owner.id, email: owner.email, role: owner.role, timeZone: 'UTC' };
  const room = await database.db.room.create({ data: { slug: 'long-running', name: 'Long running', ownerId: owner.id, jitsiName: 'longrunning1' } });
  const firstDate = yearsAgo(3);
  const series = await database.db.meeting.create({
    data: { roomId: room.id, organizerId: owner.id, title: 'Weekly', startsAt: new Date(`${firstDate}T09:00:00Z`), endsAt: new Date(`${firstDate}T10:00:00Z`), timeZone: 'UTC', recurrence: `FREQ=WEEKLY;BYDAY=${weekdayOfDate(firstDate)}` },
  });
  const form = (date: string, version?: number) => ({
    roomId: room.id, title: 'Weekly, renamed', date, startTime: '10:00', endTime: '11:00', timeZone: 'UTC', frequency: 'weekly', endKind: 'until', untilDate: schedulingWindow().last, ...(version ? { version: String(version) } : {}),
  });

  // The edit form accepts the old first date; renaming and moving the time of day work.
  const edit = meetingFormSchema.parse(form(firstDate, 1));
  await meetings.updateMeeting(actor, series.id, 1, edit);
  const saved = await database.db.meeting.findUniqueOrThrow({ where: { id: series.id } });
  assert.equal(saved.title, 'Weekly, renamed');
  assert.equal(saved.startsAt.toISOString(), `${firstDate}T10:00:00.000Z`);

  // Moving the first date to another day before the window is refused, in words.
  const moved = meetingFormSchema.parse(form(yearsAgo(2), 2));
  await assert.rejects(meetings.updateMeeting(actor, series.id, 2, moved), (e: Error & { code?: string; fieldErrors?: { date?: string[] } }) => e.code === 'VALIDATION' && /^Pick a date from/.test(e.fieldErrors?.date?.[0] ?? ''));
  // A new meeting there is refused even when the request claims to be an edit.
  await assert.rejects(meetings.createMeeting(actor, moved), (e: Error & { code?: string; fieldErrors?: { date?: string[] } }) => e.code === 'VALIDATION' && /^Pick a date from/.test(e.fieldErrors?.date?.[0] ?? ''));
  // Without a version (a new meeting) the form itself refuses it; an edit cannot go back further than eleven years.
  assert.equal(meetingFormSchema.safeParse(form(yearsAgo(2))).success, false);
  assert.equal(meetingFormSchema.safeParse(form(yearsAgo(12), 2)).success, false);
  assert.equal(await database.db.meeting.count({ where: { roomId: room.id } }), 1);
});
