import path from 'node:path';
import fs from 'node:fs';
import pg from 'pg';
import { isConnectionError, markDatabaseDown, markDatabaseUp } from '@/lib/db-state';
import { PrismaPg } from '@prisma/adapter-pg';
import type { SqlMigrationAwareDriverAdapterFactory } from '@prisma/driver-adapter-utils';
import { PrismaClient } from '@/lib/generated/prisma/client';
import { getEnv } from '@/lib/env';
import { metrics } from '@/lib/metrics/registry';

/**
 * The one place that knows which database Gatehouse runs on: PostgreSQL when DATABASE_URL is set,
 * otherwise an embedded PGlite database persisted under DATA_DIR. Both get the same schema, the
 * same migrations and the same Prisma client.
 */
export type DatabaseTarget = { kind: 'postgres'; url: string } | { kind: 'pglite'; dir: string };

export function databaseTarget(env = getEnv()): DatabaseTarget {
  if (env.DATABASE_URL) return { kind: 'postgres', url: env.DATABASE_URL };
  return { kind: 'pglite', dir: path.resolve(env.DATA_DIR, 'pglite') };
}

/** A short description for logs and the health check, without credentials. */
export function describeTarget(target: DatabaseTarget): string {
  if (target.kind === 'pglite') return `embedded PGlite at ${target.dir}`;
  const url = new URL(target.url);
  return `PostgreSQL at ${url.hostname}:${url.port || 5432}${url.pathname}`;
}

/** Opens the driver adapter for a target. PGlite is created here and closed with `close()`. */
export async function openAdapter(
  target: DatabaseTarget,
): Promise<{ factory: SqlMigrationAwareDriverAdapterFactory; close: () => Promise<void> }> {
  if (target.kind === 'postgres') {
    const pool = new pg.Pool({ connectionString: target.url, max: 4 });
    return { factory: new PrismaPg(pool), close: () => pool.end() };
  }
  const { PrismaPGlite } = await import('pglite-prisma-adapter');
  const pglite = await openPGlite(target.dir);
  return { factory: new PrismaPGlite(pglite), close: () => closePGlite(target.dir) };
}

type PGliteInstance = import('@electric-sql/pglite').PGlite;
const globalPGlite = globalThis as unknown as { gatehousePGlite?: Map<string, Promise<PGliteInstance>> };
const pgliteByDir = (globalPGlite.gatehousePGlite ??= new Map<string, Promise<PGliteInstance>>());

/** One PGlite per folder and process: the Prisma client and the job queue share it. */
function openPGlite(dir: string): Promise<PGliteInstance> {
  let opening = pgliteByDir.get(dir);
  if (!opening) {
    fs.mkdirSync(dir, { recursive: true });
    opening = import('@electric-sql/pglite').then(({ PGlite }) => PGlite.create(dir));
    pgliteByDir.set(dir, opening);
  }
  return opening;
}

async function closePGlite(dir: string): Promise<void> {
  const opening = pgliteByDir.get(dir);
  pgliteByDir.delete(dir);
  await (await opening)?.close();
}

/**
 * Runs SQL on the portal's database for libraries that bring their own SQL (the job queue). On PGlite
 * the calls are serialised: it has a single connection.
 */
export async function sqlExecutor(target = databaseTarget()): Promise<(text: string, values?: unknown[]) => Promise<{ rows: unknown[] }>> {
  if (target.kind === 'postgres') {
    const pool = new pg.Pool({ connectionString: target.url, max: 4 });
    // An idle connection the server drops (restart, failover) is replaced on the next query; without a
    // listener node-postgres turns the drop into an uncaught exception that ends the process.
    pool.on('error', (error) => console.error('[jobs] idle database connection lost:', error.message));
    return async (text, values) => pool.query(text, values as unknown[]);
  }
  const pglite = await openPGlite(target.dir);
  let tail: Promise<unknown> = Promise.resolve();
  return (text, values) => {
    const run = async () => (values?.length ? pglite.query(text, values) : ((await pglite.exec(text)).at(-1) ?? { rows: [] }));
    const result = tail.then(run, run);
    tail = result.catch(() => undefined);
    return result;
  };
}

const poolKey = Symbol.for('gatehouse.dbPool');
const globalPool = globalThis as { [poolKey]?: pg.Pool };

/** The connections of the portal's database pool, for /metrics (null on PGlite). */
export function databasePoolStats(): { total: number; idle: number; waiting: number } | null {
  const pool = globalPool[poolKey];
  return pool ? { total: pool.totalCount, idle: pool.idleCount, waiting: pool.waitingCount } : null;
}

export function createPrismaClient(target = databaseTarget()): PrismaClient {
  if (target.kind === 'postgres') {
    // Our own pool (closed with the client), so /metrics can read how busy it is.
    const pool = new pg.Pool({ connectionString: target.url, max: 10 });
    globalPool[poolKey] = pool;
    return watchConnection(new PrismaClient({ adapter: new PrismaPg(pool, { disposeExternalPool: true }) }));
  }
  // PGlite is opened on first query and closed when the client disconnects.
  let opened: ReturnType<typeof openAdapter> | undefined;
  const connect = async (shadow: boolean) => {
    const { factory, close } = await (opened ??= openAdapter(target));
    const adapter = shadow ? await factory.connectToShadowDb() : await factory.connect();
    const dispose = adapter.dispose.bind(adapter);
    adapter.dispose = async () => {
      await dispose();
      opened = undefined;
      await close();
    };
    return adapter;
  };
  const lazy: SqlMigrationAwareDriverAdapterFactory = {
    provider: 'postgres',
    adapterName: 'pglite',
    connect: () => connect(false),
    connectToShadowDb: () => connect(true),
  };
  return new PrismaClient({ adapter: lazy });
}

/**
 * Notices when PostgreSQL goes away (lib/db-state.ts, read by proxy.ts to answer 503) and probes once a
 * second until it answers again, so the portal recovers by itself.
 */
function watchConnection(client: PrismaClient): PrismaClient {
  const probe = () => {
    const timer = setInterval(() => {
      client.$queryRawUnsafe('SELECT 1').then(
        () => {
          markDatabaseUp();
          clearInterval(timer);
        },
        () => undefined,
      );
    }, 1000);
    timer.unref();
  };
  return client.$extends({
    query: {
      async $allOperations({ args, query }) {
        try {
          const result: unknown = await query(args);
          markDatabaseUp();
          return result;
        } catch (error) {
          const connection = isConnectionError(error);
          metrics().databaseErrors.inc({ kind: connection ? 'connection' : 'query' });
          if (connection && markDatabaseDown()) probe();
          throw error;
        }
      },
    },
  }) as unknown as PrismaClient;
}

const globalForDb = globalThis as unknown as { gatehouseDb?: PrismaClient };

/**
 * The portal's Prisma client, created on first use (so that building the app opens no database)
 * and kept on globalThis so development reloads and parallel bundles share one connection.
 */
export const db: PrismaClient = new Proxy({} as PrismaClient, {
  get(_target, prop) {
    const client = (globalForDb.gatehouseDb ??= createPrismaClient());
    const value: unknown = Reflect.get(client, prop, client);
    return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(client) : value;
  },
});
