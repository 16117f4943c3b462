/**
 * Demo data for the embedded default: an admin, two employees, a few rooms and upcoming meetings,
 * so a newcomer sees a living portal. Runs only on an empty database (no users yet).
 */
import { pathToFileURL } from 'node:url';
import type { PrismaClient } from '../lib/generated/prisma/client';
import { generateJitsiName } from '../lib/rooms/jitsi-name';

export const demoUsers = [
  { email: 'ada.admin@example.com', name: 'Ada Admin', role: 'ADMIN' as const, timeZone: 'Europe/Berlin' },
  { email: 'ben.member@example.com', name: 'Ben Member', role: 'MEMBER' as const, timeZone: 'America/New_York' },
  { email: 'chloe.member@example.com', name: 'Chloe Member', role: 'MEMBER' as const, timeZone: 'Asia/Tokyo' },
];

const HOUR = 3_600_000;

/** Returns true when demo data was written, false when the database already had users. */
export async function seedDemoData(db: PrismaClient, now = new Date()): Promise<boolean> {
  return db.$transaction(async (tx) => {
    if ((await tx.user.count()) > 0) return false;
    const [ada, ben, chloe] = await Promise.all(
      demoUsers.map((u) => tx.user.create({ data: { ...u, emailVerified: now } })),
    );
    if (!ada || !ben || !chloe) throw new Error('demo users were not created');

    const room = (slug: string, name: string, description: string, ownerId: string, extra: object = {}) =>
      tx.room.create({ data: { slug, name, description, ownerId, jitsiName: generateJitsiName(), ...extra } });
    const standup = await room('team-standup', 'Team Standup', 'Daily fifteen minutes for the product team.', ben.id);
    const review = await room('design-review', 'Design Review', 'Weekly walkthrough of new designs.', chloe.id, { lobby: 'GUESTS' });
    const lounge = await room('coffee-lounge', 'Coffee Lounge', 'Always open. Drop in any time.', ada.id, { alwaysOpen: true });
    await tx.roomMember.create({ data: { roomId: standup.id, userId: chloe.id } });

    const nextHour = new Date(Math.ceil(now.getTime() / HOUR) * HOUR);
    await tx.meeting.createMany({
      data: [
        { roomId: standup.id, organizerId: ben.id, title: 'Daily standup', startsAt: nextHour, endsAt: new Date(nextHour.getTime() + HOUR / 4), timeZone: ben.timeZone, recurrence: 'FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR' },
        { roomId: review.id, organizerId: chloe.id, title: 'Onboarding flow review', startsAt: new Date(nextHour.getTime() + 26 * HOUR), endsAt: new Date(nextHour.getTime() + 27 * HOUR), timeZone: chloe.timeZone },
        { roomId: lounge.id, organizerId: ada.id, title: 'Friday coffee', startsAt: new Date(nextHour.getTime() + 50 * HOUR), endsAt: new Date(nextHour.getTime() + 51 * HOUR), timeZone: ada.timeZone, description: 'Bring your own mug.' },
      ],
    });
    await tx.auditEvent.create({ data: { kind: 'system.demo_seeded', data: { users: demoUsers.length } } });
    return true;
  });
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const { createPrismaClient } = await import('../lib/db');
  const db = createPrismaClient();
  const seeded = await seedDemoData(db);
  console.log(seeded ? 'Demo data added.' : 'The database already has users: demo data not added.');
  await db.$disconnect();
}
