import 'server-only';
import { db } from '@/lib/db';
import { getEnv } from '@/lib/env';
import { Prisma } from '@/lib/generated/prisma/client';
import type PgBoss from 'pg-boss';
import { getQueue, QUEUE_SCHEMA, QUEUES } from '@/lib/jobs/queue';
import { configuredOrigin } from '@/lib/origin';
import { inviteDeliveryCounts } from '@/lib/invites/queries';
import { isMailServerDownText, mailFailure, sendMail } from '@/lib/mail/send';
import { inviteMail } from '@/lib/mail/templates';
import { meetingToIcs } from '@/lib/meetings/ics';
import { nextOccurrence } from '@/lib/meetings/recurrence';
import { meetingDetails } from '@/lib/meetings/queries';
import { toGuestIcsMeeting } from '@/lib/calendar/ics-input';
import { inviteLink } from '@/lib/invites/links';

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

/** Mails that failed for a temporary reason and wait for pg-boss's next attempt. */
export type MailRetry = {
  /** Seconds until the earliest waiting mail is tried again; 0 when it is due now, null when none is scheduled. */
  nextAttemptInSeconds: number | null;
  /** The last failure, as the mail server or the connection reported it. */
  lastError: string;
  /** The last failure says the mail server is down or unreachable (not deferring one message). */
  serverDown: boolean;
  /** A mail of this meeting went out after the last failure: the server is back, the rest wait for their retry. */
  recovered: boolean;
};

export type DeliveryProgress = { queued: number; sent: number; failed: number; retry: MailRetry | null };

/**
 * A meeting's invitation-mail progress, including whether mails are waiting out a mail-server outage
 * and when pg-boss tries again (its `start_after` for the jobs in state `retry`). The caller has
 * checked that the viewer may edit the meeting. Three indexed reads, whatever the list's size.
 */
export async function inviteDeliveryProgress(meetingId: string, now = new Date()): Promise<DeliveryProgress> {
  const waiting = { meetingId, revokedAt: null, delivery: 'QUEUED' as const, deliveryError: { not: null } };
  const [counts, lastFailure, lastSent] = await Promise.all([
    inviteDeliveryCounts(meetingId),
    db.invite.findFirst({ where: waiting, orderBy: { updatedAt: 'desc' }, select: { deliveryError: true, updatedAt: true } }),
    db.invite.findFirst({ where: { meetingId, delivery: 'SENT' }, orderBy: { updatedAt: 'desc' }, select: { updatedAt: true } }),
  ]);
  if (!lastFailure || counts.queued === 0) return { ...counts, retry: null };
  const [next] = await db.$queryRaw<{ at: Date | null }[]>`
    SELECT min(j.start_after) AS at FROM ${Prisma.raw(`"${QUEUE_SCHEMA}"`)}.job j
    WHERE j.name = ${QUEUES.inviteMail.name} AND j.state = 'retry'
      AND j.data->>'inviteId' IN (SELECT i.id FROM "Invite" i WHERE i."meetingId" = ${meetingId} AND i.delivery = 'QUEUED' AND i."deliveryError" IS NOT NULL)`;
  const at = next?.at ? new Date(next.at) : null;
  return {
    ...counts,
    retry: {
      nextAttemptInSeconds: at ? Math.max(0, Math.ceil((at.getTime() - now.getTime()) / 1000)) : null,
      lastError: lastFailure.deliveryError ?? '',
      serverDown: isMailServerDownText(lastFailure.deliveryError ?? ''),
      recovered: !!lastSent && lastSent.updatedAt > lastFailure.updatedAt,
    },
  };
}

/**
 * Sends a batch of invitations (one mail each: the invite's personal link, the meeting's .ics, no
 * Jitsi token) with one read of the invites and one write of those sent. Returns, per invite that
 * could not be sent, the error; invites no longer to be sent (revoked, expired) are marked NOT_SENT.
 */
async function sendInviteMails(inviteIds: string[], origin: string): Promise<Map<string, unknown>> {
  const now = new Date();
  const invites = await db.invite.findMany({
    where: { id: { in: inviteIds } },
    select: {
      id: true, name: true, email: true, revokedAt: true, expiresAt: true, linkSeed: true, tokenHash: true,
      meeting: { select: { ...meetingDetails, room: { select: { name: true } } } },
    },
  });
  const usable = invites.filter((i) => i.email && i.meeting && !i.revokedAt && i.expiresAt > now);
  const unusable = inviteIds.filter((id) => !usable.some((i) => i.id === id));
  if (unusable.length) await db.invite.updateMany({ where: { id: { in: unusable }, delivery: 'QUEUED' }, data: { delivery: 'NOT_SENT' } });
  const failures = new Map<string, unknown>();
  const sent: string[] = [];
  await Promise.all(
    usable.map(async (invite) => {
      try {
        const meeting = invite.meeting!;
        const link = await inviteLink(invite.id, origin, invite);
        const ics = meetingToIcs(toGuestIcsMeeting(meeting, link, now), { hostname: new URL(origin).hostname, method: 'REQUEST', attendee: { email: invite.email!, name: invite.name } });
        await sendMail({
          ...inviteMail({
            to: invite.email!,
            name: invite.name,
            title: meeting.title,
            host: meeting.organizer.name ?? meeting.organizer.email,
            next: nextOccurrence(meeting, now),
            timeZone: meeting.timeZone,
            link,
          }),
          attachments: [{ filename: 'invitation.ics', content: ics, contentType: 'text/calendar; charset=utf-8; method=REQUEST' }],
        });
        sent.push(invite.id);
      } catch (error) {
        failures.set(invite.id, error);
      }
    }),
  );
  if (sent.length) await db.invite.updateMany({ where: { id: { in: sent } }, data: { delivery: 'SENT', deliveryError: null } });
  return failures;
}

const globalForWorker = globalThis as unknown as { gatehouseMailWorker?: Promise<void> };
/** Jobs one sender fetches at once: fewer queue round trips per mail, sent side by side. */
const BATCH = 4;

/**
 * Starts this process's invitation-mail senders (once). Each fetches a few jobs at a time and sends
 * them side by side (one read and one write for the batch); every job succeeds or fails on its own,
 * so a failure retries only that mail
 * (with back-off) and never re-sends others. After the last retry the invite shows FAILED.
 */
export function startInviteMailWorker(senders = getEnv().WORKERS): Promise<void> {
  globalForWorker.gatehouseMailWorker ??= (async () => {
    const boss = await getQueue();
    const origin = configuredOrigin();
    const workerIds: string[] = [];
    /** A mail that failed: a temporary failure goes back to the queue (retried with back-off), a permanent one fails its invite. */
    const failed = async (job: PgBoss.JobWithMetadata<InviteMailJob>, error: unknown) => {
      // An SMTP 5xx (e.g. 550 no such mailbox) is permanent: fail now instead of retrying.
      const failure = mailFailure(error, job);
      await db.invite.update({ where: { id: job.data.inviteId }, data: { delivery: failure.delivery, deliveryError: failure.reason } });
      // The batch's other jobs are completed when the handler returns.
      if (failure.retry) await boss.fail(QUEUES.inviteMail.name, job.id, { message: failure.reason });
    };
    for (let i = 0; i < senders; i++) {
      workerIds[i] = await boss.work<InviteMailJob>(QUEUES.inviteMail.name, { batchSize: BATCH, pollingIntervalSeconds: 0.5, includeMetadata: true }, async (jobs) => {
        // pg-boss waits out the polling interval after every fetch, even one that found jobs: while
        // there is mail, this sender fetches the next ones at once.
        const workerId = workerIds[i];
        if (jobs.length && workerId) boss.notifyWorker(workerId);
        const failures = await sendInviteMails(jobs.map((job) => job.data.inviteId), origin);
        await Promise.all(jobs.flatMap((job) => (failures.has(job.data.inviteId) ? [failed(job, failures.get(job.data.inviteId))] : [])));
      });
    }
  })();
  return globalForWorker.gatehouseMailWorker;
}
