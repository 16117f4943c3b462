import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createPrismaClient } from '../lib/db';
import { createTestDatabase, type TestDatabase } from '../lib/testing/database';
import pg from 'pg';
import { createMigration, defaultPaths, MIGRATION_LOCK_KEY, migrateDeploy, migrationStatus, MigrationError, resetDatabase, type MigrationPaths } from './migrate';

/** A scratch copy of prisma/ so tests can edit the schema and migrations freely. */
function copyPrismaFolder(): MigrationPaths {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gatehouse-migrations-'));
  fs.cpSync(defaultPaths.migrations, path.join(dir, 'migrations'), { recursive: true });
  fs.copyFileSync(defaultPaths.schema, path.join(dir, 'schema.prisma'));
  return { schema: path.join(dir, 'schema.prisma'), migrations: path.join(dir, 'migrations') };
}

const shipped = fs.readdirSync(defaultPaths.migrations).filter((n) => fs.statSync(path.join(defaultPaths.migrations, n)).isDirectory()).sort();

describe('migrations on PostgreSQL', () => {
  let database: TestDatabase;
  before(async () => {
    database = await createTestDatabase({ migrate: false });
  });
  after(() => database.drop());

  test('apply every migration once, record it like Prisma, and apply nothing the second time', async () => {
    const target = { kind: 'postgres' as const, url: database.url };
    assert.deepEqual(await migrateDeploy(target), shipped);
    assert.deepEqual(await migrateDeploy(target), []);
    const rows = await database.db.$queryRaw<{ migration_name: string; checksum: string; finished_at: Date | null }[]>`
      SELECT migration_name, checksum, finished_at FROM _prisma_migrations ORDER BY migration_name`;
    assert.deepEqual(rows.map((r) => r.migration_name), shipped);
    for (const row of rows) {
      const sql = fs.readFileSync(path.join(defaultPaths.migrations, row.migration_name, 'migration.sql'));
      assert.equal(row.checksum, createHash('sha256').update(sql).digest('hex'));
      assert.ok(row.finished_at);
    }
    const user = await database.db.user.create({ data: { email: 'migrated@example.com' } });
    assert.equal(user.role, 'MEMBER');
  });

  test('a migration edited after it was applied is reported by name and nothing is re-run', async () => {
    const target = { kind: 'postgres' as const, url: database.url };
    const paths = copyPrismaFolder();
    const first = shipped[0]!;
    fs.appendFileSync(path.join(paths.migrations, first, 'migration.sql'), '\nDROP TABLE "User" CASCADE;\n');
    await assert.rejects(migrateDeploy(target, paths), (error: Error) => {
      assert.ok(error instanceof MigrationError);
      assert.match(error.message, new RegExp(`Migration "${first}" was changed after it was applied`));
      assert.match(error.message, /git checkout/);
      return true;
    });
    assert.equal(await database.db.user.count(), 1, 'the edited SQL must not run');
    assert.deepEqual((await migrationStatus(target, paths)).edited, [first]);
  });

  test('a migration the folder lacks stops start-up with its name', async () => {
    const target = { kind: 'postgres' as const, url: database.url };
    await database.db.$executeRaw`INSERT INTO _prisma_migrations (id, checksum, migration_name, started_at, finished_at, applied_steps_count)
      VALUES ('ghost', 'x', '29990101000000_from_the_future', now(), now(), 1)`;
    try {
      await assert.rejects(migrateDeploy(target), /The database has migration "29990101000000_from_the_future", which prisma\/migrations does not have/);
      assert.deepEqual((await migrationStatus(target)).unknown, ['29990101000000_from_the_future']);
    } finally {
      await database.db.$executeRaw`DELETE FROM _prisma_migrations WHERE id = 'ghost'`;
    }
  });

  test('reset erases the data and re-applies; a non-local database is refused unless forced', async () => {
    const target = { kind: 'postgres' as const, url: database.url };
    assert.deepEqual(await resetDatabase(target), shipped);
    assert.equal(await database.db.user.count(), 0);
    await assert.rejects(
      resetDatabase({ kind: 'postgres', url: 'postgresql://app@db.internal.example:5432/gatehouse' }),
      /Refusing to reset PostgreSQL at db\.internal\.example:5432\/gatehouse: it is not a local database/,
    );
  });
});

describe('two migration runs at once (two replicas, a job started twice)', () => {
  let database: TestDatabase;
  before(async () => {
    database = await createTestDatabase({ migrate: false });
  });
  after(() => database.drop());

  test('take turns on the advisory lock: each migration is applied once and neither run fails', async () => {
    const target = { kind: 'postgres' as const, url: database.url };
    const runs = await Promise.all([migrateDeploy(target), migrateDeploy(target)]);
    assert.deepEqual(runs.map((applied) => applied.length).sort(), [0, shipped.length]);
    assert.deepEqual(runs.find((applied) => applied.length), shipped);
    const rows = await database.db.$queryRaw<{ migration_name: string }[]>`SELECT migration_name FROM _prisma_migrations ORDER BY migration_name`;
    assert.deepEqual(rows.map((r) => r.migration_name), shipped);
  });

  test('a run waits while another holds the lock, then finds nothing left to do', async () => {
    const target = { kind: 'postgres' as const, url: database.url };
    const holder = new pg.Client({ connectionString: database.url });
    await holder.connect();
    try {
      await holder.query('SELECT pg_advisory_lock($1::bigint)', [MIGRATION_LOCK_KEY]);
      let settled = false;
      const run = migrateDeploy(target).finally(() => (settled = true));
      // Longer than the 10 s after which the schema engine's own lock gives up.
      await new Promise((resolve) => setTimeout(resolve, 11_000));
      assert.equal(settled, false, 'the second run must wait for the lock');
      await holder.query('SELECT pg_advisory_unlock($1::bigint)', [MIGRATION_LOCK_KEY]);
      assert.deepEqual(await run, []);
    } finally {
      await holder.end();
    }
  });
});

describe('creating migrations', () => {
  test('a schema change becomes a new migration folder; no change creates nothing', async () => {
    const paths = copyPrismaFolder();
    assert.equal(await createMigration('nothing_changed', paths), null);

    fs.appendFileSync(paths.schema, '\nmodel RoomTopic {\n  id    String @id @default(cuid())\n  label String @unique\n}\n');
    const created = await createMigration('add_room_topic', paths, new Date('2099-01-02T03:04:05Z'));
    assert.ok(created);
    assert.equal(created.name, '20990102030405_add_room_topic');
    assert.match(created.sql, /CREATE TABLE "RoomTopic"/);
    assert.doesNotMatch(created.sql, /CREATE TABLE "User"/, 'only the change, not the whole schema');
    const folder = path.join(paths.migrations, created.name);
    assert.equal(fs.readFileSync(path.join(folder, 'migration.sql'), 'utf8'), created.sql);
    assert.equal(fs.readFileSync(path.join(folder, 'schema.snapshot.prisma'), 'utf8'), fs.readFileSync(paths.schema, 'utf8'));
    assert.equal(await createMigration('again', paths), null);

    // The new migration applies on top of the shipped ones.
    const database = await createTestDatabase({ migrate: false });
    try {
      const applied = await migrateDeploy({ kind: 'postgres', url: database.url }, paths);
      assert.deepEqual(applied, [...shipped, created.name]);
    } finally {
      await database.drop();
    }
  });

  test('names are checked', async () => {
    await assert.rejects(createMigration('Add Room!', copyPrismaFolder()), /not a usable migration name/);
  });
});

describe('migrations on the embedded PGlite database', () => {
  test('same migrations apply, the client reads and writes, data survives a restart', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gatehouse-pglite-'));
    const target = { kind: 'pglite' as const, dir };
    try {
      assert.deepEqual(await migrateDeploy(target), shipped);
      assert.deepEqual(await migrateDeploy(target), []);
      const first = createPrismaClient(target);
      await first.user.create({ data: { email: 'embedded@example.com', role: 'ADMIN' } });
      await first.$disconnect();
      const second = createPrismaClient(target);
      const user = await second.user.findUniqueOrThrow({ where: { email: 'embedded@example.com' } });
      assert.equal(user.role, 'ADMIN');
      await second.$disconnect();
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
