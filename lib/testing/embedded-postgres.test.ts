import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { startEmbeddedPostgres } from './embedded-postgres';
import { postgresAnswers } from './postgres-answers';

// CI has a PostgreSQL of its own, so this is where the embedded one used on other machines is exercised.
test('the embedded PostgreSQL starts, serves trust-authenticated postgres, and leaves nothing behind', async () => {
  const server = await startEmbeddedPostgres();
  const dataDir = await (async () => {
    const client = new pg.Client({ connectionString: server.url('postgres') });
    await client.connect();
    try {
      await client.query('CREATE DATABASE gatehouse_embedded_check');
      const { rows } = await client.query<{ dir: string }>("SELECT current_setting('data_directory') AS dir");
      return rows[0]!.dir;
    } finally {
      await client.end();
    }
  })();
  assert.ok(existsSync(dataDir));

  await server.stop();
  assert.equal(await postgresAnswers(server.url('postgres'), 1000), false);
  assert.equal(existsSync(path.dirname(dataDir)), false, 'the temporary folder is removed');
  await server.stop(); // a second stop is harmless
});
