/**
 * Benchmark 4, bulk invitations: a 10,000-row attendee CSV through the invite page's two server actions
 * (check: previewBulkAction; invite: createBulkAction with "send by mail"), timed from upload until every
 * invite is persisted and every mail is on the queue (the action answers only then); then the mail
 * worker inside the portal sends them to the counting SMTP sink, and the sink's clock gives mails per
 * second.
 */
import type pg from 'pg';
import nodemailer from 'nodemailer';
import { actionHeaders, actionId, encodeActionArguments } from './actions';
import { PORTAL_ORIGIN, SMTP_SINK_API, portalBenchEnv } from './config';
import { errorLines, log, sleep } from './support';

export type BulkReport = {
  rows: number;
  csvBytes: number;
  previewSeconds: number;
  createSeconds: number;
  uploadToQueuedSeconds: number;
  invitesPersisted: number;
  jobsQueued: number;
  mailsReceived: number;
  mailSeconds: number;
  mailsPerSecond: number;
  /** True when the wait ended before every mail had arrived (the rate is then over the mails that did). */
  stoppedWaiting: boolean;
  uploadToLastMailSeconds: number;
  invitesSent: number;
  meanMailBytes: number;
  floors: { insertSeconds: number; smtpMailsPerSecond: number; smtpPooledMailsPerSecond: number; smtpMails: number };
  /** Set when an upload failed: what the server answered. */
  error?: string;
};

/**
 * The floor of "persist 10,000 invites": one INSERT … SELECT of 10,000 rows into the same table (same
 * indexes and constraints), in a transaction that is rolled back.
 */
async function insertFloor(client: pg.Client, meetingId: string, rows: number): Promise<number> {
  await client.query('BEGIN');
  try {
    const started = performance.now();
    await client.query(
      `INSERT INTO "Invite" (id, "roomId", "meetingId", "createdById", name, email, "tokenHash", "expiresAt", "updatedAt")
       SELECT 'floor-' || i, m."roomId", m.id, m."organizerId", 'Guest ' || i, 'floor' || i || '@example.org', md5('floor' || i) || md5(i::text), now() + interval '30 days', now()
       FROM generate_series(1, $2::int) i CROSS JOIN (SELECT id, "roomId", "organizerId" FROM "Meeting" WHERE id = $1) m`,
      [meetingId, rows],
    );
    return (performance.now() - started) / 1000;
  } finally {
    await client.query('ROLLBACK');
  }
}

/**
 * The floor of mail throughput: nodemailer (the portal's mailer, configured from the same SMTP_URL, so
 * one connection per mail as in the portal) sending mails of the portal's size to the same sink with the
 * same 8 senders at a time, with no database and no queue.
 */
async function smtpFloor(count: number, bytes: number, { senders = 8, pool = false } = {}): Promise<number> {
  // Pooled as the portal sends: 16 connections kept open (lib/mail/send.ts), `senders` mails in flight.
  const transport = nodemailer.createTransport(pool ? `${portalBenchEnv.SMTP_URL!}?pool=true&maxConnections=16` : portalBenchEnv.SMTP_URL!);
  const body = 'x'.repeat(Math.max(100, Math.round(bytes) - 600)).replace(/(.{76})/g, '$1\n');
  await fetch(`${SMTP_SINK_API}/stats`, { method: 'DELETE' });
  let next = 0;
  await Promise.all(
    Array.from({ length: senders }, async () => {
      while (next < count) {
        const i = next++;
        await transport.sendMail({ from: portalBenchEnv.MAIL_FROM, to: `floor${i}@example.org`, subject: `Invitation ${i}`, text: body });
      }
    }),
  );
  transport.close();
  const stats = await sinkStats();
  await fetch(`${SMTP_SINK_API}/stats`, { method: 'DELETE' });
  return stats.firstAt && stats.lastAt && stats.messages > 1 ? (stats.messages - 1) / ((stats.lastAt - stats.firstAt) / 1000) : NaN;
}

export function attendeeCsv(rows: number): string {
  const first = ['Alex', 'Sam', 'Kim', 'Robin', 'Jo', 'Maria', 'Chen', 'Aisha', 'Lukas', 'Emma', 'Noah', 'Zoë', 'Søren', 'Łukasz'];
  const last = ['Meyer', 'Smith', 'García', 'Nguyen', 'Okafor', 'Rossi', 'Kowalski', 'Müller', 'Dubois', 'Tanaka'];
  const lines = ['name,email'];
  for (let i = 1; i <= rows; i++) {
    const name = `${first[i % first.length]} ${last[(i * 7) % last.length]}`;
    lines.push(`"${name}",guest${String(i).padStart(5, '0')}@partner-${i % 37}.example.org`);
  }
  return `${lines.join('\r\n')}\r\n`;
}

/** The multipart body the browser sends for `action(prevState = null, formData)`. */
async function multipartAction(id: string, sessionToken: string, fields: Record<string, string | Blob>): Promise<{ headers: Record<string, string>; body: ArrayBuffer }> {
  const form = new FormData();
  for (const [key, value] of Object.entries(fields)) {
    if (typeof value === 'string') form.set(key, value);
    else form.set(key, value, 'attendees.csv');
  }
  const encoded = await encodeActionArguments([null, form]);
  const request = new Request(PORTAL_ORIGIN, { method: 'POST', body: encoded });
  return { headers: actionHeaders(id, sessionToken, request.headers.get('content-type')!), body: await request.arrayBuffer() };
}

async function post(path: string, call: { headers: Record<string, string>; body: ArrayBuffer }): Promise<{ seconds: number; text: string }> {
  const started = performance.now();
  const response = await fetch(`${PORTAL_ORIGIN}${path}`, { method: 'POST', headers: call.headers, body: call.body });
  const text = await response.text();
  const seconds = (performance.now() - started) / 1000;
  if (response.status !== 200 || !text.includes('"ok":true')) throw new Error(`${path}: HTTP ${response.status}: ${text.slice(0, 500)}`);
  return { seconds, text };
}

async function sinkStats(): Promise<{ messages: number; bytes: number; firstAt: number | null; lastAt: number | null }> {
  return (await fetch(`${SMTP_SINK_API}/stats`)).json() as Promise<{ messages: number; bytes: number; firstAt: number | null; lastAt: number | null }>;
}

export async function benchBulkInvitations(
  client: pg.Client,
  {
    sessionToken,
    meetingId,
    rows = 10_000,
    maxWaitSeconds = 120,
    serverLog = () => '',
  }: { sessionToken: string; meetingId: string; rows?: number; maxWaitSeconds?: number; serverLog?: () => string },
): Promise<BulkReport> {
  const floorInsert = await insertFloor(client, meetingId, rows);
  const floorMails = Math.min(rows, 2_000);
  log(`bulk invitations: floors — ${rows} rows in one INSERT: ${floorInsert.toFixed(2)} s; nodemailer straight to the sink: ${floorMails} mails …`);
  const floorRate = await smtpFloor(floorMails, 3100);
  const floorPooledRate = await smtpFloor(floorMails, 3100, { pool: true, senders: 32 });
  const csv = attendeeCsv(rows);
  const file = new Blob([csv], { type: 'text/csv' });
  const page = `/meetings/${meetingId}/invite-many`;
  await fetch(`${SMTP_SINK_API}/stats`, { method: 'DELETE' });

  const preview = await multipartAction(actionId('lib/invites/actions.ts', 'previewBulkAction'), sessionToken, { meetingId, file });
  const create = await multipartAction(actionId('lib/invites/actions.ts', 'createBulkAction'), sessionToken, { meetingId, file, deliver: 'mail' });

  log(`bulk invitations: checking ${rows.toLocaleString('en-US')} rows`);
  const uploadStarted = Date.now();
  const checked = await post(page, preview);
  if (!checked.text.includes(`"valid":${rows}`)) throw new Error(`the preview did not accept all ${rows} rows: ${checked.text.slice(0, 500)}`);
  log(`bulk invitations: inviting (${checked.seconds.toFixed(2)} s for the check)`);
  const floors = { insertSeconds: floorInsert, smtpMailsPerSecond: floorRate, smtpPooledMailsPerSecond: floorPooledRate, smtpMails: floorMails };
  let created: { seconds: number; text: string };
  try {
    created = await post(page, create);
    if (!created.text.includes(`"created":${rows}`)) throw new Error(`not all ${rows} invites were created: ${created.text.slice(0, 500)}`);
  } catch (error) {
    // A failed upload is a result too (the report shows it as a miss), not a reason to stop the benchmark.
    // The answer carries only a digest; the portal's log says what happened.
    const logged = errorLines(serverLog()).join(' ');
    const message = `${error instanceof Error ? error.message : String(error)}${logged ? ` — server log: ${logged}` : ''}`;
    log(`bulk invitations: the upload FAILED after ${((Date.now() - uploadStarted) / 1000).toFixed(1)} s: ${message.slice(0, 200)}`);
    const nan = Number.NaN;
    return {
      rows, csvBytes: Buffer.byteLength(csv), previewSeconds: checked.seconds, createSeconds: nan, uploadToQueuedSeconds: nan, invitesPersisted: 0, jobsQueued: 0,
      mailsReceived: 0, mailSeconds: nan, mailsPerSecond: nan, stoppedWaiting: true, uploadToLastMailSeconds: nan, invitesSent: 0, meanMailBytes: nan, floors,
      error: `${message.slice(0, 700)} (after ${((Date.now() - uploadStarted) / 1000).toFixed(1)} s)`,
    };
  }
  const queuedAt = Date.now();

  const { rows: counts } = await client.query<{ invites: string; jobs: string }>(
    `SELECT (SELECT count(*) FROM "Invite" WHERE "meetingId" = $1 AND "revokedAt" IS NULL) AS invites,
            (SELECT count(*) FROM pgboss.job WHERE name = 'invite-mail') AS jobs`,
    [meetingId],
  );
  log(`bulk invitations: ${counts[0]!.invites} invites, ${counts[0]!.jobs} mail jobs; waiting for the mails`);

  // The rate is read from the mails that arrived; a slow sender is not waited for past maxWaitSeconds.
  const deadline = Date.now() + maxWaitSeconds * 1000;
  let stats = await sinkStats();
  let lastCount = -1;
  let stalledSince = Date.now();
  while (stats.messages < rows && Date.now() < deadline) {
    await sleep(1000);
    stats = await sinkStats();
    if (stats.messages !== lastCount) {
      lastCount = stats.messages;
      stalledSince = Date.now();
    } else if (Date.now() - stalledSince > 30_000) {
      break;
    }
  }
  const { rows: sent } = await client.query<{ n: string }>(`SELECT count(*) AS n FROM "Invite" WHERE "meetingId" = $1 AND delivery = 'SENT'`, [meetingId]);
  const mailSeconds = stats.firstAt && stats.lastAt ? (stats.lastAt - stats.firstAt) / 1000 : NaN;
  return {
    rows,
    csvBytes: Buffer.byteLength(csv),
    previewSeconds: checked.seconds,
    createSeconds: created.seconds,
    uploadToQueuedSeconds: (queuedAt - uploadStarted) / 1000,
    invitesPersisted: Number(counts[0]!.invites),
    jobsQueued: Number(counts[0]!.jobs),
    mailsReceived: stats.messages,
    mailSeconds,
    mailsPerSecond: stats.messages > 1 ? (stats.messages - 1) / mailSeconds : NaN,
    stoppedWaiting: stats.messages < rows,
    uploadToLastMailSeconds: stats.lastAt ? (stats.lastAt - uploadStarted) / 1000 : NaN,
    invitesSent: Number(sent[0]!.n),
    meanMailBytes: stats.messages ? stats.bytes / stats.messages : NaN,
    floors,
  };
}
