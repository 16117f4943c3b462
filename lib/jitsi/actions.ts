'use server';

import { z } from 'zod';
import { requireUser } from '@/lib/auth/session';
import { sessionEventSchema } from '@/lib/attendance/schemas';
import { AppError } from '@/lib/errors';
import { decideJoin, issueTicket, recordSessionEvent } from '@/lib/jitsi/join';
import { serverAction } from '@/lib/safe-action';
import { idSchema } from '@/lib/schemas';

const joinSchema = z.strictObject({
  target: z.discriminatedUnion('kind', [
    z.strictObject({ kind: z.literal('meeting'), meetingId: idSchema }),
    z.strictObject({ kind: z.literal('room'), slug: z.string().min(1).max(60) }),
  ]),
});

/**
 * Mints a fresh Jitsi token for the signed-in person and this room or meeting, if they may join now.
 * Room, role and features come from the database only; nothing the browser sends can change them.
 */
export const joinAction = serverAction({
  caller: requireUser,
  input: joinSchema,
  args: ['target'],
  invalidInput: 'not-found',
  run: async (user, { target }) => {
    const decision = await decideJoin(user, target);
    if (!decision.ok) throw new AppError(decision.reason === 'not_found' ? 'NOT_FOUND' : 'FORBIDDEN', decision.message);
    return issueTicket(user, decision);
  },
});

/** The meeting page reports joined/left/role changes and heartbeats for the person's own token. */
export const reportAttendanceAction = serverAction({
  caller: requireUser,
  input: z.strictObject({ event: sessionEventSchema }),
  args: ['event'],
  invalidInput: 'message',
  run: async (user, { event }) => {
    const recorded = await recordSessionEvent({ userId: user.id }, event.jti, event.kind, event.role);
    if (recorded === 'ended') throw new AppError('ENDED');
    if (!recorded) throw new AppError('NOT_FOUND');
  },
});
