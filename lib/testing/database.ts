/**
 * Fresh PostgreSQL databases for integration tests: each test file creates its own database on the
 * local server, migrates it, and drops it at the end. Refuses to touch a non-local server.
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { createPrismaClient } from '../db';
import type { PrismaClient } from '../generated/prisma/client';
import { migrateDeploy } from '../../prisma/migrate';
import { testDatabaseUrls } from './database-urls';

const serverUrl = testDatabaseUrls().TEST_DATABASE_URL;

export function assertLocal(url: string): void {
  const host = new URL(url).hostname;
  if (!['localhost', '127.0.0.1', '::1', '[::1]'].includes(host)) {
    throw new Error(`Tests refuse to run against ${host}: point TEST_DATABASE_URL at a local PostgreSQL.`);
  }
}

async function admin<T>(fn: (client: pg.Client) => Promise<T>): Promise<T> {
  assertLocal(serverUrl);
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

export type TestDatabase = { name: string; url: string; db: PrismaClient; drop: () => Promise<void> };

/** Creates an empty database; `migrate: true` (default) also applies the project's migrations. */
export async function createTestDatabase({ migrate = true } = {}): Promise<TestDatabase> {
  const name = `gatehouse_test_${randomBytes(6).toString('hex')}`;
  await admin((c) => c.query(`CREATE DATABASE "${name}"`));
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  const target = { kind: 'postgres' as const, url: url.toString() };
  if (migrate) await migrateDeploy(target);
  const db = createPrismaClient(target);
  return {
    name,
    url: target.url,
    db,
    drop: async () => {
      await db.$disconnect();
      await admin((c) => c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`));
    },
  };
}
