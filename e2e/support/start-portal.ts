/**
 * Starts the built portal for the end-to-end suite: a fresh PostgreSQL database (dropped again when
 * the suite stops it), migrations applied, then `next start` with the test configuration.
 */
import { spawn } from 'node:child_process';
import { migrateDeploy } from '../../prisma/migrate';
import { assertLocal } from '../../lib/testing/database';
import { E2E_DATABASE_URL, PORTAL_PORT } from './ports';
import { portalTestEnv } from './portal-env';
import { onServer } from './server-sql';

const dbName = new URL(E2E_DATABASE_URL).pathname.slice(1);
assertLocal(E2E_DATABASE_URL);

await onServer(`DROP DATABASE IF EXISTS "${dbName}" WITH (FORCE)`);
await onServer(`CREATE DATABASE "${dbName}"`);
await migrateDeploy({ kind: 'postgres', url: E2E_DATABASE_URL });

const child = spawn('npx', ['next', 'start', '-H', '127.0.0.1', '-p', String(PORTAL_PORT)], {
  stdio: 'inherit',
  env: { ...process.env, ...portalTestEnv },
});

let stopping = false;
async function stop(code: number) {
  if (stopping) return;
  stopping = true;
  child.kill('SIGTERM');
  await onServer(`DROP DATABASE IF EXISTS "${dbName}" WITH (FORCE)`).catch(() => {});
  process.exit(code);
}
child.on('exit', (code) => void stop(code ?? 1));
process.on('SIGTERM', () => void stop(0));
process.on('SIGINT', () => void stop(0));
