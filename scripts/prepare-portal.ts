/**
 * `npm run dev` / `npm start`: validates the configuration, applies pending migrations, adds demo data
 * on the embedded default's first start, starts the built-in Jitsi stand-in when no Jitsi server is
 * configured (development only), then runs `next dev` or `next start` and prints where to open it.
 */
import { spawn } from 'node:child_process';
import path from 'node:path';
import nextEnv from '@next/env';
import { getEnv, localSecret } from '../lib/env';
import { createPrismaClient, databaseTarget, describeTarget } from '../lib/db';
import { migrateDeploy } from '../prisma/migrate';
import { demoUsers, seedDemoData } from '../prisma/seed';
import { startJitsiStandin } from './jitsi-standin';

async function main(mode: 'dev' | 'start') {
  nextEnv.loadEnvConfig(process.cwd(), mode === 'dev');
  const env = getEnv();
  const target = databaseTarget(env);
  const applied = await migrateDeploy(target);
  console.log(`Database: ${describeTarget(target)} (${applied.length ? `applied ${applied.join(', ')}` : 'up to date'})`);

  if (target.kind === 'pglite') {
    const db = createPrismaClient(target);
    const seeded = await seedDemoData(db);
    if (seeded) console.log('First start: demo users, rooms and meetings added.');
    await db.$disconnect();
  }

  let stopStandin: (() => Promise<void>) | undefined;
  if (!env.JITSI_DOMAIN) {
    const standin = await startJitsiStandin({
      host: '127.0.0.1',
      port: env.JITSI_STANDIN_PORT,
      certDir: path.resolve(env.DATA_DIR, 'jitsi-standin'),
      config: {
        domain: `localhost:${env.JITSI_STANDIN_PORT}`,
        appId: env.JITSI_APP_ID,
        acceptedAudiences: [env.JITSI_AUDIENCE],
        algorithm: 'HS256',
        appSecret: localSecret('jitsi-standin-secret', env),
      },
      // With JITSI_EVENTS_SECRET set, the stand-in reports who joins and leaves, as event_sync would.
      events: env.JITSI_EVENTS_SECRET ? { url: `http://localhost:${process.env.PORT ?? 3000}/api/jitsi/events`, secret: env.JITSI_EVENTS_SECRET } : null,
    });
    stopStandin = standin.close;
    console.log(`Jitsi: no JITSI_DOMAIN set, so the built-in stand-in plays Jitsi at https://localhost:${standin.port} (self-signed certificate: open it once in your browser and accept it).`);
  }

  const port = process.env.PORT ?? '3000';
  console.log(`\nGatehouse: http://localhost:${port}`);
  if (target.kind === 'pglite' && mode === 'dev') {
    console.log(`Sign in with the development sign-in as ${demoUsers.map((u) => `${u.email} (${u.role.toLowerCase()})`).join(', ')}\n`);
  }

  const child = spawn(path.resolve('node_modules', '.bin', 'next'), [mode], { stdio: 'inherit', env: process.env });
  const stop = async (code: number) => {
    await stopStandin?.().catch(() => {});
    process.exit(code);
  };
  child.on('exit', (code) => void stop(code ?? 0));
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => child.kill(signal));
}

const mode = process.argv[2] === 'start' ? 'start' : 'dev';
main(mode).catch((error: unknown) => {
  console.error(error instanceof Error && ['EnvError', 'MigrationError'].includes(error.name) ? error.message : error);
  process.exit(1);
});
