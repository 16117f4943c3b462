import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:net';
import { testDatabaseUrls } from './database-urls';
import { postgresAnswers } from './postgres-answers';

const serverUrl = testDatabaseUrls().TEST_DATABASE_URL;

test('the test server answers', async () => {
  assert.equal(await postgresAnswers(serverUrl), true);
});

test('a server that answers with an error still counts as there', async () => {
  const url = new URL(serverUrl);
  url.pathname = '/gatehouse_no_such_database';
  assert.equal(await postgresAnswers(url.toString()), true);
});

test('a closed port does not answer', async () => {
  // Take a free port, then close it again: nothing listens there.
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as { port: number };
  await new Promise((resolve) => probe.close(resolve));
  assert.equal(await postgresAnswers(`postgresql://postgres@127.0.0.1:${port}/postgres`), false);
});

test('a port that accepts but never speaks PostgreSQL does not answer', async () => {
  const silent = createServer(() => {});
  await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
  const { port } = silent.address() as { port: number };
  try {
    assert.equal(await postgresAnswers(`postgresql://postgres@127.0.0.1:${port}/postgres`, 300), false);
  } finally {
    silent.close();
    silent.unref();
  }
});
