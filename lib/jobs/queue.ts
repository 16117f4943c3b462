import 'server-only';
import PgBoss from 'pg-boss';
import { sqlExecutor } from '@/lib/db';

/** Queues of the portal's durable background work (pg-boss on the portal's own PostgreSQL or PGlite). */
export const QUEUES = {
  inviteMail: { name: 'invite-mail', retryLimit: 5, retryDelay: 5, retryBackoff: true },
  /** Update, cancel and reminder mails: retried with back-off for about 40 minutes of mail outage. */
  notificationMail: { name: 'notification-mail', retryLimit: 9, retryDelay: 5, retryBackoff: true },
  /** Morning digests: retried like notification mails. */
  digestMail: { name: 'digest-mail', retryLimit: 9, retryDelay: 5, retryBackoff: true },
  /** Every minute (pg-boss cron, one job per minute however many processes run): reminders and digests now due. */
  reminderScan: { name: 'reminder-scan', retryLimit: 0 },
} as const;

/** The PostgreSQL schema holding pg-boss's tables (read directly for the delivery progress). */
export const QUEUE_SCHEMA = 'pgboss';

const globalForBoss = globalThis as unknown as { gatehouseBoss?: Promise<PgBoss> };

/** The started job queue of this process (created on first use). */
export function getQueue(): Promise<PgBoss> {
  globalForBoss.gatehouseBoss ??= (async () => {
    const executeSql = await sqlExecutor();
    const boss = new PgBoss({ db: { executeSql }, schema: QUEUE_SCHEMA });
    boss.on('error', (error) => console.error('[jobs]', error.message));
    await boss.start();
    for (const queue of Object.values(QUEUES)) {
      if (!(await boss.getQueue(queue.name))) await boss.createQueue(queue.name, { ...queue });
    }
    return boss;
  })();
  return globalForBoss.gatehouseBoss;
}

/**
 * Stops this process's queue, if it was started: no new jobs are fetched and running ones finish
 * (up to `timeoutMs`); a job still running then is retried by another worker after it expires.
 */
export async function stopQueue(timeoutMs = 25_000): Promise<void> {
  const started = globalForBoss.gatehouseBoss;
  if (!started) return;
  const boss = await started;
  await boss.stop({ graceful: true, wait: true, timeout: timeoutMs });
}
