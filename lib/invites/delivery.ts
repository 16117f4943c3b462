import 'server-only';
import { db } from '@/lib/db';
import { getEnv } from '@/lib/env';
import { getQueue, QUEUES } from '@/lib/jobs/queue';
import { sendMail } from '@/lib/mail/send';
import { inviteMail } from '@/lib/mail/templates';
import { meetingToIcs } from '@/lib/meetings/ics';
import { nextOccurrence } from '@/lib/meetings/recurrence';
import { meetingDetails } from '@/lib/meetings/queries';
import { toGuestIcsMeeting } from '@/lib/calendar/ics-input';
import { generateInviteToken, hashInviteToken } from '@/lib/invites/tokens';

type InviteMailJob = { inviteId: string };

/** Puts invitation mails on the durable queue and marks the invites QUEUED (in batches of 1,000). */
export async function enqueueInviteMails(inviteIds: string[]): Promise<void> {
  if (!inviteIds.length) return;
  const boss = await getQueue();
  for (let i = 0; i < inviteIds.length; i += 1000) {
    const batch = inviteIds.slice(i, i + 1000);
    await db.invite.updateMany({ where: { id: { in: batch }, email: { not: null } }, data: { delivery: 'QUEUED', deliveryError: null } });
    const { name, ...retry } = QUEUES.inviteMail;
    await boss.insert(batch.map((inviteId) => ({ name, data: { inviteId } satisfies InviteMailJob, ...retry })));
  }
}

/**
 * Sends one invitation: a fresh personal link (the token exists only in this mail; earlier links of
 * the invite stop working), the meeting's .ics, no Jitsi token.
 */
async function sendInviteMail(inviteId: string, origin: string): Promise<'sent' | 'skipped'> {
  const invite = await db.invite.findUnique({
    where: { id: inviteId },
    select: {
      id: true, name: true, email: true, revokedAt: true, expiresAt: true,
      meeting: { select: { ...meetingDetails, room: { select: { name: true } } } },
    },
  });
  if (!invite?.email || !invite.meeting || invite.revokedAt || invite.expiresAt <= new Date()) {
    await db.invite.updateMany({ where: { id: inviteId, delivery: 'QUEUED' }, data: { delivery: 'NOT_SENT' } });
    return 'skipped';
  }
  const token = generateInviteToken();
  await db.invite.update({ where: { id: inviteId }, data: { tokenHash: hashInviteToken(token) } });
  const { meeting } = invite;
  const link = `${origin}/invite/${token}`;
  const ics = meetingToIcs(toGuestIcsMeeting(meeting, link, new Date()), { hostname: new URL(origin).hostname });
  await sendMail({
    ...inviteMail({
      to: invite.email,
      name: invite.name,
      title: meeting.title,
      host: meeting.organizer.name ?? meeting.organizer.email,
      next: nextOccurrence(meeting, new Date()),
      timeZone: meeting.timeZone,
      link,
    }),
    attachments: [{ filename: 'invitation.ics', content: ics, contentType: 'text/calendar; charset=utf-8; method=PUBLISH' }],
  });
  await db.invite.update({ where: { id: inviteId }, data: { delivery: 'SENT', deliveryError: null } });
  return 'sent';
}

const globalForWorker = globalThis as unknown as { gatehouseMailWorker?: Promise<void> };

/**
 * Starts this process's invitation-mail senders (once). One job per fetch, so a failure retries only
 * that mail (with back-off) and never re-sends others; after the last retry the invite shows FAILED.
 */
export function startInviteMailWorker(senders = getEnv().WORKERS): Promise<void> {
  globalForWorker.gatehouseMailWorker ??= (async () => {
    const boss = await getQueue();
    const env = getEnv();
    const origin = env.AUTH_URL ? new URL(env.AUTH_URL).origin : `http://localhost:${process.env.PORT ?? 3000}`;
    const workerIds: string[] = [];
    for (let i = 0; i < senders; i++) {
      workerIds[i] = await boss.work<InviteMailJob>(QUEUES.inviteMail.name, { batchSize: 1, pollingIntervalSeconds: 0.5, includeMetadata: true }, async ([job]) => {
        if (!job) return;
        // pg-boss waits out the polling interval after every fetch, even one that found a job (at most
        // 2 mails/s per sender): while there is mail, this sender fetches the next job at once.
        const workerId = workerIds[i];
        if (workerId) boss.notifyWorker(workerId);
        try {
          await sendInviteMail(job.data.inviteId, origin);
        } catch (error) {
          // An SMTP 5xx (e.g. 550 no such mailbox) is permanent: fail now instead of retrying.
          const permanent = Number((error as { responseCode?: number }).responseCode) >= 500;
          const last = permanent || job.retryCount >= job.retryLimit;
          await db.invite.update({
            where: { id: job.data.inviteId },
            data: { delivery: last ? 'FAILED' : 'QUEUED', deliveryError: String(error instanceof Error ? error.message : error).slice(0, 500) },
          });
          if (!permanent) throw error;
        }
      });
    }
  })();
  return globalForWorker.gatehouseMailWorker;
}
