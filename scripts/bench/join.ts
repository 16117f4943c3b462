/**
 * Benchmark 2, the join path: signed-in people asking to join (session check → authorization →
 * database → mint → response) through the join page's own server action, `joinAction`, at 10, 100 and
 * 500 concurrent connections, each level side by side with the trivial dynamic route of the same
 * server, GET /api/health.
 */
import type pg from 'pg';
import type { JoinCase } from './fixtures';
import { actionHeaders, actionId, encodeActionArguments } from './actions';
import { runLoad, waitForIdle, type LoadRequest, type LoadResult } from './loadgen';
import { log } from './support';

export type JoinLevel = { connections: number; trivial: LoadResult; join: LoadResult };
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
  cases: JoinCase[],
  { levels = [10, 100, 500], durationSeconds = 8, warmupSeconds = 3 }: { levels?: number[]; durationSeconds?: number; warmupSeconds?: number } = {},
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
    const t = await runLoad({ connections, durationSeconds, warmupSeconds, requests: trivial, expect: { status: 200, bodyIncludes: '"status":"ok"' } });
    await waitForIdle();
    log(`join path: ${connections} connections — joinAction`);
    const j = await runLoad({ connections, durationSeconds, warmupSeconds, requests: join, expect: { status: 200, bodyIncludes: '"ok":true' } });
    results.push({ connections, trivial: t, join: j });
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
