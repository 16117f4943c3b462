import 'server-only';
import { db } from '@/lib/db';
import { DEFAULT_REMINDER_MINUTES } from '@/lib/notifications/settings';

/** One person a meeting's notifications go to, with the settings that apply to them. */
export type Recipient = {
  email: string;
  name: string | null;
  /** Employees: their own zone; guests: the meeting's (the organiser's) zone, as in their invitation. */
  timeZone: string;
  /** Set for a guest: their links go to their invite page, and they unsubscribe with it. */
  inviteId: string | null;
  reminderMinutes: number;
  updateMails: boolean;
};

/** Most personal invites of one meeting that are notified (a bulk upload is capped far below). */
const MAX_INVITES = 5000;

const person = { email: true, name: true, timeZone: true, reminderMinutes: true, updateMails: true, disabledAt: true } as const;

/**
 * Everyone concerned by a meeting: the room's owner, co-hosts and participants, and the meeting's
 * invited guests whose invite still works and who did not unsubscribe. One entry per address; an
 * invited address that belongs to an employee gets that employee's settings and links. Nobody at
 * all when the room is archived.
 */
export async function meetingRecipients(meetingId: string, now = new Date()): Promise<Recipient[]> {
  const meeting = await db.meeting.findUnique({
    where: { id: meetingId },
    select: {
      timeZone: true,
      organizer: { select: { reminderMinutes: true } },
      room: { select: { archivedAt: true, owner: { select: person }, members: { select: { user: { select: person } } } } },
      invites: {
        where: { email: { not: null }, revokedAt: null, expiresAt: { gt: now } },
        select: { id: true, email: true, name: true, unsubscribedAt: true },
        orderBy: { id: 'asc' },
        take: MAX_INVITES,
      },
    },
  });
  if (!meeting || meeting.room.archivedAt) return [];
  const byEmail = new Map<string, Recipient>();
  const addEmployee = (u: { email: string; name: string | null; timeZone: string; reminderMinutes: number; updateMails: boolean; disabledAt: Date | null }) => {
    if (u.disabledAt || byEmail.has(u.email.toLowerCase())) return;
    byEmail.set(u.email.toLowerCase(), { email: u.email.toLowerCase(), name: u.name, timeZone: u.timeZone, inviteId: null, reminderMinutes: u.reminderMinutes, updateMails: u.updateMails });
  };
  addEmployee(meeting.room.owner);
  for (const { user } of meeting.room.members) addEmployee(user);

  const guests = meeting.invites.filter((i) => i.email && !byEmail.has(i.email));
  const employeesInvited = guests.length
    ? await db.user.findMany({ where: { email: { in: guests.map((g) => g.email!) } }, select: person })
    : [];
  for (const user of employeesInvited) addEmployee(user);
  // Guests get the organiser's lead time; an organiser who turned their own reminders off still has guests reminded.
  const guestMinutes = meeting.organizer.reminderMinutes || DEFAULT_REMINDER_MINUTES;
  for (const invite of guests) {
    const email = invite.email!;
    if (byEmail.has(email) || invite.unsubscribedAt || employeesInvited.some((u) => u.email.toLowerCase() === email)) continue;
    byEmail.set(email, { email, name: invite.name, timeZone: meeting.timeZone, inviteId: invite.id, reminderMinutes: guestMinutes, updateMails: true });
  }
  return [...byEmail.values()];
}
