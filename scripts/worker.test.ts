import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { createTestDatabase, type TestDatabase } from '../lib/testing/database';

// A web process with WORKERS=0 only queues invitation mails; `npm run worker` sends them.
let database: TestDatabase;
let smtp: SMTPServer;
const received: { to: string[]; at: number }[] = [];
let workerEnv: NodeJS.ProcessEnv;

before(async () => {
  database = await createTestDatabase();
  smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    disableReverseLookup: true,
    onData(stream, session, callback) {
      stream.resume();
      stream.on('end', () => {
        received.push({ to: session.envelope.rcptTo.map((r) => r.address), at: Date.now() });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', resolve));
  const port = (smtp.server.address() as AddressInfo).port;
  workerEnv = {
    ...process.env,
    DATABASE_URL: database.url,
    SMTP_URL: `smtp://127.0.0.1:${port}`,
    MAIL_FROM: 'Gatehouse <meet@example.com>',
    AUTH_URL: 'http://portal.test',
    SECURITY_LOG: 'off',
  };
  Object.assign(process.env, workerEnv, { WORKERS: '0', NEXT_RUNTIME: 'nodejs' });
});

after(async () => {
  const { stopQueue } = await import('../lib/jobs/queue');
  await stopQueue(1000);
  const { db } = await import('../lib/db');
  await db.$disconnect();
  await new Promise<void>((resolve) => smtp.close(() => resolve()));
  await database.drop();
});

function runWorker(env: NodeJS.ProcessEnv) {
  const child = spawn(process.execPath, ['--conditions=react-server', '--import', 'tsx', 'scripts/worker.ts'], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  return { child, output: () => output, exited: once(child, 'exit') as Promise<[number | null, NodeJS.Signals | null]> };
}

async function waitFor(check: () => Promise<boolean> | boolean, timeoutMs: number): Promise<boolean> {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    if (await check()) return true;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  return false;
}

test('with WORKERS=0 the web process queues the mail and sends nothing; the worker sends it and stops on SIGTERM', async () => {
  // What the web server runs at start-up.
  const { register } = await import('../instrumentation');
  await register();

  const host = await database.db.user.create({ data: { email: 'organiser@example.com', name: 'Olga' } });
  const room = await database.db.room.create({ data: { slug: 'hall', name: 'Hall', ownerId: host.id, jitsiName: 'hallroom', guestsAllowed: true } });
  const meeting = await database.db.meeting.create({
    data: { roomId: room.id, organizerId: host.id, title: 'Review', startsAt: new Date('2030-01-01T09:00:00Z'), endsAt: new Date('2030-01-01T10:00:00Z'), timeZone: 'UTC' },
  });
  const invite = await database.db.invite.create({
    data: { roomId: room.id, meetingId: meeting.id, createdById: host.id, tokenHash: 'placeholder', name: 'Gita', email: 'gita@partner.test', expiresAt: meeting.endsAt },
  });
  const { enqueueInviteMails } = await import('../lib/invites/delivery');
  await enqueueInviteMails([invite.id]);

  // A web process that sends mail would have sent it within a second (it polls every 0.5 s).
  await new Promise((resolve) => setTimeout(resolve, 3000));
  assert.equal(received.length, 0, 'the web process must not send mail with WORKERS=0');
  assert.equal((await database.db.invite.findUniqueOrThrow({ where: { id: invite.id } })).delivery, 'QUEUED');

  const worker = runWorker({ ...workerEnv, WORKERS: '2' });
  try {
    assert.ok(await waitFor(() => received.length > 0, 30_000), `the worker sent no mail:\n${worker.output()}`);
    assert.deepEqual(received.map((m) => m.to), [['gita@partner.test']]);
    assert.ok(await waitFor(async () => (await database.db.invite.findUniqueOrThrow({ where: { id: invite.id } })).delivery === 'SENT', 5000));
    assert.match(worker.output(), /sending invitation mails \(2 at once\), updates and reminders/);
  } finally {
    worker.child.kill('SIGTERM');
  }
  const [code] = await worker.exited;
  assert.equal(code, 0, worker.output());
  assert.match(worker.output(), /SIGTERM received/);
});

test('the worker refuses to start without DATABASE_URL or with WORKERS=0, naming the variable', async () => {
  const noDatabase = runWorker({ ...workerEnv, DATABASE_URL: '' });
  assert.equal((await noDatabase.exited)[0], 1);
  assert.match(noDatabase.output(), /DATABASE_URL: is required for a separate worker/);

  const noSenders = runWorker({ ...workerEnv, WORKERS: '0' });
  assert.equal((await noSenders.exited)[0], 1);
  assert.match(noSenders.output(), /WORKERS: is 0/);
});
