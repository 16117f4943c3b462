/**
 * Benchmark 3, dashboards at scale: the employee dashboard and the admin users, rooms and audit pages,
 * fully rendered (HTML, as a browser asks for them), first on an almost empty database, then with
 * 10,000 rooms, 100,000 meetings and 1,000,000 audit events; and the query plans of what they run.
 */
import path from 'node:path';
import { BENCH_DATABASE_URL, ROOT, SESSION_COOKIE } from './config';
import { runLoad, waitForIdle, type LoadResult } from './loadgen';
import type { PlannedQuery } from './plans';
import { log, run } from './support';

export type DashboardPage = { name: string; path: string; sessionToken: string; marker: string };

export function dashboardPages(employeeToken: string, adminToken: string): DashboardPage[] {
  return [
    { name: 'Employee dashboard (/)', path: '/', sessionToken: employeeToken, marker: 'Upcoming meetings' },
    { name: 'Admin users (/admin/users)', path: '/admin/users', sessionToken: adminToken, marker: 'Users</h1>' },
    { name: 'Admin rooms (/admin/rooms)', path: '/admin/rooms', sessionToken: adminToken, marker: 'Rooms</h1>' },
    { name: 'Admin audit log (/admin/audit)', path: '/admin/audit', sessionToken: adminToken, marker: 'Audit log</h1>' },
  ];
}

/** Each page for a few seconds with 2 connections (light load: the figure of interest is latency). */
export async function measurePages(pages: DashboardPage[], { connections = 2, durationSeconds = 6, warmupSeconds = 2 } = {}): Promise<Record<string, LoadResult>> {
  const out: Record<string, LoadResult> = {};
  for (const page of pages) {
    await waitForIdle();
    log(`dashboards: ${page.name}`);
    out[page.name] = await runLoad({
      connections,
      durationSeconds,
      warmupSeconds,
      requests: [{ method: 'GET', path: page.path, headers: { cookie: `${SESSION_COOKIE}=${page.sessionToken}`, accept: 'text/html' } }],
      expect: { status: 200, bodyIncludes: page.marker },
    });
  }
  return out;
}

export async function queryPlans(employeeId: string, sessionToken: string): Promise<PlannedQuery[]> {
  const output = await run(process.execPath, ['--conditions=react-server', '--import', 'tsx', path.join(ROOT, 'scripts', 'bench', 'plans.ts'), employeeId, sessionToken], {
    cwd: ROOT,
    env: { ...process.env, DATABASE_URL: BENCH_DATABASE_URL, NODE_ENV: 'production', JITSI_DOMAIN: 'meet.example.com', JITSI_APP_SECRET: 'x'.repeat(40), AUTH_SECRET: 'x'.repeat(40) },
  });
  const line = output.trim().split('\n').filter((l) => l.startsWith('{')).at(-1);
  if (!line) throw new Error(`plans.ts printed no result:\n${output.slice(-3000)}`);
  return (JSON.parse(line) as { queries: PlannedQuery[] }).queries;
}
