'use server';

import { z } from 'zod';
import { fail, fromError, ok, type ActionResult } from '@/lib/action-result';
import { requireUser } from '@/lib/auth/session';
import { decideJoin, issueTicket, recordSessionEvent, type JoinTicket } from '@/lib/jitsi/join';
import { sessionEventSchema } from '@/lib/attendance/schemas';

const targetSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('meeting'), meetingId: z.string().min(1).max(64) }),
  z.strictObject({ kind: z.literal('room'), slug: z.string().min(1).max(60) }),
]);

/**
 * Mints a fresh Jitsi token for the signed-in person and this room or meeting, if they may join now.
 * Room, role and features come from the database only; nothing the browser sends can change them.
 */
export async function joinAction(target: unknown): Promise<ActionResult<JoinTicket>> {
  const user = await requireUser();
  const parsed = targetSchema.safeParse(target);
  if (!parsed.success) return fail('NOT_FOUND');
  try {
    const decision = await decideJoin(user, parsed.data);
    if (!decision.ok) return fail(decision.reason === 'not_found' ? 'NOT_FOUND' : 'FORBIDDEN', decision.message);
    return ok(await issueTicket(user, decision));
  } catch (error) {
    return fromError(error);
  }
}

/** The meeting page reports joined/left/role changes and heartbeats for the person's own token. */
export async function reportAttendanceAction(event: unknown): Promise<ActionResult> {
  const user = await requireUser();
  const parsed = sessionEventSchema.safeParse(event);
  if (!parsed.success) return fail('VALIDATION');
  const recorded = await recordSessionEvent({ userId: user.id }, parsed.data.jti, parsed.data.kind, parsed.data.role);
  if (recorded === 'ended') return fail('ENDED');
  return recorded ? ok(undefined) : fail('NOT_FOUND');
}
