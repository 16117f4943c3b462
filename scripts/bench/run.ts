/**
 * npm run bench — Gatehouse's benchmark suite (see docs/benchmarks.md for the latest figures).
 *
 * Builds the portal (`next build`), creates its own PostgreSQL database (gatehouse_bench, dropped at the
 * end), starts a counting SMTP sink and `next start` in production mode, and measures, each against its
 * floor in the same run: token minting, the join path, the dashboards empty and at scale, bulk
 * invitations and mail throughput, and page weight. Prints a table and writes docs/benchmarks.md.
 *
 * Options: --skip-build (use the existing .next), --quick (short runs, for trying the suite out; the
 * report says so), --no-write (print only), --report-only (re-render the report from the last run's
 * .next/benchmarks.json).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { gzipSync } from 'node:zlib';
import type { ChildProcess } from 'node:child_process';
import { browserScripts } from '../jitsi-standin/browser-scripts';
import { BARE_PORT, BENCH_DATABASE, PORTAL_BROWSER_URL, ROOT } from './config';
import { benchBulkInvitations } from './bulk';
import { writeKeepingEventsSection } from './events-section';
import { dashboardPages, measurePages, queryPlans } from './dashboards';
import { SCALE, seedAtScale, seedJoinPopulation, seedPeople, tableCounts, withBenchDb } from './fixtures';
import { benchJoinPath, directJoin, joinRequests } from './join';
import { runLoad, waitForIdle } from './loadgen';
import { buildBarePage, measurePageWeights, startBarePage, stopBarePage } from './page-weight';
import { buildPortal, createBenchDatabase, dropBenchDatabase, ensurePostgres, hasBuild, residentMiB, startPortal, startSmtpSink } from './portal';
import { summarizeCpuProfile } from './profile';
import { renderConsoleTable, renderMarkdown, type BenchResults, type MintResult } from './report';
import { loadAverage, log, recentOutput, run, stopAll, stopProcess } from './support';

const { values: flags } = parseArgs({
  options: {
    'skip-build': { type: 'boolean', default: false },
    quick: { type: 'boolean', default: false },
    'no-write': { type: 'boolean', default: false },
    'report-only': { type: 'boolean', default: false },
  },
});
const RESULTS_FILE = path.join(ROOT, '.next', 'benchmarks.json');
const DOC_FILE = path.join(ROOT, 'docs', 'benchmarks.md');
const quick = flags.quick;
const durations = quick ? { load: 3, warmup: 1, page: 2, mintRounds: 2, mintMs: 400 } : { load: 8, warmup: 3, page: 6, mintRounds: 5, mintMs: 1000 };

function version(pkg: string): string {
  try {
    return (JSON.parse(fs.readFileSync(path.join(ROOT, 'node_modules', pkg, 'package.json'), 'utf8')) as { version: string }).version;
  } catch {
    return '?';
  }
}

async function chromiumVersion(): Promise<string> {
  try {
    // Debian's wrapper script may print a shell warning first: keep the line that names the browser.
    const output = await run(process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', ['--version']);
    return output.split('\n').find((line) => /chrom/i.test(line) && !line.includes(': [:'))?.trim() ?? output.trim();
  } catch {
    return '?';
  }
}

function cpuModel(): string {
  try {
    const info = fs.readFileSync('/proc/cpuinfo', 'utf8');
    return /model name\s*:\s*(.+)/.exec(info)?.[1]?.trim() ?? os.cpus()[0]?.model ?? '?';
  } catch {
    return os.cpus()[0]?.model ?? '?';
  }
}

async function mintBenchmark(): Promise<MintResult> {
  const output = await run(process.execPath, ['--conditions=react-server', '--import', 'tsx', path.join(ROOT, 'scripts', 'bench', 'mint.ts'), '--rounds', String(durations.mintRounds), '--ms', String(durations.mintMs)], { cwd: ROOT, env: process.env });
  return JSON.parse(output.trim().split('\n').filter((l) => l.startsWith('{')).at(-1)!) as MintResult;
}

async function main(): Promise<void> {
  if (flags['report-only']) {
    const results = JSON.parse(fs.readFileSync(RESULTS_FILE, 'utf8')) as BenchResults;
    console.log(renderConsoleTable(results));
    if (!flags['no-write']) writeKeepingEventsSection(DOC_FILE, renderMarkdown(results));
    return;
  }
  const started = new Date();
  const loadStart = loadAverage();
  log(`load average at start (1/5/15 min): ${loadStart}`);
  const results: Partial<BenchResults> = {
    startedAt: started.toISOString(),
    quick,
    loadStart,
    machine: { cpu: cpuModel(), cores: os.cpus().length, memoryGiB: os.totalmem() / 1024 ** 3, os: `${os.type()} ${os.release()}`, arch: os.arch() },
  };

  // 1. Token minting first, while nothing of ours runs yet.
  log('token minting: Gatehouse vs jsonwebtoken vs bare HMAC, in one process');
  results.mint = await mintBenchmark();

  // 2. The production build and the bare comparison page.
  if (flags['skip-build'] && hasBuild()) {
    log('using the existing .next build (--skip-build)');
    results.build = { portalSeconds: null, bareSeconds: 0 };
  } else {
    log('next build …');
    results.build = { portalSeconds: await buildPortal(), bareSeconds: 0 };
  }
  log('building the bare comparison page …');
  results.build.bareSeconds = await buildBarePage();

  const pgVersion = await ensurePostgres();
  results.versions = {
    node: process.versions.node,
    postgres: pgVersion,
    next: version('next'),
    react: version('react'),
    prisma: version('@prisma/client'),
    nextAuth: version('next-auth'),
    jose: version('jose'),
    jsonwebtoken: version('jsonwebtoken'),
    pgBoss: version('pg-boss'),
    nodemailer: version('nodemailer'),
    autocannon: version('autocannon'),
    chromium: await chromiumVersion(),
  };

  log(`database ${BENCH_DATABASE}: create and migrate`);
  await createBenchDatabase();
  await startSmtpSink();
  let portal: ChildProcess = await startPortal();
  log(`portal up (next start, pid ${portal.pid})`);

  await withBenchDb(async (client) => {
    const people = await seedPeople(client);
    const pages = dashboardPages(people.employee.sessionToken, people.admin.sessionToken);

    // 3a. Dashboards on an (almost) empty database: three people, one room, two meetings.
    log('dashboards, empty database');
    const emptyCounts = await tableCounts(client);
    const empty = await measurePages(pages, { durationSeconds: durations.page, warmupSeconds: durations.warmup });

    // 2. The join path, side by side with the trivial route, at 10/100/500 connections.
    const people300 = quick ? 100 : 300;
    const cases = await seedJoinPopulation(client, people300);
    const joinServer = portal;
    const join = await benchJoinPath(client, portal.pid!, cases, {
      levels: [10, 100, 500],
      durationSeconds: durations.load,
      warmupSeconds: durations.warmup,
      serverLog: () => recentOutput(joinServer),
    });
    const memoryAfterJoin = residentMiB(portal.pid);

    log('join path without HTTP/Next.js (same functions, same database), 10 at a time');
    await waitForIdle();
    const direct = await directJoin(cases, 10, quick ? 3 : 6);

    // Where the server's time goes: the same 100-connection join run under --cpu-prof.
    log('join path under the CPU profiler (100 connections)');
    const profileDir = fs.mkdtempSync(path.join(os.tmpdir(), 'gatehouse-bench-profile-'));
    await stopProcess(portal);
    portal = await startPortal({ cpuProfileDir: profileDir });
    const requests = await joinRequests(cases);
    // The profile covers the process's whole life, start-up included: a longer run keeps that share small.
    await runLoad({ connections: 100, durationSeconds: quick ? 3 : 10, warmupSeconds: 2, requests, expect: { status: 200, bodyIncludes: '"ok":true' } });
    await stopProcess(portal, 30_000);
    const profileFile = fs.readdirSync(profileDir).find((f) => f.endsWith('.cpuprofile'));
    const profile = profileFile ? summarizeCpuProfile(path.join(profileDir, profileFile), 12) : null;
    fs.rmSync(profileDir, { recursive: true, force: true });
    portal = await startPortal();
    results.join = { ...join, direct, profile, serverMemoryMiB: memoryAfterJoin };

    // 3a'. A control for the dashboards: full pages (the join population fills the admin lists) on a database
    // that is still small, to tell what a full page costs to render from what the data at scale costs.
    log('dashboards, full pages on a small database');
    await waitForIdle();
    const fullSmallCounts = await tableCounts(client);
    const fullSmall = await measurePages(pages, { durationSeconds: durations.page, warmupSeconds: durations.warmup });

    // 5. Page weight, in Chromium: the portal's pages and the bare page.
    log('page weight in Chromium');
    const bare = await startBarePage();
    const weights = await measurePageWeights([
      { name: 'Bare Next.js page (floor)', url: `http://localhost:${BARE_PORT}/` },
      { name: 'Join page (/rooms/[slug]/join)', url: `${PORTAL_BROWSER_URL}/rooms/${people.roomSlug}/join`, sessionToken: people.host.sessionToken },
      { name: 'Employee dashboard (/)', url: `${PORTAL_BROWSER_URL}/`, sessionToken: people.employee.sessionToken },
      { name: 'Guest invite page (/invite/[token])', url: `${PORTAL_BROWSER_URL}/invite/${people.guestToken}` },
      { name: 'Bulk invite page (/meetings/[id]/invite-many)', url: `${PORTAL_BROWSER_URL}/meetings/${people.bulkMeetingId}/invite-many`, sessionToken: people.host.sessionToken },
    ]);
    await stopBarePage(bare);
    const { externalApi } = await browserScripts();
    results.pageWeight = { pages: weights, jitsiStandinBytes: Buffer.byteLength(externalApi), jitsiStandinGzipBytes: gzipSync(externalApi).length };

    // 4. Bulk invitations and mail throughput.
    await waitForIdle();
    const server = portal;
    results.bulk = await benchBulkInvitations(client, {
      sessionToken: people.host.sessionToken,
      meetingId: people.bulkMeetingId,
      rows: quick ? 2_000 : 10_000,
      maxWaitSeconds: quick ? 30 : 120,
      serverLog: () => recentOutput(server),
    });

    // 3b. The same dashboards at scale, and the plans of what they run.
    log(`seeding at scale: ${SCALE.rooms.toLocaleString('en-US')} rooms, ${SCALE.meetings.toLocaleString('en-US')} meetings, ${SCALE.auditEvents.toLocaleString('en-US')} audit events …`);
    const seedSeconds = await seedAtScale(client, people.employee.id);
    const scaleCounts = await tableCounts(client);
    log('dashboards at scale');
    const scale = await measurePages(pages, { durationSeconds: durations.page, warmupSeconds: durations.warmup });
    log('query plans (EXPLAIN ANALYZE) of the dashboards');
    const plans = await queryPlans(people.employee.id, people.employee.sessionToken);
    results.dashboards = { empty, fullSmall, scale, emptyCounts, fullSmallCounts, scaleCounts, seedSeconds, plans };
  });

  await stopAll();
  await dropBenchDatabase();
  const finished = new Date();
  results.finishedAt = finished.toISOString();
  results.durationSeconds = (finished.getTime() - started.getTime()) / 1000;
  results.loadEnd = loadAverage();
  log(`load average at end (1/5/15 min): ${results.loadEnd}`);

  const complete = results as BenchResults;
  fs.writeFileSync(RESULTS_FILE, JSON.stringify(complete, null, 2));
  console.log(renderConsoleTable(complete));
  if (!flags['no-write']) {
    fs.mkdirSync(path.dirname(DOC_FILE), { recursive: true });
    writeKeepingEventsSection(DOC_FILE, renderMarkdown(complete));
    log(`wrote ${path.relative(ROOT, DOC_FILE)} (${complete.durationSeconds.toFixed(0)} s in all)`);
  }
}

main().catch(async (error: unknown) => {
  console.error(error);
  await stopAll();
  await dropBenchDatabase().catch(() => undefined);
  process.exit(1);
});
