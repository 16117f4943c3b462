/**
 * Benchmark data, written with set-based SQL (INSERT … SELECT generate_series), never row by row:
 * the people who sign in (database sessions, as e2e/support/fixtures.ts creates them), the join-path
 * population, and the "at scale" data set of 10,000 rooms, 100,000 meetings and 1,000,000 audit events.
 * Every id starts with "b" and a letter for its set, so the sets never collide.
 */
import { createHash, randomBytes } from 'node:crypto';
import pg from 'pg';
import { assertLocal } from '../../lib/testing/database';
import { BENCH_DATABASE_URL } from './config';

export async function withBenchDb<T>(fn: (client: pg.Client) => Promise<T>): Promise<T> {
  assertLocal(BENCH_DATABASE_URL);
  const client = new pg.Client({ connectionString: BENCH_DATABASE_URL });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

export type BenchUser = { id: string; email: string; sessionToken: string };

/** One person with a signed-in database session (the cookie value is the session token). */
export async function createSignedInUser(client: pg.Client, id: string, email: string, name: string, role: 'ADMIN' | 'MEMBER'): Promise<BenchUser> {
  const sessionToken = randomBytes(32).toString('hex');
  await client.query(
    `INSERT INTO "User" (id, email, name, role, "emailVerified", "lastSignInAt", "timeZone", "updatedAt")
     VALUES ($1, $2, $3, $4, now(), now(), 'Europe/Berlin', now())`,
    [id, email, name, role],
  );
  await client.query(`INSERT INTO "Session" (id, "sessionToken", "userId", expires, "updatedAt") VALUES ($1, $2, $3, now() + interval '2 days', now())`, [
    `${id}-session`,
    sessionToken,
    id,
  ]);
  return { id, email, sessionToken };
}

/** The people the dashboards, the bulk upload and the page-weight pages are seen as. */
export async function seedPeople(client: pg.Client) {
  const employee = await createSignedInUser(client, 'bp-employee', 'dana.employee@example.com', 'Dana Employee', 'MEMBER');
  const admin = await createSignedInUser(client, 'bp-admin', 'ada.admin@example.com', 'Ada Admin', 'ADMIN');
  const host = await createSignedInUser(client, 'bp-host', 'hugo.host@example.com', 'Hugo Host', 'MEMBER');
  // The host's room admits guests; its meeting is next week (bulk invitations) and one is open now (the guest page).
  await client.query(
    `INSERT INTO "Room" (id, slug, name, "jitsiName", "ownerId", "alwaysOpen", "guestsAllowed", "updatedAt")
     VALUES ('bp-room', 'all-hands', 'All hands', 'bpallhandsk3x9m2p7q4w8', 'bp-host', true, true, now())`,
  );
  await client.query(
    `INSERT INTO "Meeting" (id, "roomId", "organizerId", title, "startsAt", "endsAt", "timeZone", "updatedAt") VALUES
       ('bp-meeting-bulk', 'bp-room', 'bp-host', 'Quarterly all hands', date_trunc('hour', now()) + interval '7 days', date_trunc('hour', now()) + interval '7 days 2 hours', 'Europe/Berlin', now()),
       ('bp-meeting-now', 'bp-room', 'bp-host', 'Open house', now() - interval '5 minutes', now() + interval '3 hours', 'Europe/Berlin', now())`,
  );
  const guestToken = randomBytes(32).toString('base64url');
  await client.query(
    `INSERT INTO "Invite" (id, "roomId", "meetingId", "createdById", name, email, "tokenHash", "expiresAt", "updatedAt")
     VALUES ('bp-guest-invite', 'bp-room', 'bp-meeting-now', 'bp-host', 'Gina Guest', 'gina.guest@example.org', $1, now() + interval '1 day', now())`,
    [createHash('sha256').update(guestToken).digest('hex')],
  );
  return { employee, admin, host, roomSlug: 'all-hands', bulkMeetingId: 'bp-meeting-bulk', guestToken };
}

export type JoinTarget = { kind: 'room'; slug: string } | { kind: 'meeting'; meetingId: string };
export type JoinCase = { sessionToken: string; page: string; target: JoinTarget; as: 'host' | 'participant' | 'co-host' | 'invited' };

/**
 * The join-path population: `n` people, each signed in, each hosting an always-open room (where the next
 * person takes part and the one after co-hosts) and a meeting that is open now (to which the person
 * three further on is invited by address). Returns the join requests: every person joins five times,
 * as host, participant, co-host, meeting host and invitee, so every branch of the role check runs.
 */
export async function seedJoinPopulation(client: pg.Client, n: number): Promise<JoinCase[]> {
  const sql = `
    INSERT INTO "User" (id, email, name, role, "emailVerified", "lastSignInAt", "timeZone", "updatedAt")
      SELECT 'bj-u-' || i, 'joiner' || i || '@example.com', 'Joiner ' || i, 'MEMBER', now(), now(), 'Europe/Berlin', now() FROM generate_series(1, $1::int) i;
    INSERT INTO "Session" (id, "sessionToken", "userId", expires, "updatedAt")
      SELECT 'bj-s-' || i, md5('bench-join-' || i || random()) || md5(random()::text), 'bj-u-' || i, now() + interval '2 days', now() FROM generate_series(1, $1::int) i;
    INSERT INTO "Room" (id, slug, name, "jitsiName", "ownerId", "alwaysOpen", "updatedAt")
      SELECT 'bj-r-' || i, 'bench-join-' || i, 'Join bench room ' || i, 'bjroom' || i || substr(md5('r' || i), 1, 14), 'bj-u-' || i, true, now() FROM generate_series(1, $1::int) i;
    INSERT INTO "RoomMember" ("roomId", "userId", role)
      SELECT 'bj-r-' || i, 'bj-u-' || (i % $1::int + 1), 'PARTICIPANT'::"RoomRole" FROM generate_series(1, $1::int) i
      UNION ALL
      SELECT 'bj-r-' || i, 'bj-u-' || ((i + 1) % $1::int + 1), 'CO_HOST'::"RoomRole" FROM generate_series(1, $1::int) i;
    INSERT INTO "Room" (id, slug, name, "jitsiName", "ownerId", "alwaysOpen", "updatedAt")
      SELECT 'bj-mr-' || i, 'bench-meet-' || i, 'Meeting bench room ' || i, 'bjmeet' || i || substr(md5('m' || i), 1, 14), 'bj-u-' || i, false, now() FROM generate_series(1, $1::int) i;
    INSERT INTO "Meeting" (id, "roomId", "organizerId", title, "startsAt", "endsAt", "timeZone", "updatedAt")
      SELECT 'bj-m-' || i, 'bj-mr-' || i, 'bj-u-' || i, 'Join bench meeting ' || i, now() - interval '5 minutes', now() + interval '3 hours', 'Europe/Berlin', now() FROM generate_series(1, $1::int) i;
    INSERT INTO "Invite" (id, "roomId", "meetingId", "createdById", name, email, "tokenHash", "expiresAt", "updatedAt")
      SELECT 'bj-i-' || i, 'bj-mr-' || i, 'bj-m-' || i, 'bj-u-' || i, 'Joiner', 'joiner' || ((i + 2) % $1::int + 1) || '@example.com', md5('bj-i-' || i) || md5('i' || i), now() + interval '1 day', now() FROM generate_series(1, $1::int) i;
  `;
  // pg runs a multi-statement text only without parameters: inline the (integer) count.
  await client.query(sql.replaceAll('$1::int', String(Math.trunc(n))));
  const { rows } = await client.query<{ userId: string; sessionToken: string }>(`SELECT "userId", "sessionToken" FROM "Session" WHERE id LIKE 'bj-s-%'`);
  const tokens = new Map(rows.map((r) => [r.userId, r.sessionToken]));
  const back = (i: number, by: number) => ((i - 1 - by + n * 2) % n) + 1;
  const cases: JoinCase[] = [];
  for (let i = 1; i <= n; i++) {
    const sessionToken = tokens.get(`bj-u-${i}`)!;
    const room = (k: number): JoinCase['target'] => ({ kind: 'room', slug: `bench-join-${k}` });
    const meeting = (k: number): JoinCase['target'] => ({ kind: 'meeting', meetingId: `bj-m-${k}` });
    cases.push(
      { sessionToken, page: `/rooms/bench-join-${i}/join`, target: room(i), as: 'host' },
      { sessionToken, page: `/rooms/bench-join-${back(i, 1)}/join`, target: room(back(i, 1)), as: 'participant' },
      { sessionToken, page: `/rooms/bench-join-${back(i, 2)}/join`, target: room(back(i, 2)), as: 'co-host' },
      { sessionToken, page: `/meetings/bj-m-${i}/join`, target: meeting(i), as: 'host' },
      { sessionToken, page: `/meetings/bj-m-${back(i, 3)}/join`, target: meeting(back(i, 3)), as: 'invited' },
    );
  }
  return shuffled(cases, 42);
}

/** A deterministic shuffle (mulberry32), so that consecutive requests belong to different people and roles. */
export function shuffled<T>(items: T[], seed: number): T[] {
  const out = [...items];
  let state = seed >>> 0;
  const random = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

export type ScaleCounts = { users: number; rooms: number; meetings: number; invites: number; auditEvents: number };
export const SCALE: ScaleCounts = { users: 1_000, rooms: 10_000, meetings: 100_000, invites: 20_000, auditEvents: 1_000_000 };

/** Audit kinds as the portal writes them, most frequent first (token.minted dominates real logs). */
const AUDIT_KINDS = [
  'token.minted', 'token.minted', 'token.minted', 'token.minted', 'auth.sign_in', 'auth.sign_in', 'auth.sign_out', 'meeting.created',
  'meeting.updated', 'invite.created', 'invite.redeemed', 'room.updated', 'room.created', 'auth.link_requested', 'invite.revoked',
  'meeting.cancelled', 'user.role_changed', 'calendar.feed_created', 'invite.bulk_created', 'room.archived',
];

/**
 * The data set "at scale", spread the way a real organisation's would be: 1,000 more people (the
 * dashboard employee among the owners, with the same share as everyone else), 10,000 rooms (10% always
 * open, 5% archived) with two members each, 100,000 meetings over the past and the coming year (10%
 * weekly series, 3% cancelled), 20,000 invitations of employees by address, 1,000,000 audit events
 * over the past year. Ends with ANALYZE, as autovacuum would after such growth. Returns seconds per step.
 */
export async function seedAtScale(client: pg.Client, employeeId: string, counts = SCALE): Promise<Record<string, number>> {
  const timings: Record<string, number> = {};
  const step = async (name: string, sql: string) => {
    const started = performance.now();
    await client.query(sql);
    timings[name] = (performance.now() - started) / 1000;
  };
  const U = counts.users;
  await client.query(`SET synchronous_commit = off`);
  await step(
    'users',
    `INSERT INTO "User" (id, email, name, role, "emailVerified", "lastSignInAt", "timeZone", "createdAt", "updatedAt")
       SELECT 'bs-u-' || i, 'person' || i || '@example.com', 'Person ' || i, 'MEMBER', now(), now() - (i % 90) * interval '1 day', 'Europe/Berlin',
              now() - (i % 700) * interval '1 day', now()
       FROM generate_series(1, ${U - 1}) i`,
  );
  // Owners by number: 0 is the dashboard employee, 1..U-1 the people above.
  await client.query(`CREATE TEMP TABLE bench_people AS SELECT 0 AS i, '${employeeId}'::text AS id, (SELECT email FROM "User" WHERE id = '${employeeId}') AS email
                      UNION ALL SELECT i, 'bs-u-' || i, 'person' || i || '@example.com' FROM generate_series(1, ${U - 1}) i`);
  await client.query(`CREATE UNIQUE INDEX ON bench_people (i)`);
  await step(
    'rooms',
    `INSERT INTO "Room" (id, slug, name, description, "jitsiName", "ownerId", "alwaysOpen", "guestsAllowed", "archivedAt", "createdAt", "updatedAt")
       SELECT 'bs-r-' || r, 'room-' || r, (ARRAY['Team','Project','Standup','Review','Planning','Support','Design','Sales'])[r % 8 + 1] || ' ' || r,
              'Room ' || r || ' of the benchmark', 'bsroom' || r || substr(md5('room' || r), 1, 14), p.id, r % 10 = 0, r % 3 = 0,
              CASE WHEN r % 20 = 0 THEN now() - interval '30 days' END, now() - (r % 700) * interval '1 day', now()
       FROM generate_series(1, ${counts.rooms}) r JOIN bench_people p ON p.i = r % ${U}`,
  );
  await step(
    'roomMembers',
    `INSERT INTO "RoomMember" ("roomId", "userId", role)
       SELECT 'bs-r-' || r, p.id, 'PARTICIPANT'::"RoomRole" FROM generate_series(1, ${counts.rooms}) r JOIN bench_people p ON p.i = (r + 7) % ${U}
       UNION ALL
       SELECT 'bs-r-' || r, p.id, 'CO_HOST'::"RoomRole" FROM generate_series(1, ${counts.rooms}) r JOIN bench_people p ON p.i = (r + 13) % ${U}`,
  );
  await step(
    'meetings',
    `INSERT INTO "Meeting" (id, "roomId", "organizerId", title, "startsAt", "endsAt", "timeZone", recurrence, "seriesEndsAt", "cancelledAt", "createdAt", "updatedAt")
       SELECT 'bs-m-' || m, 'bs-r-' || (m % ${counts.rooms} + 1), p.id, 'Meeting ' || m, s.starts, s.starts + interval '1 hour', 'Europe/Berlin',
              CASE WHEN m % 10 = 0 THEN 'FREQ=WEEKLY;COUNT=10' END,
              CASE WHEN m % 10 = 0 THEN s.starts + interval '9 weeks 1 hour' END,
              CASE WHEN m % 33 = 0 THEN s.starts - interval '1 day' END,
              s.starts - interval '14 days', now()
       FROM generate_series(1, ${counts.meetings}) m
       JOIN bench_people p ON p.i = (m % ${counts.rooms} + 1) % ${U}
       CROSS JOIN LATERAL (SELECT date_trunc('hour', now() - interval '365 days' + (m::float8 / ${counts.meetings}) * interval '730 days') + (m % 4) * interval '15 minutes' AS starts) s`,
  );
  await step(
    'invites',
    `INSERT INTO "Invite" (id, "roomId", "meetingId", "createdById", name, email, "tokenHash", "expiresAt", delivery, "createdAt", "updatedAt")
       SELECT 'bs-i-' || k, m."roomId", m.id, m."organizerId", 'Person ' || p.i, p.email, md5('bs-i-' || k) || md5('inv' || k), m."endsAt" + interval '1 day', 'SENT',
              m."createdAt", now()
       FROM generate_series(1, ${counts.invites}) k
       JOIN "Meeting" m ON m.id = 'bs-m-' || (k * ${Math.floor(counts.meetings / counts.invites)})
       JOIN bench_people p ON p.i = (k * 31) % ${U}
       WHERE m."organizerId" <> p.id`,
  );
  await step(
    'auditEvents',
    `INSERT INTO "AuditEvent" (id, kind, "actorId", "actorEmail", "roomId", "meetingId", data, "createdAt")
       SELECT 'bs-a-' || a, (ARRAY['${AUDIT_KINDS.join("','")}'])[a % ${AUDIT_KINDS.length} + 1], p.id, p.email, 'bs-r-' || (a % ${counts.rooms} + 1),
              CASE WHEN a % 2 = 0 THEN 'bs-m-' || (a % ${counts.meetings} + 1) END, jsonb_build_object('via', 'portal', 'n', a),
              now() - interval '20 minutes' - (a::float8 / ${counts.auditEvents}) * interval '365 days'
       FROM generate_series(1, ${counts.auditEvents}) a JOIN bench_people p ON p.i = a % ${U}`,
  );
  await step('analyze', `ANALYZE`);
  return timings;
}

/** Row counts of the tables the dashboards read, for the report. */
export async function tableCounts(client: pg.Client): Promise<Record<string, number>> {
  const { rows } = await client.query<Record<string, string>>(`
    SELECT (SELECT count(*) FROM "User") AS users, (SELECT count(*) FROM "Room") AS rooms, (SELECT count(*) FROM "RoomMember") AS "roomMembers",
           (SELECT count(*) FROM "Meeting") AS meetings, (SELECT count(*) FROM "Invite") AS invites, (SELECT count(*) FROM "AuditEvent") AS "auditEvents",
           (SELECT count(*) FROM "Attendance") AS attendance`);
  return Object.fromEntries(Object.entries(rows[0]!).map(([k, v]) => [k, Number(v)]));
}
