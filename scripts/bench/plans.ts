/**
 * Query plans of the dashboards' hot paths: runs the very functions the pages call (lib/…/queries.ts and
 * the Auth.js adapter's session lookup) against the benchmark database with Prisma's query log on,
 * then runs EXPLAIN (ANALYZE, BUFFERS) for every statement they sent, with the same parameters.
 * Sequential scans of tables with more than 1,000 rows are listed; one that keeps under 10% of the table
 * is "selective" — an index would have served it. Prints one JSON object.
 *
 * Run (the benchmark does): DATABASE_URL=… node --conditions=react-server --import tsx scripts/bench/plans.ts <employeeId> <sessionToken>
 */
import pg from 'pg';
import { PrismaPg } from '@prisma/adapter-pg';
import { PrismaClient } from '../../lib/generated/prisma/client';

/**
 * A sequential scan in a plan: `rows` in the table, `returned` by the scan (after its filter);
 * `selective` when it keeps under 10% of the table; `indexAvailable` when PostgreSQL can answer the same
 * query without reading that table sequentially (asked with enable_seqscan off), i.e. it chose the
 * sequential scan because the table is small, not because an index is missing.
 */
export type SeqScan = { table: string; rows: number; returned: number; selective: boolean; indexAvailable: boolean };
export type PlannedQuery = { page: string; step: string; sql: string; params: unknown[]; plan: string; ms: number; seqScans: SeqScan[] };

const url = process.env.DATABASE_URL!;
const [employeeId, sessionToken] = process.argv.slice(2);

const captured: { sql: string; params: unknown[] }[] = [];
const client = new PrismaClient({ adapter: new PrismaPg({ connectionString: url, max: 4 }), log: [{ emit: 'event', level: 'query' }] });
client.$on('query', (event) => captured.push({ sql: event.query, params: JSON.parse(event.params) as unknown[] }));
// lib/db.ts keeps its client here: the page functions below use this logging one.
(globalThis as unknown as { gatehouseDb?: PrismaClient }).gatehouseDb = client;

const { listMyRooms } = await import('../../lib/rooms/queries');
const { listUpcomingOccurrences } = await import('../../lib/meetings/queries');
const { listUsers } = await import('../../lib/users/queries');
const { listAllRooms } = await import('../../lib/rooms/queries');
const { listAuditEvents, listAuditKinds } = await import('../../lib/audit/queries');

const employee = await client.user.findUniqueOrThrow({ where: { id: employeeId! } });
const steps: { page: string; step: string; run: () => Promise<unknown> }[] = [
  // What @auth/prisma-adapter's getSessionAndUser runs on every signed-in request.
  { page: 'every signed-in page', step: 'session lookup (Auth.js adapter)', run: () => client.session.findUnique({ where: { sessionToken: sessionToken! }, include: { user: true } }) },
  { page: 'employee dashboard', step: 'listMyRooms', run: () => listMyRooms(employee.id) },
  { page: 'employee dashboard', step: 'listUpcomingOccurrences', run: () => listUpcomingOccurrences(employee, new Date()) },
  { page: 'admin users', step: 'listUsers (page 1)', run: () => listUsers({ take: 50, skip: 0 }) },
  { page: 'admin rooms', step: 'listAllRooms (active, page 1)', run: () => listAllRooms({ archived: false, take: 50, skip: 0 }) },
  { page: 'admin audit', step: 'listAuditEvents (no filter, page 1)', run: () => listAuditEvents({}) },
  { page: 'admin audit', step: 'listAuditKinds', run: () => listAuditKinds() },
];

const pool = new pg.Pool({ connectionString: url, max: 2 });
const sizes = new Map(
  (await pool.query<{ relname: string; n: string }>(`SELECT relname, n_live_tup::bigint AS n FROM pg_stat_user_tables`)).rows.map((r) => [r.relname, Number(r.n)]),
);
// The first column of every index, to tell an index lookup from a read of the whole index.
const leadingColumns = new Map(
  (
    await pool.query<{ index: string; first: string }>(
      `SELECT i.relname AS index, a.attname AS first FROM pg_index x
         JOIN pg_class i ON i.oid = x.indexrelid
         JOIN pg_attribute a ON a.attrelid = x.indrelid AND a.attnum = x.indkey[0]`,
    )
  ).rows.map((r) => [r.index, r.first]),
);
const planned: PlannedQuery[] = [];
for (const step of steps) {
  captured.length = 0;
  await step.run();
  for (const query of captured.filter((q) => /^\s*(SELECT|WITH)\b/i.test(q.sql))) {
    const started = performance.now();
    const { rows } = await pool.query<{ 'QUERY PLAN': string }>(`EXPLAIN (ANALYZE, BUFFERS) ${query.sql}`, query.params.map(toPgParam));
    const plan = rows.map((r) => r['QUERY PLAN']).join('\n');
    const seqScans = [...plan.matchAll(/Seq Scan on "?([A-Za-z_]+)"?[^\n]*?actual time=[\d.]+\.\.[\d.]+ rows=(\d+) loops=(\d+)/g)]
      .map((m) => {
        const rows = sizes.get(m[1]!) ?? 0;
        const returned = Number(m[2]) * Number(m[3]);
        return { table: m[1]!, rows, returned, selective: returned < rows * 0.1, indexAvailable: false };
      })
      .filter((s) => s.rows > 1000);
    if (seqScans.some((s) => s.selective)) {
      const without = await planWithoutSeqScans(query.sql, query.params.map(toPgParam));
      for (const scan of seqScans) scan.indexAvailable = usesIndexCondition(without, scan.table);
    }
    planned.push({ page: step.page, step: step.step, sql: query.sql, params: query.params, plan, ms: performance.now() - started, seqScans });
  }
}
await pool.end();
await client.$disconnect();
console.log(JSON.stringify({ queries: planned }));

/**
 * Whether a plan finds rows of `table` through an index whose leading column is in the index condition.
 * A condition on a later column only (or a Filter) means reading the whole index: no better than reading
 * the table, so the index that the query needs is still missing.
 */
function usesIndexCondition(plan: string, table: string): boolean {
  const lines = plan.split('\n');
  return lines.some((line, i) => {
    const direct = new RegExp(`(?:Index Scan|Index Only Scan) using "?([^" ]+)"? on "?${table}"?`).exec(line);
    const bitmap = new RegExp(`Bitmap Heap Scan on "?${table}"?`).test(line);
    if (!direct && !bitmap) return false;
    const indent = line.search(/\S/);
    let index = direct?.[1];
    for (const next of lines.slice(i + 1)) {
      if (next.search(/\S/) <= indent) break;
      const child = /Bitmap Index Scan on "?([^" ]+)"?/.exec(next);
      if (child) index = child[1];
      else if (/^\s*->/.test(next)) break;
      const cond = /Index Cond: (.*)$/.exec(next);
      if (cond && index) {
        const leading = leadingColumns.get(index);
        // "IS NOT NULL" on the leading column is no lookup: it matches (nearly) every entry.
        if (leading && new RegExp(`(^|[^A-Za-z_])"?${leading}"?\\s*(=|<|>|~~|IS NULL)`).test(cond[1]!)) return true;
      }
    }
    return false;
  });
}

/** The plan PostgreSQL would choose if sequential scans were a last resort (plan only, not run). */
async function planWithoutSeqScans(sql: string, params: unknown[]): Promise<string> {
  const connection = await pool.connect();
  try {
    await connection.query('BEGIN');
    await connection.query('SET LOCAL enable_seqscan = off');
    const { rows } = await connection.query<{ 'QUERY PLAN': string }>(`EXPLAIN ${sql}`, params);
    return rows.map((r) => r['QUERY PLAN']).join('\n');
  } finally {
    await connection.query('ROLLBACK');
    connection.release();
  }
}

function toPgParam(value: unknown): unknown {
  if (value !== null && typeof value === 'object') return JSON.stringify(value);
  return value;
}
