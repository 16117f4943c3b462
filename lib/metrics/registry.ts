/**
 * The portal's Prometheus metrics (prom-client), one registry per process, served at /metrics
 * (app/metrics/route.ts, which also reads the gauges' figures when scraped: lib/metrics/scrape.ts).
 * Counters are this process's since it started, as Prometheus expects of a scrape target; figures
 * that must agree across replicas and workers (mails, queue depth) come from the database. No user
 * data in labels: routes are Next's route patterns, reasons and roles are fixed words.
 */
import client from 'prom-client';

function create() {
  const registers = [new client.Registry()];
  client.collectDefaultMetrics({ register: registers[0] });
  const created = {
    registry: registers[0]!,
    requestDuration: new client.Histogram({
      name: 'gatehouse_http_request_duration_seconds',
      help: 'Time to answer a request, by method, Next.js route and status code.',
      labelNames: ['method', 'route', 'status'] as const,
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers,
    }),
    tokensMinted: new client.Counter({
      name: 'gatehouse_tokens_minted_total',
      help: 'Jitsi tokens minted, by role (moderator, participant) and path (portal, invite, cli).',
      labelNames: ['role', 'via'] as const,
      registers,
    }),
    joinRefusals: new client.Counter({
      name: 'gatehouse_join_refusals_total',
      help: 'Joins refused before a token was minted, by reason (not_found, too_early, full, link_in_use, …).',
      labelNames: ['reason'] as const,
      registers,
    }),
    databaseErrors: new client.Counter({
      name: 'gatehouse_database_errors_total',
      help: 'Failed database queries: connection (the database is unreachable) or query (any other error).',
      labelNames: ['kind'] as const,
      registers,
    }),
    mails: new client.Gauge({
      name: 'gatehouse_mails',
      help: 'Invitation and notification mails by state (queued, sent, failed, not_sent), from the database.',
      labelNames: ['kind', 'status'] as const,
      registers,
    }),
    queueJobs: new client.Gauge({
      name: 'gatehouse_queue_jobs',
      help: 'Background jobs waiting (created, retry) or running (active), by queue, from the job queue’s tables.',
      labelNames: ['queue', 'state'] as const,
      registers,
    }),
    poolConnections: new client.Gauge({
      name: 'gatehouse_database_pool_connections',
      help: 'Connections of this process’s database pool: total, idle, and queries waiting for one.',
      labelNames: ['state'] as const,
      registers,
    }),
  };
  // Zero from the start, so an alert on the rate sees the first error.
  for (const kind of ['connection', 'query']) created.databaseErrors.inc({ kind }, 0);
  return created;
}

const KEY = Symbol.for('gatehouse.metrics');
const globalMetrics = globalThis as { [KEY]?: ReturnType<typeof create> };

/** This process's metrics (created on first use, shared by every bundle through globalThis). */
export function metrics(): ReturnType<typeof create> {
  return (globalMetrics[KEY] ??= create());
}
