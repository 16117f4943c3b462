/**
 * Benchmark 2, the join path: signed-in people asking to join (session check → authorization →
 * database → mint → response) through the join page's own server action, `joinAction`, at 10, 100 and
 * 500 concurrent connections, each level side by side with the trivial dynamic route of the same
 * server, GET /api/health.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type pg from 'pg';
import type { JoinCase } from './fixtures';
import { ROOT, portalBenchEnv } from './config';
import { cpuSeconds, postgresCpuSeconds } from './profile';
import { actionHeaders, actionId, encodeActionArguments } from './actions';
import { runLoad, waitForIdle, type LoadRequest, type LoadResult } from './loadgen';
import { errorLines, log, run } from './support';

export type MeasuredLoad = LoadResult & { serverCpuMsPerRequest: number; postgresCpuMsPerRequest: number };
export type JoinLevel = { connections: number; trivial: MeasuredLoad; join: MeasuredLoad; serverErrors?: string[] };
export type JoinReport = { levels: JoinLevel[]; distinctRequests: number; people: number; tokensPersisted: number; auditEventsWritten: number };

export async function joinRequests(cases: JoinCase[]): Promise<LoadRequest[]> {
  const id = actionId('lib/jitsi/actions.ts', 'joinAction');
  return Promise.all(
    cases.map(async (c) => {
      const body = await encodeActionArguments([c.target]);
      if (typeof body !== 'string') throw new Error('a join request is plain JSON');
      return { method: 'POST' as const, path: c.page, headers: actionHeaders(id, c.sessionToken), body };
    }),
  );
}

export async function benchJoinPath(
  client: pg.Client,
  serverPid: number,
  cases: JoinCase[],
  {
    levels = [10, 100, 500],
    durationSeconds = 8,
    warmupSeconds = 3,
    serverLog = () => '',
  }: { levels?: number[]; durationSeconds?: number; warmupSeconds?: number; serverLog?: () => string } = {},
): Promise<JoinReport> {
  const join = await joinRequests(cases);
  const trivial: LoadRequest[] = [{ method: 'GET', path: '/api/health', headers: {} }];
  const count = async () => {
    const { rows } = await client.query<{ a: string; e: string }>(`SELECT (SELECT count(*) FROM "Attendance") AS a, (SELECT count(*) FROM "AuditEvent" WHERE kind = 'token.minted') AS e`);
    return { attendance: Number(rows[0]!.a), audit: Number(rows[0]!.e) };
  };
  const before = await count();
  const results: JoinLevel[] = [];
  for (const connections of levels) {
    await waitForIdle();
    log(`join path: ${connections} connections — trivial route`);
    const t = await withCpu(client, serverPid, () => runLoad({ connections, durationSeconds, warmupSeconds, requests: trivial, expect: { status: 200, bodyIncludes: '"status":"ok"' } }));
    await waitForIdle();
    log(`join path: ${connections} connections — joinAction`);
    const j = await withCpu(client, serverPid, () => runLoad({ connections, durationSeconds, warmupSeconds, requests: join, expect: { status: 200, bodyIncludes: '"ok":true' } }));
    // An error answer carries only a digest; the portal's log says what happened.
    const serverErrors = t.errors + j.errors > 0 ? errorLines(serverLog()) : undefined;
    results.push({ connections, trivial: t, join: j, ...(serverErrors ? { serverErrors } : {}) });
    log(`  trivial ${t.goodPerSecond.toFixed(0)}/s p99 ${t.latencyMs.p99} ms · join ${j.goodPerSecond.toFixed(0)}/s p99 ${j.latencyMs.p99} ms, errors ${j.errors}`);
  }
  const after = await count();
  return {
    levels: results,
    distinctRequests: join.length,
    people: new Set(cases.map((c) => c.sessionToken)).size,
    tokensPersisted: after.attendance - before.attendance,
    auditEventsWritten: after.audit - before.audit,
  };
}

export type DirectJoinResult = { concurrency: number; seconds: number; joins: number; failed: number; perSecond: number; p50: number; cpuMsPerJoin: number };

/** The same joins without HTTP and Next.js (scripts/bench/join-direct.ts in its own process). */
export async function directJoin(cases: JoinCase[], concurrency: number, seconds: number): Promise<DirectJoinResult> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gatehouse-bench-'));
  const file = path.join(dir, 'cases.json');
  fs.writeFileSync(file, JSON.stringify(cases));
  try {
    const output = await run(process.execPath, ['--conditions=react-server', '--import', 'tsx', path.join(ROOT, 'scripts', 'bench', 'join-direct.ts'), file, String(concurrency), String(seconds)], {
      cwd: ROOT,
      env: { ...process.env, ...portalBenchEnv },
    });
    const line = output.trim().split('\n').filter((l) => l.startsWith('{')).at(-1);
    if (!line) throw new Error(`join-direct.ts printed no result:\n${output.slice(-3000)}`);
    return JSON.parse(line) as DirectJoinResult;
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * CPU milliseconds the server and PostgreSQL spent per answered request during one load run. PostgreSQL's
 * share is that of the backends connected to the benchmark database (the portal's pools), so other work on
 * the same server does not count.
 */
export async function withCpu<T extends { totalResponses: number }>(
  client: pg.Client,
  serverPid: number,
  load: () => Promise<T>,
): Promise<T & { serverCpuMsPerRequest: number; postgresCpuMsPerRequest: number }> {
  const backends = async () =>
    (await client.query<{ pid: number }>(`SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()`)).rows.map((r) => r.pid);
  const server0 = cpuSeconds(serverPid);
  const before = new Map((await backends()).map((pid) => [pid, postgresCpuSeconds([pid])]));
  const result = await load();
  const n = Math.max(1, result.totalResponses);
  // Backends opened during the run count from 0; one that exited meanwhile reads 0 and adds nothing.
  const pids = new Set([...before.keys(), ...(await backends())]);
  const pgSeconds = [...pids].reduce((sum, pid) => sum + Math.max(0, postgresCpuSeconds([pid]) - (before.get(pid) ?? 0)), 0);
  return { ...result, serverCpuMsPerRequest: ((cpuSeconds(serverPid) - server0) * 1000) / n, postgresCpuMsPerRequest: (pgSeconds * 1000) / n };
}
