import { execFile } from 'node:child_process';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { test, expect } from '../support/fixtures';
import { startExtraPortal } from '../support/extra-portal';
import { E2E_DATABASE_URL } from '../support/ports';
import { onServer } from '../support/server-sql';

const run = promisify(execFile);

// The procedure in docs/deployment.md ("Backup and restore"), step by step, against the suite's database.
test('a pg_dump backup restores into an empty database, and a portal started on it has the data and the sessions', async ({ page, context, createUser, signInAs, db }) => {
  test.setTimeout(90_000);
  const host = await createUser({ prefix: 'host' });
  const suffix = `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
  await db.room.create({ data: { slug: `backup-${suffix}`, name: `Backed-up room ${suffix}`, ownerId: host.id, jitsiName: `bk${suffix}` } });
  await signInAs(context, host);

  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'gatehouse-backup-'));
  const dump = path.join(dir, 'gatehouse.dump');
  const restoredName = `gatehouse_restored_${suffix}`;
  const restored = new URL(E2E_DATABASE_URL);
  restored.pathname = `/${restoredName}`;
  const portal = { stop: async () => {} };
  try {
    // 1. Back up: one consistent snapshot while the portal keeps running.
    await run('pg_dump', ['--format=custom', `--file=${dump}`, E2E_DATABASE_URL]);
    expect((await fs.stat(dump)).size).toBeGreaterThan(0);
    // 2. Restore into an empty database.
    await onServer(`CREATE DATABASE "${restoredName}"`);
    await run('pg_restore', ['--no-owner', '--no-privileges', '--exit-on-error', `--dbname=${restored}`, dump]);
    // 3. Start a portal on it: healthy (every migration it ships is applied), with the room and the
    //    session that existed when the backup was taken.
    const second = await startExtraPortal(3113, { DATABASE_URL: restored.toString(), WORKERS: '0' });
    portal.stop = () => second.stop();
    expect((await page.request.get(`${second.url}/api/health`)).status()).toBe(200);
    await page.goto(`${second.url}/rooms`);
    await expect(page.getByRole('link', { name: `Backed-up room ${suffix}` })).toBeVisible();
  } finally {
    await portal.stop();
    await onServer(`DROP DATABASE IF EXISTS "${restoredName}" WITH (FORCE)`);
    await fs.rm(dir, { recursive: true, force: true });
  }
});
