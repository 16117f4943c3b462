import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import net from 'node:net';
import { SMTPServer } from 'smtp-server';
import { createTestDatabase, type TestDatabase } from '../testing/database';

let database: TestDatabase;
let delivery: typeof import('./delivery');
let port: number;
const errors: string[] = [];
const infos: string[] = [];
const originalError = console.error;
const originalInfo = console.info;

/** A local port nothing listens on (yet): the mail server is "down". */
async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

before(async () => {
  database = await createTestDatabase();
  port = await freePort();
  process.env.DATABASE_URL = database.url;
  process.env.SMTP_URL = `smtp://127.0.0.1:${port}`;
  process.env.MAIL_FROM = 'Gatehouse <meet@example.com>';
  console.error = (...args: unknown[]) => void errors.push(args.join(' '));
  console.info = (...args: unknown[]) => void infos.push(args.join(' '));
  delivery = await import('./delivery');
});
after(async () => {
  console.error = originalError;
  console.info = originalInfo;
  const { getQueue } = await import('../jobs/queue');
  await (await getQueue()).stop({ graceful: false, wait: true });
  const { db } = await import('../db');
  await db.$disconnect();
  await database.drop();
});

async function until<T>(read: () => Promise<T>, ok: (value: T) => boolean, ms: number): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await read();
    if (ok(value) || Date.now() > deadline) return value;
    await new Promise((r) => setTimeout(r, 250));
  }
}

/**
 * A mail server on the port SMTP_URL names, recording every recipient it accepts; `refuse` may turn
 * a recipient away with an SMTP code and text.
 */
async function mailServer(refuse: (address: string) => [number, string] | null = () => null) {
  const received: string[] = [];
  const smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onRcptTo(address, _session, callback) {
      const refusal = refuse(address.address);
      callback(refusal ? Object.assign(new Error(refusal[1]), { responseCode: refusal[0] }) : undefined);
    },
    onData(stream, session, callback) {
      stream.resume();
      stream.on('end', () => {
        received.push(...session.envelope.rcptTo.map((r) => r.address));
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => smtp.listen(port, '127.0.0.1', resolve));
  return { received, close: () => new Promise<void>((resolve) => smtp.close(() => resolve())) };
}

test('during a mail outage the progress says when the next attempt is, the log says it once, and after it everyone gets one mail', async () => {
  const host = await database.db.user.create({ data: { email: 'organiser@example.com', name: 'Olga' } });
  const room = await database.db.room.create({ data: { slug: 'outage', name: 'Hall', ownerId: host.id, jitsiName: 'outageroom', guestsAllowed: true } });
  const meeting = await database.db.meeting.create({ data: { roomId: room.id, organizerId: host.id, title: 'Workshop', startsAt: new Date('2030-01-01T09:00:00Z'), endsAt: new Date('2030-01-01T10:00:00Z'), timeZone: 'UTC' } });
  const people = ['ann', 'bob', 'cat'].map((p) => `${p}@partner.test`);
  const invites = await Promise.all(
    people.map((email, i) => database.db.invite.create({ data: { roomId: room.id, meetingId: meeting.id, createdById: host.id, email, name: `Person ${i}`, tokenHash: `hash-${i}`, expiresAt: new Date('2030-01-02T00:00:00Z') } })),
  );

  await delivery.enqueueInviteMails(invites.map((i) => i.id));
  await delivery.startInviteMailWorker();

  const during = await until(() => delivery.inviteDeliveryProgress(meeting.id), (p) => (p.retry?.nextAttemptInSeconds ?? 0) > 0, 20_000);
  assert.deepEqual([during.queued, during.sent, during.failed], [3, 0, 0]);
  assert.ok(during.retry, 'the progress reports the retry');
  assert.equal(during.retry.recovered, false);
  assert.equal(during.retry.serverDown, true);
  assert.match(during.retry.lastError, /ECONNREFUSED/);
  // pg-boss's first retry comes 5–10 s after the failure (retryDelay 5 with back-off).
  assert.ok(during.retry.nextAttemptInSeconds! >= 1 && during.retry.nextAttemptInSeconds! <= 10, `next attempt in ${during.retry.nextAttemptInSeconds} s`);
  const outageLines = errors.filter((line) => line.includes('[mail] mail server unreachable'));
  assert.equal(outageLines.length, 1, errors.join('\n'));

  const smtp = await mailServer();
  try {
    const done = await until(() => delivery.inviteDeliveryProgress(meeting.id), (p) => p.sent === 3, 40_000);
    assert.deepEqual([done.queued, done.sent, done.failed, done.retry], [0, 3, 0, null]);
  } finally {
    await smtp.close();
  }
  const { received } = smtp;
  assert.deepEqual(received.sort(), people);
  assert.equal(errors.filter((line) => line.includes('[mail] mail server unreachable')).length, 1);
  assert.equal(infos.filter((line) => line.includes('[mail] mail server reachable again')).length, 1, infos.join('\n'));
});

test('in one batch, each mail stands alone: a 5xx fails only its invite, a 4xx is retried alone, nobody gets two', async () => {
  const host = await database.db.user.create({ data: { email: 'batch-organiser@example.com', name: 'Olga' } });
  const room = await database.db.room.create({ data: { slug: 'batch', name: 'Hall B', ownerId: host.id, jitsiName: 'batchroom', guestsAllowed: true } });
  const meeting = await database.db.meeting.create({ data: { roomId: room.id, organizerId: host.id, title: 'Batch', startsAt: new Date('2030-01-01T09:00:00Z'), endsAt: new Date('2030-01-01T10:00:00Z'), timeZone: 'UTC' } });
  const people = ['a', 'b', 'c', 'bounce', 'flaky', 'd', 'e', 'f'].map((p) => `${p}@batch.test`);
  const invites = await Promise.all(
    people.map((email, i) => database.db.invite.create({ data: { roomId: room.id, meetingId: meeting.id, createdById: host.id, email, name: `Person ${i}`, tokenHash: `batch-${i}`, expiresAt: new Date('2030-01-02T00:00:00Z') } })),
  );
  let flakyRefused = false;
  const smtp = await mailServer((address) => {
    if (address.startsWith('bounce@')) return [550, '5.1.1 no such mailbox'];
    if (address.startsWith('flaky@') && !flakyRefused) {
      flakyRefused = true;
      return [451, '4.3.0 try again later'];
    }
    return null;
  });
  const { received } = smtp;
  try {
    await delivery.enqueueInviteMails(invites.map((i) => i.id));
    await delivery.startInviteMailWorker();
    const done = await until(() => delivery.inviteDeliveryProgress(meeting.id), (p) => p.sent === 7 && p.failed === 1, 40_000);
    assert.deepEqual([done.queued, done.sent, done.failed], [0, 7, 1]);
  } finally {
    await smtp.close();
  }
  assert.ok(flakyRefused, 'the 4xx happened');
  assert.deepEqual(received.sort(), people.filter((p) => !p.startsWith('bounce')).sort(), 'one mail each, the bounced address none');
  const bounced = await database.db.invite.findFirstOrThrow({ where: { email: 'bounce@batch.test' } });
  assert.equal(bounced.delivery, 'FAILED');
  assert.match(bounced.deliveryError ?? '', /550/);
});
