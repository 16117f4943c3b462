/**
 * The join path's own work without HTTP and without Next.js, for the notes on where its time goes: the
 * session lookup Auth.js's Prisma adapter runs, then `decideJoin` and `issueTicket` (the functions
 * `joinAction` calls), for the same people and targets as the HTTP benchmark, with the portal's own
 * Prisma client settings, `concurrency` at a time for `seconds`. Prints one JSON object.
 *
 * Run (the benchmark does): DATABASE_URL=… JITSI_…=… node --conditions=react-server --import tsx scripts/bench/join-direct.ts <cases.json> <concurrency> <seconds>
 */
import fs from 'node:fs';
import type { JoinCase } from './fixtures';

const [casesFile, concurrencyArg, secondsArg] = process.argv.slice(2);
const cases = JSON.parse(fs.readFileSync(casesFile!, 'utf8')) as JoinCase[];
const concurrency = Number(concurrencyArg ?? 10);
const seconds = Number(secondsArg ?? 5);

const { db } = await import('../../lib/db');
const { decideJoin, issueTicket } = await import('../../lib/jitsi/join');

let next = 0;
let done = 0;
let failed = 0;
const latencies: number[] = [];

async function joinOnce(c: JoinCase): Promise<boolean> {
  const session = await db.session.findUnique({ where: { sessionToken: c.sessionToken }, include: { user: true } });
  if (!session || session.expires < new Date()) return false;
  const u = session.user;
  const viewer = { id: u.id, role: u.role, email: u.email, name: u.name, image: u.image, timeZone: u.timeZone };
  const decision = await decideJoin(viewer, c.target);
  if (!decision.ok) return false;
  const ticket = await issueTicket(viewer, decision);
  return ticket.token.length > 0;
}

async function worker(until: number, record: boolean) {
  while (performance.now() < until) {
    const c = cases[next++ % cases.length]!;
    const started = performance.now();
    const ok = await joinOnce(c).catch(() => false);
    if (!record) continue;
    latencies.push(performance.now() - started);
    if (ok) done++;
    else failed++;
  }
}

// Warm-up, then the measured run.
await Promise.all(Array.from({ length: concurrency }, () => worker(performance.now() + 2000, false)));
const cpuBefore = process.cpuUsage();
const started = performance.now();
await Promise.all(Array.from({ length: concurrency }, () => worker(started + seconds * 1000, true)));
const elapsed = (performance.now() - started) / 1000;
const cpu = process.cpuUsage(cpuBefore);
latencies.sort((a, b) => a - b);
await db.$disconnect();
console.log(
  JSON.stringify({
    concurrency,
    seconds: elapsed,
    joins: done,
    failed,
    perSecond: done / elapsed,
    p50: latencies[Math.floor(latencies.length / 2)] ?? NaN,
    cpuMsPerJoin: (cpu.user + cpu.system) / 1000 / Math.max(1, done + failed),
  }),
);
