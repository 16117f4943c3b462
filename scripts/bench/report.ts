/** The benchmark's results as a console table and as docs/benchmarks.md. */
import type { BulkReport } from './bulk';
import type { DirectJoinResult, JoinReport } from './join';
import type { LoadResult } from './loadgen';
import type { PageWeight } from './page-weight';
import type { PlannedQuery } from './plans';
import type { ProfileSummary } from './profile';
import { fmt, kib } from './support';

export type MintResult = {
  rounds: number;
  roundMs: number;
  tokenBytes: number;
  signingInputBytes: number;
  results: { name: string; label: string; perSecond: number; samples: number[] }[];
};

export type BenchResults = {
  startedAt: string;
  finishedAt: string;
  durationSeconds: number;
  quick: boolean;
  loadStart: string;
  loadEnd: string;
  machine: { cpu: string; cores: number; memoryGiB: number; os: string; arch: string };
  versions: Record<string, string>;
  build: { portalSeconds: number | null; bareSeconds: number };
  mint: MintResult;
  join: JoinReport & { direct: DirectJoinResult; profile: ProfileSummary | null; serverMemoryMiB: number | null };
  pageWeight: { pages: PageWeight[]; jitsiStandinBytes: number; jitsiStandinGzipBytes: number };
  bulk: BulkReport;
  dashboards: {
    empty: Record<string, LoadResult>;
    /** Full pages (the join population fills the lists) on a still small database: the rendering control. */
    fullSmall?: Record<string, LoadResult>;
    scale: Record<string, LoadResult>;
    emptyCounts: Record<string, number>;
    fullSmallCounts?: Record<string, number>;
    scaleCounts: Record<string, number>;
    seedSeconds: Record<string, number>;
    plans: PlannedQuery[];
  };
};

type Row = { area: string; figure: string; value: string; floor: string; ratio: string; target: string; pass: boolean | null };

const TARGETS = {
  mintVsJsonwebtoken: 5,
  joinShareOfTrivial: 0.5,
  joinP99At100Ms: 150,
  dashboardScaleRatio: 2,
  bulkSeconds: 10,
  mailsPerSecond: 200,
  joinPageWeightRatio: 1.3,
};

const verdict = (pass: boolean | null) => (pass === null ? '–' : pass ? 'pass' : '**miss**');
const x = (ratio: number) => `${fmt(ratio, 2)}×`;
const pct = (share: number) => `${fmt(share * 100, 0)}%`;

function mintFigures(r: BenchResults) {
  const by = (name: string) => r.mint.results.find((m) => m.name === name)!;
  return { gatehouse: by('gatehouse'), jwt: by('jsonwebtoken'), hmac: by('hmac'), jwtKey: by('jsonwebtokenKeyObject') };
}

const level = (r: BenchResults, connections: number) => r.join.levels.find((l) => l.connections === connections);

function dashboardRatios(r: BenchResults) {
  return Object.keys(r.dashboards.empty).map((name) => {
    const empty = r.dashboards.empty[name]!;
    const scale = r.dashboards.scale[name]!;
    // A page too slow to answer inside the window has no p50 of its own: then the ratio is unknown (a miss).
    const ratio = scale.latencyMs.p50 && empty.latencyMs.p50 ? scale.latencyMs.p50 / empty.latencyMs.p50 : Infinity;
    return { name, empty, scale, ratio };
  });
}

/** Queries whose plan reads a large table sequentially to keep a small part of it: an index is missing. */
const missingIndex = (s: PlannedQuery['seqScans'][number]) => s.selective && !s.indexAvailable;
const fullSmall = (r: BenchResults, name: string) => r.dashboards.fullSmall?.[name];

/** What one request of the page spends in its queries at scale (EXPLAIN ANALYZE execution times, session lookup included). */
function queryMs(r: BenchResults, pageName: string): number {
  const page = PLAN_PAGE[pageName];
  return r.dashboards.plans.filter((p) => p.page === page || p.page === 'every signed-in page').reduce((sum, p) => sum + (executionMs(p.plan) || 0), 0);
}

const seqScans = (r: BenchResults) => r.dashboards.plans.filter((p) => p.seqScans.some(missingIndex));

function pageWeights(r: BenchResults) {
  const [bare, ...pages] = r.pageWeight.pages;
  return { bare: bare!, pages: pages.map((p) => ({ ...p, ratio: p.transferBytes / bare!.transferBytes })) };
}

export function rows(r: BenchResults): Row[] {
  const out: Row[] = [];
  const m = mintFigures(r);
  const mintRatio = m.gatehouse.perSecond / m.jwt.perSecond;
  out.push({
    area: '1 Token minting',
    figure: 'Gatehouse mintJoinToken, tokens/s',
    value: fmt(m.gatehouse.perSecond),
    floor: `HMAC ${fmt(m.hmac.perSecond)}; jsonwebtoken ${fmt(m.jwt.perSecond)}`,
    ratio: `${x(mintRatio)} jsonwebtoken; ${pct(m.gatehouse.perSecond / m.hmac.perSecond)} of floor`,
    target: `≥ ${TARGETS.mintVsJsonwebtoken}× jsonwebtoken`,
    pass: mintRatio >= TARGETS.mintVsJsonwebtoken,
  });
  for (const l of r.join.levels) {
    const ratio = l.join.goodPerSecond / l.trivial.goodPerSecond;
    out.push({
      area: '2 Join path',
      figure: `joins/s at ${l.connections} connections (p50 / p99 ms; errors)`,
      value: `${fmt(l.join.goodPerSecond)} (${fmt(l.join.latencyMs.p50)} / ${fmt(l.join.latencyMs.p99)}; ${l.join.errors})`,
      floor: `trivial route ${fmt(l.trivial.goodPerSecond)} (${fmt(l.trivial.latencyMs.p50)} / ${fmt(l.trivial.latencyMs.p99)}; ${l.trivial.errors})`,
      ratio: pct(ratio),
      target: `≥ ${pct(TARGETS.joinShareOfTrivial)} of trivial`,
      pass: ratio >= TARGETS.joinShareOfTrivial && l.join.errors === 0,
    });
  }
  const at100 = level(r, 100);
  if (at100) {
    out.push({
      area: '2 Join path',
      figure: 'p99 at 100 connections, ms',
      value: fmt(at100.join.latencyMs.p99),
      floor: `trivial route ${fmt(at100.trivial.latencyMs.p99)}`,
      ratio: x(at100.join.latencyMs.p99 / at100.trivial.latencyMs.p99),
      target: `< ${TARGETS.joinP99At100Ms} ms`,
      pass: at100.join.latencyMs.p99 < TARGETS.joinP99At100Ms,
    });
  }
  for (const d of dashboardRatios(r)) {
    out.push({
      area: '3 Dashboards',
      figure: `${d.name}, p50 ms at scale`,
      value: fmt(d.scale.latencyMs.p50),
      floor: `empty ${fmt(d.empty.latencyMs.p50)}`,
      ratio: x(d.ratio),
      target: `≤ ${TARGETS.dashboardScaleRatio}× empty`,
      pass: d.scale.good > 0 && d.ratio <= TARGETS.dashboardScaleRatio && d.scale.errors === 0,
    });
  }
  const scans = seqScans(r);
  out.push({
    area: '3 Dashboards',
    figure: 'hot-path queries without an index (a sequential scan keeping < 10% of a table > 1,000 rows)',
    value: `${scans.length} of ${r.dashboards.plans.length}`,
    floor: '0',
    ratio: '–',
    target: 'none',
    pass: scans.length === 0,
  });
  const b = r.bulk;
  out.push({
    area: '4 Bulk invitations',
    figure: `${fmt(b.rows, 0)}-row CSV: upload → persisted + queued, s`,
    value: b.error ? 'upload failed' : fmt(b.uploadToQueuedSeconds, 2),
    floor: `one INSERT of ${fmt(b.rows, 0)} rows ${fmt(b.floors.insertSeconds, 2)} s`,
    ratio: x(b.uploadToQueuedSeconds / b.floors.insertSeconds),
    target: `< ${TARGETS.bulkSeconds} s`,
    pass: !b.error && b.uploadToQueuedSeconds < TARGETS.bulkSeconds && b.invitesPersisted === b.rows && b.jobsQueued >= b.rows,
  });
  out.push({
    area: '4 Bulk invitations',
    figure: 'mails/s to the SMTP sink',
    value: b.error ? 'not measured' : fmt(b.mailsPerSecond),
    floor: `nodemailer alone ${fmt(b.floors.smtpMailsPerSecond)} (pooled ${fmt(b.floors.smtpPooledMailsPerSecond)})`,
    ratio: pct(b.mailsPerSecond / b.floors.smtpPooledMailsPerSecond),
    target: `≥ ${TARGETS.mailsPerSecond}/s`,
    pass: !b.error && b.mailsPerSecond >= TARGETS.mailsPerSecond,
  });
  const w = pageWeights(r);
  for (const p of w.pages) {
    const isJoin = p.name.startsWith('Join page');
    out.push({
      area: '5 Page weight',
      figure: `${p.name}, first-load JS (gzip)`,
      value: kib(p.transferBytes),
      floor: `bare page ${kib(w.bare.transferBytes)}`,
      ratio: x(p.ratio),
      target: isJoin ? `≤ ${TARGETS.joinPageWeightRatio}× bare` : '–',
      pass: isJoin ? p.ratio <= TARGETS.joinPageWeightRatio : null,
    });
  }
  return out;
}

export function renderConsoleTable(r: BenchResults): string {
  const all = rows(r);
  const head = ['Benchmark', 'Figure', 'Value', 'Floor / reference', 'Ratio', 'Target', 'Result'];
  const body = all.map((row) => [row.area, row.figure, row.value, row.floor, row.ratio, row.target, verdict(row.pass).replace(/\*/g, '')]);
  const widths = head.map((h, i) => Math.min(60, Math.max(h.length, ...body.map((b) => b[i]!.length))));
  const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i]!)).join('  ');
  return ['', line(head), widths.map((w) => '-'.repeat(w)).join('  '), ...body.map(line), '', `load average start ${r.loadStart}, end ${r.loadEnd}; ${fmt(r.durationSeconds, 0)} s in all`].join('\n');
}

function table(head: string[], body: string[][]): string {
  return [`| ${head.join(' | ')} |`, `|${head.map(() => '---').join('|')}|`, ...body.map((b) => `| ${b.join(' | ')} |`)].join('\n');
}

function loadTable(l: LoadResult & { serverCpuMsPerRequest?: number; postgresCpuMsPerRequest?: number }): string[] {
  return [
    fmt(l.goodPerSecond),
    fmt(l.latencyMs.p50),
    fmt(l.latencyMs.p99),
    String(l.errors),
    l.serverCpuMsPerRequest === undefined ? '–' : fmt(l.serverCpuMsPerRequest, 2),
    l.postgresCpuMsPerRequest === undefined ? '–' : fmt(l.postgresCpuMsPerRequest, 2),
  ];
}

export function renderMarkdown(r: BenchResults): string {
  const m = mintFigures(r);
  const all = rows(r);
  const misses = all.filter((row) => row.pass === false);
  const date = r.startedAt.slice(0, 10);
  const out: string[] = [];
  const push = (...lines: string[]) => out.push(...lines);

  push(
    '# Benchmarks',
    '',
    `Measured with \`npm run bench\` on ${date} (${r.startedAt.slice(11, 16)}–${r.finishedAt.slice(11, 16)} UTC, ${fmt(r.durationSeconds / 60, 1)} minutes in all${r.quick ? ', **--quick: short runs, figures are rough**' : ''}). ` +
      'This file is written by the benchmark; edit `scripts/bench/report.ts`, not this file.',
    '',
    'Speed is judged as **ratios measured side by side in one run**: each figure has a floor (the same work done by the simplest thing that can do it) measured minutes apart on the same machine, because a machine shared with other work is noisy. Absolute figures move from run to run; the ratios move much less.',
    '',
    '## Machine',
    '',
    table(
      ['', ''],
      [
        ['CPU', `${r.machine.cpu}, ${r.machine.cores} cores (${r.machine.arch})`],
        ['Memory', `${fmt(r.machine.memoryGiB, 1)} GiB`],
        ['OS', r.machine.os],
        ['Node.js', r.versions.node!],
        ['PostgreSQL', `${r.versions.postgres} (local, shared with other work on the machine)`],
        ['Next.js / React', `${r.versions.next} (Turbopack build, \`next start\`, NODE_ENV=production) / ${r.versions.react}`],
        ['Prisma client', `${r.versions.prisma} (driver adapter \`@prisma/adapter-pg\`)`],
        ['Auth.js', `next-auth ${r.versions.nextAuth} (database sessions)`],
        ['jose / jsonwebtoken', `${r.versions.jose} / ${r.versions.jsonwebtoken}`],
        ['pg-boss / nodemailer', `${r.versions.pgBoss} / ${r.versions.nodemailer}`],
        ['Load generator', `autocannon ${r.versions.autocannon}, in its own process`],
        ['Browser', r.versions.chromium!],
        ['Load average (1/5/15 min)', `start ${r.loadStart}, end ${r.loadEnd}`],
        ['Build', r.build.portalSeconds === null ? 'existing .next reused (--skip-build)' : `next build ${fmt(r.build.portalSeconds, 0)} s; bare page ${fmt(r.build.bareSeconds, 0)} s`],
      ],
    ),
    '',
    `Everything runs on the same ${r.machine.cores} cores: the portal (one Node.js process), PostgreSQL, the load generator and the SMTP sink. ` +
      `${interference(r)}`,
    '',
    '## Summary',
    '',
    table(['Benchmark', 'Figure', 'Value', 'Floor / reference', 'Ratio', 'Target', 'Result'], all.map((row) => [row.area, row.figure, row.value, row.floor, row.ratio, row.target, verdict(row.pass)])),
    '',
    misses.length ? `${misses.length} target(s) missed; each has a note below saying where the time goes and what would fix it.` : 'Every target is met.',
    '',
  );

  // 1 ---------------------------------------------------------------------------------------------
  const mintRatio = m.gatehouse.perSecond / m.jwt.perSecond;
  push(
    '## 1. Token minting',
    '',
    `One process, one run: each minter signs for ${fmt(r.mint.roundMs, 0)} ms in turn, ${r.mint.rounds} rounds; the figure is the median round. ` +
      `Every minter signs the claims Gatehouse puts in a join token (${r.mint.tokenBytes} bytes as a JWT; the signed part is ${r.mint.signingInputBytes} bytes), with a fresh \`jti\` and times on every call, HS256, one call after the other (awaited, as in one request).`,
    '',
    table(
      ['Minter', 'tokens/s', 'vs jsonwebtoken', 'share of floor'],
      r.mint.results.map((res) => [res.label, fmt(res.perSecond), x(res.perSecond / m.jwt.perSecond), pct(res.perSecond / m.hmac.perSecond)]),
    ),
    '',
    `Target: Gatehouse ≥ ${TARGETS.mintVsJsonwebtoken}× jsonwebtoken (tutorial style): ${x(mintRatio)} — ${verdict(mintRatio >= TARGETS.mintVsJsonwebtoken)}.`,
    '',
    `Note: jsonwebtoken is slow here for a reason unrelated to signing: given a string secret, it first tries to parse the string as a PEM private key (\`crypto.createPrivateKey\`, which throws) on every call. Given a \`KeyObject\`, the same library signs at ${fmt(m.jwtKey.perSecond)} tokens/s, ${x(m.jwtKey.perSecond / m.gatehouse.perSecond)} Gatehouse: jose signs through WebCrypto's asynchronous \`crypto.subtle.sign\`, which costs a round trip through Node's thread pool per token, where \`createHmac\` is a synchronous call. At ~${fmt(1000 / m.gatehouse.perSecond, 3)} ms per token, minting is a small part of a join request (section 2).`,
    '',
  );
  if (mintRatio < TARGETS.mintVsJsonwebtoken) {
    push(
      `**Miss — where the time goes:** in jose's \`SignJWT.sign\`, mostly WebCrypto's asynchronous \`crypto.subtle.sign\` (a thread-pool round trip per token) plus claim serialisation; the per-token key import is gone (see "Changes" below). ` +
        `What would fix it: signing HS256 with the synchronous \`node:crypto\` \`createHmac\` (jsonwebtoken with a KeyObject shows the ceiling, ${fmt(m.jwtKey.perSecond)} tokens/s) — a second signing code path next to jose's RS256 one, to be kept exactly to the token contract, for a gain of ~${fmt(1000 / m.gatehouse.perSecond - 1000 / m.jwtKey.perSecond, 2)} ms per join, which is ~1% of a join's cost (section 2). Not worth it on the join path; it would matter only for minting in bulk.`,
      '',
    );
  }

  // 2 ---------------------------------------------------------------------------------------------
  const j = r.join;
  push(
    '## 2. The join path',
    '',
    `Signed-in people asking to join, each request going through session check (Auth.js database session) → authorization (room role, invitation, join window) → database (attendance row and audit event in one transaction) → mint → response. ` +
      `The load generator drives the join page's own server action, \`joinAction\`, exactly as the page does: a POST to the join page with the action id from this build's \`.next/server/server-reference-manifest.json\`, the arguments encoded by React's \`encodeReply\`, the session cookie and a same-origin \`Origin\`. ` +
      `${fmt(j.people, 0)} people with database sessions; each joins five ways (host and participant and co-host of always-open rooms, host of and invitee to a meeting that is open now), ${fmt(j.distinctRequests, 0)} distinct requests in a shuffled cycle, so every branch of the role check runs. ` +
      'A response counts only if it is HTTP 200 and carries `"ok":true` (a token). ' +
      'The trivial dynamic route of the same server is `GET /api/health` (force-dynamic; one `SELECT` of the applied migrations); both pass through `proxy.ts`. ' +
      `Each step: ${fmt(j.levels[0]?.join.durationSeconds ?? 0, 0)} s measured after a warm-up on the same connections; the server is left to finish the previous step's abandoned requests first. ` +
      `${fmt(j.tokensPersisted, 0)} tokens were minted and persisted (attendance rows) during the steps, ${fmt(j.auditEventsWritten, 0)} audit events written. No rate limit applies to joining (the only per-client limits are on sign-in links and guest invite redemption), so nothing was throttled or switched off.`,
    '',
    table(
      ['Connections', 'Route', 'ok req/s', 'p50 ms', 'p99 ms', 'errors', 'server CPU ms/req', 'PostgreSQL CPU ms/req', 'join / trivial'],
      j.levels.flatMap((l) => [
        [String(l.connections), 'trivial `GET /api/health`', ...loadTable(l.trivial), ''],
        [String(l.connections), '`joinAction`', ...loadTable(l.join), pct(l.join.goodPerSecond / l.trivial.goodPerSecond)],
      ]),
    ),
    '',
    `The same joins without HTTP and without Next.js — the session lookup the Auth.js adapter runs, then \`decideJoin\` and \`issueTicket\`, 10 at a time in a separate Node.js process with the portal's Prisma settings: ${fmt(j.direct.perSecond)} joins/s, p50 ${fmt(j.direct.p50)} ms, ${fmt(j.direct.cpuMsPerJoin, 2)} ms CPU per join${j.direct.failed ? ` (${j.direct.failed} failed)` : ''}.` +
      (j.serverMemoryMiB ? ` The portal's resident memory after the join steps: ${fmt(j.serverMemoryMiB, 0)} MiB.` : ''),
    '',
  );
  if (j.profile) {
    push(
      `CPU profile of the portal during a ${'100'}-connection join run (\`node --cpu-prof\`, samples mapped to original sources through the build's source maps; time in Node internals and native code is charged to the nearest caller that belongs to an area):`,
      '',
      table(['Area', 'CPU ms', 'share'], j.profile.areas.slice(0, 12).map((a) => [a.area, fmt(a.ms, 0), pct(a.share)])),
      '',
      '<details><summary>Top functions by self time</summary>',
      '',
      table(['Function', 'Source', 'Area', 'share'], j.profile.functions.map((f) => [`\`${f.name}\``, f.source ? `\`${f.source.slice(0, 90)}\`` : '(native)', f.area, pct(f.share)])),
      '',
      '</details>',
      '',
    );
  }
  for (const l of j.levels.filter((l) => l.join.errors + l.trivial.errors > 0)) {
    push(
      `**Errors at ${l.connections} connections:** ${l.join.errors} join and ${l.trivial.errors} trivial-route responses were not a success (${Object.entries({ ...l.join.detail.statuses }).map(([status, n]) => `HTTP ${status}: ${n}`).join(', ')}; timeouts ${l.join.detail.timeouts}). ` +
        (l.serverErrors?.length ? `The portal logged: ${l.serverErrors.map((e) => `\`${e.replace(/`/g, "'")}\``).join('; ')}. ` : '') +
        "Under this overload each join waits for one of the Prisma client's 10 database connections; an interactive transaction that cannot get one within Prisma's `maxWait` (2 s by default) fails instead of queueing longer. That is a choice between failing fast and answering late; the fix for both is more throughput (below), not a longer wait.",
      '',
    );
  }
  const joinMisses = j.levels.filter((l) => l.join.goodPerSecond / l.trivial.goodPerSecond < TARGETS.joinShareOfTrivial);
  const p99Miss = at100Miss(r);
  if (joinMisses.length || p99Miss) {
    const l100 = level(r, 100) ?? j.levels[0]!;
    const cpuJoin = l100.join.serverCpuMsPerRequest;
    const cpuTrivial = l100.trivial.serverCpuMsPerRequest;
    push(
      `**Miss — where the time goes.** The portal is one Node.js process, and it is CPU-bound at every level: a join costs it ${fmt(cpuJoin, 1)} ms of CPU against ${fmt(cpuTrivial, 1)} ms for the trivial route (${x(cpuJoin / cpuTrivial)}), so on one core it cannot exceed ~${fmt(1000 / cpuJoin, 0)} joins/s whatever the concurrency; more connections only lengthen the queue. ` +
        `A join is about ten SQL statements through Prisma (session; user; room or meeting; its room; membership or invitation; BEGIN; attendance INSERT; audit INSERT; COMMIT) against the trivial route's one, and each statement costs CPU in the Prisma client (query interpreter, parameter and result mapping) and the pg driver as well as in PostgreSQL (${fmt(l100.join.postgresCpuMsPerRequest, 1)} ms per join). ` +
        `Without HTTP and Next.js the same work takes ${fmt(j.direct.cpuMsPerJoin, 1)} ms of CPU per join, so roughly ${pct(Math.max(0, cpuJoin - j.direct.cpuMsPerJoin) / cpuJoin)} of the server's time per join is spent around the join rather than in it: HTTP, Next.js routing and \`proxy.ts\`, the server-action machinery (decoding the request, per-request async context, RSC encoding of the result), Auth.js's session handling, and the garbage all of that leaves; the profile above splits it by library. Minting is ${fmt(1000 / m.gatehouse.perSecond, 2)} ms of it.`,
      '',
      '**What would fix it**, largest effect first: ' +
        '(1) more than one portal process — the portal keeps no state in memory (sessions, rate limits and the mail queue are in PostgreSQL), so `next start` behind a load balancer, one process per core, scales the join path almost linearly until PostgreSQL is the limit; on this 2-core machine, shared with PostgreSQL and the load generator, there is no spare core to show it. ' +
        "(2) Fewer round trips per join: Prisma's `relationJoins` preview feature would fetch session+user and meeting+room in one statement each, the membership/invitation check could be folded into the room query, and the attendance and audit rows could be written with one statement instead of an interactive transaction — about ten statements down to four. " +
        `(3) A lighter entry point: a route handler (\`POST /api/jitsi/join\` calling the same \`decideJoin\`/\`issueTicket\` with the same checks) skips the page and server-action machinery — the trivial route shows what Next.js's route-handler path costs here (${fmt(cpuTrivial, 1)} ms of CPU with its query) — at the price of a second way into the same action. ` +
        '(4) The p99 target at 100 connections is a throughput target in disguise: with 100 clients that send their next request as soon as the last one is answered, the mean latency is 100 ÷ throughput (Little\'s law), so p99 < 150 ms needs roughly 700+ joins/s — more than the trivial route itself reaches on this machine ' +
        `(p99 ${fmt(l100.trivial.latencyMs.p99)} ms at 100 connections). It is reachable only with (1) on more cores.`,
      '',
    );
  }

  // 3 ---------------------------------------------------------------------------------------------
  const d = r.dashboards;
  push(
    '## 3. Dashboards at scale',
    '',
    `Each page is requested as a browser asks for it (full HTML render, session cookie), 2 connections for ${fmt(Object.values(d.empty)[0]?.durationSeconds ?? 0, 0)} s after a warm-up; the figure is the median latency. ` +
      `"Empty" is a database with the three people the benchmark signs in as, one room and two meetings (${fmt(d.emptyCounts.auditEvents ?? 0, 0)} audit events); "at scale" adds, with set-based SQL (\`INSERT … SELECT generate_series\`, ${fmt(Object.values(d.seedSeconds).reduce((a, b) => a + b, 0), 0)} s), ` +
      `${fmt(d.scaleCounts.users ?? 0, 0)} people, ${fmt(d.scaleCounts.rooms ?? 0, 0)} rooms (two members each, 10% always open, 5% archived), ${fmt(d.scaleCounts.meetings ?? 0, 0)} meetings over the past and the coming year (10% weekly series, 3% cancelled), ${fmt(d.scaleCounts.invites ?? 0, 0)} invitations and ${fmt(d.scaleCounts.auditEvents ?? 0, 0)} audit events, then \`ANALYZE\`. ` +
      'The employee whose dashboard is measured owns and takes part in rooms like everyone else (10 rooms, 20 memberships, ~100 meetings of their own).',
    '',
    table(
      ['Page', 'p50 empty ms', 'p50 at scale ms', 'ratio', 'of which queries ms', 'control: p50 full page, small database', 'HTML empty → at scale', 'p99 at scale ms', 'req/s at scale', 'errors', 'result'],
      dashboardRatios(r).map((row) => [
        row.name,
        fmt(row.empty.latencyMs.p50),
        fmt(row.scale.latencyMs.p50),
        x(row.ratio),
        fmt(queryMs(r, row.name), 1),
        fullSmall(r, row.name) ? `${fmt(fullSmall(r, row.name)!.latencyMs.p50)} (${kib(fullSmall(r, row.name)!.meanBytes)}); at scale ${x(row.scale.latencyMs.p50 / fullSmall(r, row.name)!.latencyMs.p50)} of it` : '–',
        row.empty.meanBytes && row.scale.meanBytes ? `${kib(row.empty.meanBytes)} → ${kib(row.scale.meanBytes)}` : '–',
        fmt(row.scale.latencyMs.p99),
        fmt(row.scale.goodPerSecond),
        String(row.scale.errors + row.empty.errors),
        verdict(row.scale.good > 0 && row.ratio <= TARGETS.dashboardScaleRatio),
      ]),
    ),
    '',
    '"Of which queries" is the sum of the execution times of the page\'s queries at scale, measured alone (EXPLAIN ANALYZE, below); the rest of the time is rendering and serving the page. ' +
      `The control measures the same pages right after the join benchmark, when the database is still small (${fmt(d.fullSmallCounts?.users ?? 0, 0)} people, ${fmt(d.fullSmallCounts?.rooms ?? 0, 0)} rooms, ${fmt(d.fullSmallCounts?.auditEvents ?? 0, 0)} audit events) but the admin lists already fill a page of 50: it tells what rendering a full page costs apart from the size of the data. (The employee has no rooms in that population, so their dashboard is still empty there.)`,
    '',
    'Query plans: the functions the pages call (`lib/…/queries.ts`, and the session lookup of the Auth.js Prisma adapter) were run against the data at scale with Prisma\'s query log on, and every SELECT they sent was run again under `EXPLAIN (ANALYZE, BUFFERS)` with the same parameters. ' +
      'A sequential scan counts as "index missing" when it keeps less than 10% of a table of more than 1,000 rows and PostgreSQL has no other way to find those rows (checked by planning the query again with `enable_seqscan = off`); a scan that keeps most of the table (a count of all active rooms, the build side of a hash join) is listed but is not a missing index.',
    '',
    table(
      ['Page', 'Step', 'Execution ms', 'Sequential scans of tables > 1,000 rows (rows kept / table rows)', 'Index missing?'],
      d.plans.map((p) => [
        p.page,
        p.step,
        fmt(executionMs(p.plan), 2),
        p.seqScans.length ? p.seqScans.map((s) => `${s.table} (${fmt(s.returned, 0)} / ${fmt(s.rows, 0)})`).join(', ') : 'none',
        p.seqScans.some(missingIndex) ? '**yes**' : p.seqScans.some((s) => s.selective) ? 'no (small table: an index exists, PostgreSQL prefers reading the table)' : 'no',
      ]),
    ),
    '',
  );
  const dashMisses = dashboardRatios(r).filter((row) => row.ratio > TARGETS.dashboardScaleRatio);
  const scans = seqScans(r);
  if (dashMisses.length || scans.length) {
    push(`**Miss — where the time goes.** ${dashboardNotes(r)}`, '');
  }
  push('<details><summary>All plans (EXPLAIN ANALYZE, at scale)</summary>', '');
  for (const p of d.plans) {
    push(`#### ${p.page} — ${p.step}`, '', '```sql', p.sql, '```', '', '```', p.plan, '```', '');
  }
  push('</details>', '');

  // 4 ---------------------------------------------------------------------------------------------
  const b = r.bulk;
  push(
    '## 4. Bulk invitations',
    '',
    `A ${fmt(b.rows, 0)}-row attendee CSV (${kib(b.csvBytes)}, names and addresses at 37 partner domains) uploaded by the meeting's host through the invite page's two server actions, as the page sends them (multipart form data): the check (\`previewBulkAction\`: decode, parse, validate every row, compare with existing invitations) and the invitation (\`createBulkAction\` with "send by mail": check again, insert every invite in one transaction, audit, put one mail job per invite on the pg-boss queue). The action answers only when all of that is committed.`,
    '',
    b.error ? `**The upload failed:** ${b.error}\n` : '',
    table(
      ['Step', 'Figure'],
      [
        ['check (preview action)', `${fmt(b.previewSeconds, 2)} s`],
        ['invite + queue (create action)', `${fmt(b.createSeconds, 2)} s`],
        ['**upload → all persisted and queued**', `**${fmt(b.uploadToQueuedSeconds, 2)} s** (target < ${TARGETS.bulkSeconds} s: ${verdict(b.uploadToQueuedSeconds < TARGETS.bulkSeconds)})`],
        ['floor: one INSERT … SELECT of the same number of invite rows', `${fmt(b.floors.insertSeconds, 2)} s (${x(b.uploadToQueuedSeconds / b.floors.insertSeconds)})`],
        ['invites persisted / mail jobs queued', `${fmt(b.invitesPersisted, 0)} / ${fmt(b.jobsQueued, 0)}`],
        ['mails received by the sink', `${fmt(b.mailsReceived, 0)} of ${fmt(b.rows, 0)}${b.stoppedWaiting ? ' (the benchmark stopped waiting; the rate is over the mails that arrived)' : ''}, ${fmt(b.meanMailBytes, 0)} bytes each on average (text, HTML and .ics)`],
        ['**mail throughput**', `**${fmt(b.mailsPerSecond)} mails/s** over ${fmt(b.mailSeconds, 1)} s (target ≥ ${TARGETS.mailsPerSecond}/s: ${verdict(b.mailsPerSecond >= TARGETS.mailsPerSecond)})`],
        ['nodemailer alone, one connection per mail, 8 senders, no database or queue', `${fmt(b.floors.smtpMailsPerSecond)} mails/s over ${fmt(b.floors.smtpMails, 0)} mails`],
        ['floor: nodemailer with the portal’s SMTP pool (16 connections kept open, 32 mails in flight), same sink, no database or queue', `${fmt(b.floors.smtpPooledMailsPerSecond)} mails/s (portal: ${pct(b.mailsPerSecond / b.floors.smtpPooledMailsPerSecond)} of it)`],
        ['upload → last mail delivered', `${fmt(b.uploadToLastMailSeconds, 1)} s`],
        ['invites marked SENT', fmt(b.invitesSent, 0)],
      ],
    ),
    '',
    'The SMTP sink (`scripts/bench/smtp-sink.ts`) only counts messages and bytes (the end-to-end suite\'s sink parses and keeps every message), so that the sink is not what is measured. The benchmark waits at most two minutes for the mails; the rate is taken over those that arrived (first to last at the sink).',
    '',
  );
  if (b.error) {
    push(
      '**Miss — the upload failed.** `createBulkInvites` inserts every invite (Prisma `createManyAndReturn`) and the audit event inside one interactive transaction, and Prisma closes an interactive transaction after 5 s by default. ' +
        `Prisma spends roughly 0.4–0.9 ms of CPU per row building and running a 10,000-row \`createManyAndReturn\` (its query compiler and interpreter; the same rows in one \`INSERT … SELECT\` take ${fmt(b.floors.insertSeconds, 2)} s), so on a busy machine the transaction outlives its 5 s and the whole upload is rolled back with an error. ` +
        'What fixes it: a transaction timeout sized for the largest upload (cheap), and writing the rows with one set-based INSERT instead of a 10,000-row Prisma call (the real speed-up).',
      '',
    );
  } else if (b.uploadToQueuedSeconds >= TARGETS.bulkSeconds) {
    push(`**Miss — where the time goes:** the check takes ${fmt(b.previewSeconds, 1)} s and the invitation ${fmt(b.createSeconds, 1)} s; the insert itself costs ${fmt(b.floors.insertSeconds, 2)} s, so the time is in parsing/validating the file twice, generating and hashing ${fmt(b.rows, 0)} tokens and Prisma's handling of a 10,000-row \`createManyAndReturn\`.`, '');
  }
  if (b.mailsPerSecond < TARGETS.mailsPerSecond) {
    push(
      `**Miss — where the time goes:** each mail is one pg-boss job; 8 senders in the portal each fetch 4 jobs at a time and send them side by side over a pool of 16 SMTP connections: per mail, read the invite with its meeting and organiser, derive its link, build the .ics, send, mark the invite SENT, and complete the job — about five SQL statements and one SMTP exchange on an open connection. nodemailer alone, with the same pool and the same 32 mails in flight but no database or queue, reaches ${fmt(b.floors.smtpPooledMailsPerSecond)} mails/s. ` +
        'nodemailer 8 (pinned for next-auth\'s peer range) does not switch off Nagle\'s algorithm, so each SMTP exchange waits for delayed ACKs: the time per mail is mostly waiting, and more connections in flight raise the rate until the CPU (portal, PostgreSQL and the sink share two cores) is the limit.',
      '',
    );
  }

  // 5 ---------------------------------------------------------------------------------------------
  const w = pageWeights(r);
  const joinWeight = w.pages.find((p) => p.name.startsWith('Join page'));
  push(
    '## 5. Page weight',
    '',
    'Chromium loads each page once in a fresh profile (nothing cached), signed in where the page needs it, and waits until the network is idle; the figure is the sum of every same-origin JavaScript file it loaded (Resource Timing: compressed size as sent — `next start` compresses with gzip — and decoded size). ' +
      `The floor is a bare Next.js page: a root layout with \`<html><body>\` and a page that renders one paragraph, built with the portal's own \`next.config.mjs\` and the same Next.js/React in a throw-away project (hard-linked copy of \`node_modules\`; ${fmt(r.build.bareSeconds, 0)} s to build), served by \`next start\` the same way. The difference is what Gatehouse adds on top of Next.js and React themselves.`,
    '',
    table(
      ['Page', 'JS files', 'JS gzip', 'JS decoded', 'vs bare (gzip)', 'HTML', 'target', 'result'],
      [
        [w.bare.name, String(w.bare.scripts), kib(w.bare.transferBytes), kib(w.bare.decodedBytes), '1.00×', kib(w.bare.htmlBytes), '', ''],
        ...w.pages.map((p) => {
          const isJoin = p.name.startsWith('Join page');
          return [p.name, String(p.scripts), kib(p.transferBytes), kib(p.decodedBytes), x(p.ratio), kib(p.htmlBytes), isJoin ? `≤ ${TARGETS.joinPageWeightRatio}×` : '–', isJoin ? verdict(p.ratio <= TARGETS.joinPageWeightRatio) : '–'];
        }),
      ],
    ),
    '',
    `Not counted: Jitsi's \`external_api.js\`, which the join page loads from the Jitsi server itself (\`https://<JITSI_DOMAIN>/external_api.js\`; during the benchmark nothing listens there). Gatehouse's development stand-in serves a ${kib(r.pageWeight.jitsiStandinBytes)} one (${kib(r.pageWeight.jitsiStandinGzipBytes)} gzip); a real Jitsi Meet serves its \`libs/external_api.min.js\`, a minified bundle of several tens of KiB (a copy bundled by jitsi-meet-electron is 27 KiB minified, and current releases are larger) that the browser caches across meetings. Check yours with \`curl -s https://<JITSI_DOMAIN>/external_api.js | wc -c\`.`,
    '',
  );
  if (joinWeight && joinWeight.ratio > TARGETS.joinPageWeightRatio) {
    push(`**Miss — where the bytes go:** the join page loads ${joinWeight.scripts} scripts against the bare page's ${w.bare.scripts}; \`@jitsi/react-sdk\` and the meeting room component are in the page's first load.`, '');
  }

  push(
    '## How to run',
    '',
    '```sh',
    'npm ci',
    'npm run bench                 # build, measure, write docs/benchmarks.md (about 10 minutes)',
    'npm run bench -- --skip-build # reuse the existing .next build',
    'npm run bench -- --quick      # short runs, to try the suite out',
    '```',
    '',
    'It needs PostgreSQL on 127.0.0.1:5432 (user `postgres`, trust auth; started with `pg_ctlcluster` if it is down) and Chromium at `/usr/bin/chromium` (or `CHROMIUM_PATH`). ' +
      'It uses its own database (`gatehouse_bench`, dropped at the end) and its own ports (portal 3200, bare page 3201, SMTP sink 2625/2626), so it can run next to the end-to-end suite; ' +
      '`BENCH_PORTAL_PORT`, `BENCH_SMTP_PORT`, `BENCH_DATABASE` and `BENCH_SERVER_URL` change them. The code is in `scripts/bench/` (`run.ts` drives; `load.ts` is the load generator process).',
    '',
    '## Changes made after the first run',
    '',
    changes(r),
    '',
  );
  return out.join('\n');
}

/**
 * Fixes made when the benchmark was introduced (commit "Cheap fixes found by the benchmark"): what the
 * first complete run on 2026-11-28 measured before each fix, against what this run measured.
 */
function changes(r: BenchResults): string {
  const m = mintFigures(r);
  const plan = (step: string) => Math.max(0, ...r.dashboards.plans.filter((p) => p.step.startsWith(step)).map((p) => executionMs(p.plan) || 0));
  const page = (name: string) => r.dashboards.scale[name]?.latencyMs.p50 ?? NaN;
  const empty = (name: string) => r.dashboards.empty[name]?.latencyMs.p50 ?? NaN;
  return [
    'Measured before each fix in the first complete run of this benchmark (2026-11-28, same machine, same kind of load), against this run. The cheap fixes were made; the others are described in the notes above.',
    '',
    table(
      ['Where', 'What was wrong', 'Before', 'This run'],
      [
        [
          '`listAuditKinds` (lib/audit/queries.ts), admin audit log',
          "Prisma's `distinct: ['kind']` is done in memory: it read all 1,000,000 audit events to find ~20 kinds. Now a loose index scan (recursive CTE over the `(kind, createdAt)` index), one probe per kind.",
          'query 1,371 ms; page p50 3,224 ms at scale (11.8 ms empty)',
          `query ${fmt(plan('listAuditKinds'), 2)} ms; page p50 ${fmt(page('Admin audit log (/admin/audit)'))} ms at scale (${fmt(empty('Admin audit log (/admin/audit)'))} ms empty)`,
        ],
        [
          '`listAllRooms` (lib/rooms/queries.ts), admin rooms',
          "Prisma's filtered `_count` grouped every meeting and every member of every room, then sorted and kept 50. Now the 50 rooms first, then two small `groupBy`s for those 50 ids (the page gets the same shape).",
          'slowest query 53.7 ms; page p50 112 ms at scale (14.3 ms empty)',
          `slowest query ${fmt(plan('listAllRooms'), 2)} ms; page p50 ${fmt(page('Admin rooms (/admin/rooms)'))} ms at scale (${fmt(empty('Admin rooms (/admin/rooms)'))} ms empty)`,
        ],
        [
          '`mintJoinToken` (lib/jitsi/token.ts)',
          'Given the HS256 secret as bytes, jose imports it into WebCrypto again for every token. Now imported once per secret and reused.',
          '7,411 tokens/s, 2.56× jsonwebtoken',
          `${fmt(m.gatehouse.perSecond)} tokens/s, ${x(m.gatehouse.perSecond / m.jwt.perSecond)} jsonwebtoken`,
        ],
        [
          'invitation mail senders (lib/invites/delivery.ts)',
          'pg-boss 10 waits out its polling interval (0.5 s) after every fetch, even one that found a job: 8 senders × 2 mails/s at most. Now a sender that got a job fetches the next one at once (`notifyWorker`); an idle queue is still polled every 0.5 s.',
          '15.8 mails/s (nodemailer alone 54.1)',
          `${fmt(r.bulk.mailsPerSecond)} mails/s (nodemailer alone ${fmt(r.bulk.floors.smtpMailsPerSecond)})`,
        ],
        [
          'invitation mails in batches (lib/invites/delivery.ts, lib/mail/send.ts)',
          'Each mail was its own job: fetched, read, its link read again, sent over one of 8 pooled SMTP connections, marked SENT, completed. Now each sender fetches 4 jobs, reads their invites (with seed and link hash) in one query, sends them side by side over 16 pooled connections, and marks the sent ones in one statement; a failed mail still fails only its own job.',
          '113–167 mails/s in runs on this machine (pooled nodemailer 166–176)',
          `${fmt(r.bulk.mailsPerSecond)} mails/s (pooled nodemailer ${fmt(r.bulk.floors.smtpPooledMailsPerSecond)})`,
        ],
        [
          'bulk invitations (lib/invites/bulk.ts)',
          "The 10,000 inserts ran in an interactive transaction with Prisma's default 5 s timeout. On a busy machine Prisma needs longer, and the whole upload failed with HTTP 500 (\"expired transaction\"; seen in one run of this benchmark, reproduced at 10.5 s with two busy CPU loops beside it). Now the transaction may take 60 s. The upload itself is not faster.",
          'failed under load; 5.13 s when it went through',
          r.bulk.error ? `failed: ${r.bulk.error.slice(0, 200)}` : `${fmt(r.bulk.uploadToQueuedSeconds, 2)} s`,
        ],
      ],
    ),
  ].join('\n');
}

function at100Miss(r: BenchResults): boolean {
  const l = level(r, 100);
  return !!l && l.join.latencyMs.p99 >= TARGETS.joinP99At100Ms;
}

function executionMs(plan: string): number {
  return Number(/Execution Time: ([\d.]+) ms/.exec(plan)?.[1] ?? NaN);
}

function interference(r: BenchResults): string {
  const start = Number(r.loadStart.split(' / ')[0]);
  const end = Number(r.loadEnd.split(' / ')[0]);
  if (Math.max(start, end) > r.machine.cores * 0.5) {
    return `The load average was already ${fmt(start, 2)} when the run started and ${fmt(end, 2)} at its end: other work on the machine shared it, so absolute figures are lower and noisier than on an idle machine; the ratios compare figures measured under the same conditions.`;
  }
  return 'The machine was otherwise quiet at the start and end of the run (see the load averages).';
}

/** Which plans (scripts/bench/plans.ts) belong to which measured page. */
const PLAN_PAGE: Record<string, string> = {
  'Employee dashboard (/)': 'employee dashboard',
  'Admin users (/admin/users)': 'admin users',
  'Admin rooms (/admin/rooms)': 'admin rooms',
  'Admin audit log (/admin/audit)': 'admin audit',
};

function dashboardNotes(r: BenchResults): string {
  const parts: string[] = [];
  const missed = dashboardRatios(r).filter((d) => d.ratio > TARGETS.dashboardScaleRatio);
  for (const row of missed) {
    const plans = r.dashboards.plans.filter((p) => p.page === PLAN_PAGE[row.name]);
    const slowest = [...plans].sort((a, b) => executionMs(b.plan) - executionMs(a.plan))[0];
    const queries = queryMs(r, row.name);
    if (queries < 0.25 * row.scale.latencyMs.p50) {
      const control = fullSmall(r, row.name);
      parts.push(
        `${row.name}: ${fmt(row.empty.latencyMs.p50)} → ${fmt(row.scale.latencyMs.p50)} ms, of which its queries take ${fmt(queries, 1)} ms (every one through an index or on a small table; see the plans). ` +
          `The time goes to rendering: the empty page lists next to nothing, the page at scale a full page of rows, and its HTML grows from ${kib(row.empty.meanBytes)} to ${kib(row.scale.meanBytes)} (rendered on the server, sent as HTML and again as the RSC payload that hydrates it). ` +
          (control
            ? `The control shows it: a full page on the small database already takes ${fmt(control.latencyMs.p50)} ms (${kib(control.meanBytes)}); at scale the same page takes ${x(row.scale.latencyMs.p50 / control.latencyMs.p50)} as long, of which its queries explain ${fmt(queries, 1)} ms — the rest of that difference is not the database's (the two figures are minutes apart on a shared machine). `
            : '') +
          `${RENDER_FIXES[row.name] ?? ''}`,
      );
      continue;
    }
    parts.push(
      `${row.name}: ${fmt(row.empty.latencyMs.p50)} → ${fmt(row.scale.latencyMs.p50)} ms.` +
        (slowest ? ` Its slowest query is \`${slowest.step}\` (${fmt(executionMs(slowest.plan), 1)} ms${slowest.seqScans.length ? `, sequential scans of ${slowest.seqScans.map((s) => s.table).join(', ')}` : ''}).` : '') +
        ` ${DASHBOARD_FIXES[row.name] ?? ''}`,
    );
  }
  const scans = seqScans(r).filter((p) => !missed.some((row) => PLAN_PAGE[row.name] === p.page));
  if (scans.length) {
    parts.push(
      `Queries without a needed index on pages within their latency target: ${scans.map((p) => `\`${p.step}\` (${p.seqScans.filter(missingIndex).map((s) => `${s.table}: ${fmt(s.returned, 0)} of ${fmt(s.rows, 0)} rows kept`).join(', ')}, ${fmt(executionMs(p.plan), 1)} ms)`).join('; ')}.`,
    );
  }
  return parts.join(' ');
}

/** What would make a rendering-bound page cheaper. */
const RENDER_FIXES: Record<string, string> = {
  'Admin users (/admin/users)': 'What would fix it: one client component for the table instead of one per row (each row now carries its own role and disable controls and their server-action references), or a smaller page.',
  'Admin rooms (/admin/rooms)': 'What would fix it: the per-row actions (transfer, new link, archive, restore, delete) as one client component for the list, opened for one room at a time, instead of a full set of forms and action references in every row (about 5 KiB of HTML per room).',
  'Admin audit log (/admin/audit)': 'What would fix it: a smaller first page, or the event details (the JSON column) shortened on the server rather than by CSS truncation.',
  'Employee dashboard (/)': '',
};

/** What would fix each dashboard's miss, from its plan. */
const DASHBOARD_FIXES: Record<string, string> = {
  'Employee dashboard (/)':
    'The visibility rule (rooms the person owns or belongs to, or meetings they are invited to by address) is one OR across a join and two sub-queries, so PostgreSQL cannot start from the person\'s few rooms: it walks everyone\'s meetings (depending on the statistics by `startsAt` or, for the `take: 200`, the whole table in primary-key order — see "Rows Removed by Filter" in the plan), joins each to its room, and only then applies the person\'s rooms and invitations, scanning `Invite` for the address (there is no index on `Invite.email`). Fix: look up the person\'s room ids first (indexed: `Room.ownerId`, `RoomMember.userId`) and ask for meetings `WHERE roomId IN (…)` through the `(roomId, startsAt)` index, plus the invited meetings through a new index on `Invite(email)`.',
  'Admin rooms (/admin/rooms)':
    "Prisma computes the `_count` of upcoming meetings and co-hosts for every room (a GROUP BY over all meetings and members) and only then sorts and takes 50. Fix: take the 50 rooms first, then count meetings and co-hosts for those 50 ids (indexed by `(roomId, startsAt)`).",
  'Admin audit log (/admin/audit)':
    "`listAuditKinds` asks Prisma for `distinct: ['kind']`, which Prisma does in memory: it reads every audit event (the plan shows the whole index read) to find the ~20 kinds. Fix: a loose index scan (recursive CTE over the `(kind, createdAt)` index), about 20 index probes.",
  'Admin users (/admin/users)':
    'Both of its queries take well under a millisecond at scale (see the plans): the growth is rendering, not the database. The empty page lists 3 people, the page at scale a full page of 50, each row with its own role and disable controls (a client component with server-action references), so the HTML and the RSC payload grow with the rows (see the HTML column). What would fix it, if it matters: one client component for the whole table instead of one per row, or a smaller page.',
};
