import { test } from 'node:test';
import assert from 'node:assert/strict';
import { EnvError, parseEnv } from './env';

test('an empty environment is the embedded default', () => {
  const env = parseEnv({});
  assert.equal(env.DATABASE_URL, undefined);
  assert.equal(env.DATA_DIR, '.data');
});

test('a bad value names the variable and what is expected', () => {
  assert.throws(() => parseEnv({ DATABASE_URL: 'mysql://root@localhost/db' }), (error: Error) => {
    assert.ok(error instanceof EnvError);
    assert.match(error.message, /DATABASE_URL: must be a postgresql:\/\/ connection URL/);
    assert.match(error.message, /\.env\.example/);
    return true;
  });
});

test('blank values count as unset', () => {
  assert.equal(parseEnv({ DATABASE_URL: '  ' }).DATABASE_URL, undefined);
});
