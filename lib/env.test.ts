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

test('the development sign-in exists only on the embedded default outside production', async () => {
  const { isEmbeddedDevelopment } = await import('./env');
  assert.equal(isEmbeddedDevelopment(parseEnv({})), true);
  assert.equal(isEmbeddedDevelopment(parseEnv({ NODE_ENV: 'production', AUTH_SECRET: 'x'.repeat(32), JITSI_DOMAIN: 'meet.example.com', JITSI_APP_SECRET: 'y'.repeat(32) })), false);
  assert.equal(isEmbeddedDevelopment(parseEnv({ DATABASE_URL: 'postgresql://localhost/db' })), false);
});

test('production needs AUTH_SECRET; half an OpenID Connect setup names the missing parts', () => {
  assert.throws(() => parseEnv({ NODE_ENV: 'production' }), /AUTH_SECRET: is required in production/);
  assert.throws(() => parseEnv({ OIDC_ISSUER: 'https://login.example.com' }), /OIDC_CLIENT_ID: is required when OpenID Connect is configured[\s\S]*OIDC_CLIENT_SECRET/);
  assert.throws(() => parseEnv({ SMTP_URL: 'smtp://mail.example.com' }), /MAIL_FROM: is required with SMTP_URL/);
  assert.throws(() => parseEnv({ EMAIL_LINK_MAX_AGE_MINUTES: '60' }), /EMAIL_LINK_MAX_AGE_MINUTES: must be 15 minutes or less/);
});

test('Jitsi settings: a short secret is refused, production needs a Jitsi server', () => {
  assert.throws(() => parseEnv({ JITSI_DOMAIN: 'meet.example.com', JITSI_APP_SECRET: 'too-short' }), /JITSI_APP_SECRET: must be at least 32 bytes/);
  assert.throws(() => parseEnv({ JITSI_DOMAIN: 'https://meet.example.com' }), /JITSI_DOMAIN: must be a host name/);
  assert.throws(() => parseEnv({ JITSI_TOKEN_TTL_SECONDS: '86400' }), /JITSI_TOKEN_TTL_SECONDS: must be at most 3600 seconds/);
  assert.throws(() => parseEnv({ NODE_ENV: 'production', AUTH_SECRET: 'x'.repeat(32) }), /JITSI_DOMAIN: is required in production/);
});

test('the Jitsi secret must not be the session secret: one secret per purpose', () => {
  const secret = 'a-secret-that-is-long-enough-for-both-0123456789';
  assert.throws(() => parseEnv({ AUTH_SECRET: secret, JITSI_DOMAIN: 'meet.example.com', JITSI_APP_SECRET: secret }), (error: Error) => {
    assert.ok(error instanceof EnvError);
    assert.match(error.message, /JITSI_APP_SECRET.*must differ from AUTH_SECRET/);
    return true;
  });
  assert.doesNotThrow(() => parseEnv({ AUTH_SECRET: secret, JITSI_DOMAIN: 'meet.example.com', JITSI_APP_SECRET: `${secret}-jitsi` }));
});

test('TRUSTED_PROXY_HOPS: none by default, a small whole number, named when wrong', () => {
  assert.equal(parseEnv({}).TRUSTED_PROXY_HOPS, 0);
  assert.equal(parseEnv({ TRUSTED_PROXY_HOPS: '1' }).TRUSTED_PROXY_HOPS, 1);
  for (const bad of ['yes', '-1', '1.5', '11']) {
    assert.throws(() => parseEnv({ TRUSTED_PROXY_HOPS: bad }), (error: Error) => {
      assert.ok(error instanceof EnvError);
      assert.match(error.message, /TRUSTED_PROXY_HOPS: must be/);
      return true;
    }, bad);
  }
});

test('WORKERS: 8 mail senders by default, 0 for web processes beside a worker, a clear message otherwise', () => {
  assert.equal(parseEnv({}).WORKERS, 8);
  assert.equal(parseEnv({ WORKERS: '' }).WORKERS, 8);
  assert.equal(parseEnv({ WORKERS: '0' }).WORKERS, 0);
  assert.equal(parseEnv({ WORKERS: '3' }).WORKERS, 3);
  for (const bad of ['33', '-1', '2.5', 'many']) {
    assert.throws(() => parseEnv({ WORKERS: bad }), /WORKERS: must be a whole number from 0 to 32/);
  }
});
