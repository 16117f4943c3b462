/**
 * What the benchmark starts: the production build, its own database (created, migrated, dropped), the
 * counting SMTP sink and `next start` with the benchmark configuration.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { ChildProcess } from 'node:child_process';
import pg from 'pg';
import { migrateDeploy } from '../../prisma/migrate';
import { assertLocal } from '../../lib/testing/database';
import { BENCH_DATABASE, BENCH_DATABASE_URL, BENCH_SERVER_URL, PORTAL_ORIGIN, PORTAL_PORT, ROOT, SMTP_SINK_API, portalBenchEnv } from './config';
import { adminQuery, log, run, sleep, startProcess, waitForUrl } from './support';

const NEXT_BIN = path.join(ROOT, 'node_modules', 'next', 'dist', 'bin', 'next');

/** `next build` into the worktree's .next (production, Turbopack). Returns the seconds it took. */
export async function buildPortal(): Promise<number> {
  const started = performance.now();
  await run(process.execPath, [NEXT_BIN, 'build'], { cwd: ROOT, env: { ...process.env, NEXT_TELEMETRY_DISABLED: '1', NODE_ENV: 'production' } });
  return (performance.now() - started) / 1000;
}

export function hasBuild(): boolean {
  return fs.existsSync(path.join(ROOT, '.next', 'BUILD_ID'));
}

/**
 * The local PostgreSQL: reachable as it is, or started with pg_ctlcluster (Debian and Ubuntu's
 * PostgreSQL packaging) when a cluster is installed but stopped.
 */
export async function ensurePostgres(): Promise<string> {
  assertLocal(BENCH_SERVER_URL);
  const version = async () => {
    const client = new pg.Client({ connectionString: BENCH_SERVER_URL });
    await client.connect();
    try {
      return (await client.query<{ server_version: string }>('SHOW server_version')).rows[0]!.server_version;
    } finally {
      await client.end();
    }
  };
  try {
    return await version();
  } catch (error) {
    const clusters = fs.existsSync('/etc/postgresql') ? fs.readdirSync('/etc/postgresql') : [];
    if (!clusters.length) throw new Error(`PostgreSQL is not reachable at ${new URL(BENCH_SERVER_URL).host} and no local cluster was found: ${String(error)}`);
    log(`PostgreSQL is not reachable; starting cluster ${clusters[0]}/main`);
    await run('pg_ctlcluster', ['--skip-systemctl-redirect', clusters[0]!, 'main', 'start']);
    for (let i = 0; i < 40; i++) {
      try {
        return await version();
      } catch {
        await sleep(250);
      }
    }
    return version();
  }
}

/** A fresh benchmark database with every migration applied (an earlier run's leftovers are dropped). */
export async function createBenchDatabase(): Promise<void> {
  assertLocal(BENCH_DATABASE_URL);
  await adminQuery(`DROP DATABASE IF EXISTS "${BENCH_DATABASE}" WITH (FORCE)`);
  await adminQuery(`CREATE DATABASE "${BENCH_DATABASE}"`);
  await migrateDeploy({ kind: 'postgres', url: BENCH_DATABASE_URL });
}

export async function dropBenchDatabase(): Promise<void> {
  await adminQuery(`DROP DATABASE IF EXISTS "${BENCH_DATABASE}" WITH (FORCE)`);
}

export async function startSmtpSink(): Promise<ChildProcess> {
  const child = startProcess(process.execPath, ['--import', 'tsx', path.join(ROOT, 'scripts', 'bench', 'smtp-sink.ts')], { cwd: ROOT, env: process.env, name: 'smtp sink' });
  await waitForUrl(`${SMTP_SINK_API}/health`, child, 30_000);
  return child;
}

/**
 * `next start` on the benchmark port, with the benchmark configuration; ready once /api/health says ok.
 * With `cpuProfileDir`, Node writes a CPU profile there when the server stops.
 */
export async function startPortal({ cpuProfileDir }: { cpuProfileDir?: string } = {}): Promise<ChildProcess> {
  const profile = cpuProfileDir ? ['--cpu-prof', `--cpu-prof-dir=${cpuProfileDir}`] : [];
  const child = startProcess(process.execPath, [...profile, NEXT_BIN, 'start', '-H', '127.0.0.1', '-p', String(PORTAL_PORT)], {
    cwd: ROOT,
    env: { ...process.env, ...portalBenchEnv },
    name: 'next start',
  });
  await waitForUrl(`${PORTAL_ORIGIN}/api/health`, child, 90_000);
  return child;
}

/** Resident memory of a process and its children, in MiB (Linux /proc), for the notes. */
export function residentMiB(pid: number | undefined): number | null {
  if (!pid) return null;
  try {
    const pids = [pid, ...childPids(pid)];
    let kb = 0;
    for (const p of pids) {
      const status = fs.readFileSync(`/proc/${p}/status`, 'utf8');
      kb += Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
    }
    return kb / 1024;
  } catch {
    return null;
  }
}

function childPids(pid: number): number[] {
  try {
    const direct = fs
      .readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8')
      .split(/\s+/)
      .filter(Boolean)
      .map(Number);
    return direct.flatMap((c) => [c, ...childPids(c)]);
  } catch {
    return [];
  }
}
