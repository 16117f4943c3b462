import 'server-only';
import { db, databasePoolStats } from '@/lib/db';
import { Prisma } from '@/lib/generated/prisma/client';
import { DeliveryState } from '@/lib/generated/prisma/enums';
import { QUEUE_SCHEMA, QUEUES } from '@/lib/jobs/queue';
import { metrics } from '@/lib/metrics/registry';

/** Job states that make up a queue's depth (waiting) and its work in progress (active). */
const COUNTED_STATES = ['created', 'retry', 'active'] as const;

/** Reads the figures that live in the database into the gauges. */
async function readDatabaseFigures(): Promise<void> {
  const m = metrics();
  const [invites, notifications, jobs] = await Promise.all([
    db.invite.groupBy({ by: ['delivery'], _count: { _all: true } }),
    db.notification.groupBy({ by: ['delivery'], _count: { _all: true } }),
    // The queue's tables exist once any process has started it; before that there is nothing waiting.
    db.$queryRaw<{ name: string; state: string; count: bigint }[]>`
      SELECT name, state::text AS state, count(*) AS count FROM ${Prisma.raw(`"${QUEUE_SCHEMA}"`)}.job
      WHERE state::text IN (${Prisma.join([...COUNTED_STATES])}) GROUP BY 1, 2`.catch(() => []),
  ]);
  m.mails.reset();
  for (const [kind, rows] of [['invitation', invites], ['notification', notifications]] as const) {
    for (const status of Object.values(DeliveryState)) m.mails.set({ kind, status: status.toLowerCase() }, 0);
    for (const row of rows) m.mails.set({ kind, status: row.delivery.toLowerCase() }, row._count._all);
  }
  m.queueJobs.reset();
  for (const queue of Object.values(QUEUES)) for (const state of COUNTED_STATES) m.queueJobs.set({ queue: queue.name, state }, 0);
  for (const row of jobs) m.queueJobs.set({ queue: row.name, state: row.state }, Number(row.count));
}

/** This process's metrics in Prometheus' text format. A database outage leaves the database figures out. */
export async function scrapeMetrics(): Promise<{ contentType: string; body: string }> {
  const m = metrics();
  const pool = databasePoolStats();
  if (pool) for (const state of ['total', 'idle', 'waiting'] as const) m.poolConnections.set({ state }, pool[state]);
  await readDatabaseFigures().catch((error: unknown) => console.error('[metrics] database figures unavailable:', error instanceof Error ? error.message : error));
  return { contentType: m.registry.contentType, body: await m.registry.metrics() };
}
