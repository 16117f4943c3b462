import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { TokenInspection } from '../lib/jitsi/inspect';
import { parseEnv } from '../lib/env';
import { resolveJitsiSettings } from '../lib/jitsi/config';
import { mintJoinToken, type MintInput } from '../lib/jitsi/token';

const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'gatehouse-inspect-cli-'));
const env: Record<string, string> = {
  NODE_ENV: 'test',
  DATA_DIR: dataDir,
  JITSI_DOMAIN: 'meet.example.com',
  JITSI_APP_SECRET: 'cli-test-shared-secret-not-for-production-0123456789',
  JITSI_APP_ID: 'gatehouse',
  JITSI_AUDIENCE: 'jitsi',
  JITSI_CLOCK_SKEW_SECONDS: '30',
  JITSI_TOKEN_TTL_SECONDS: '600',
  // Explicitly empty, so nothing from the developer's shell or .env files changes the configuration.
  JITSI_TENANT: '',
  JITSI_PRIVATE_KEY_FILE: '',
  JITSI_KEY_ID: '',
  JITSI_PREVIOUS_PUBLIC_KEYS: '',
};
const settings = resolveJitsiSettings(parseEnv(env));
const room: MintInput['room'] = { jitsiName: 'Team Standup', moderatorRecording: false, moderatorLivestreaming: false, moderatorTranscription: false };
const mint = (now?: Date) => mintJoinToken({ identity: { id: 'u-1', name: 'Ada', email: 'ada@example.com' }, room, role: 'moderator', now }, settings);

function run(args: string[], input?: string) {
  const result = spawnSync(process.execPath, ['--conditions=react-server', '--import', 'tsx', 'scripts/jitsi-inspect.ts', ...args], {
    cwd: REPO_ROOT,
    env: { ...process.env, ...env },
    input,
    encoding: 'utf8',
    timeout: 60_000,
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

after(() => fs.rmSync(dataDir, { recursive: true, force: true }));

test('an accepted token: exit 0, --json is the inspection as plain data', async () => {
  const { token } = await mint();
  const { code, stdout, stderr } = run([`https://meet.example.com/Team%20Standup#jwt=${token}`, '--json']);
  assert.equal(code, 0, stderr);
  const result = JSON.parse(stdout) as TokenInspection;
  assert.equal(result.accepted, true);
  assert.equal(result.reason, null);
  assert.equal(result.verdict, 'Accepted as moderator');
  assert.equal(result.role, 'moderator');
  assert.deepEqual(result.request.room, 'Team%20Standup');
  assert.equal(result.request.roomSource, 'link');
  assert.equal(result.server.domain, 'meet.example.com');
  assert.ok(Array.isArray(result.checks) && result.checks.length > 0);
  for (const check of result.checks) assert.deepEqual(Object.keys(check).sort(), ['detail', 'id', 'label', 'ok']);
  assert.equal(typeof result.expiry?.at, 'string');
  assert.match(result.expiry?.relative ?? '', /^expires in /);
  assert.equal(fs.readdirSync(dataDir).length, 0, 'nothing written under DATA_DIR');
});

test('a refused token: exit 1 with the reason last; text and --json', async () => {
  const { token } = await mint(new Date(Date.now() - 3600_000));
  const text = run([token, '--room', 'Team Standup']);
  assert.equal(text.code, 1, text.stderr);
  assert.match(text.stdout, /✗ Not expired — /);
  assert.match(text.stdout.trimEnd().split('\n').at(-1) ?? '', /^Verdict: REFUSED — Not acceptable by exp \(/);
  const json = run([token, '--room', 'Team Standup', '--json']);
  assert.equal(json.code, 1, json.stderr);
  const result = JSON.parse(json.stdout) as TokenInspection;
  assert.equal(result.accepted, false);
  assert.match(result.reason ?? '', /^Not acceptable by exp/);
  assert.equal(result.checks.at(-1)?.id, 'exp');
  assert.equal(result.expiry?.past, true);
});

test('the token can come from stdin with -', async () => {
  const { token } = await mint();
  const { code, stdout, stderr } = run(['-', '--room', 'team%20standup'], `\n  Bearer ${token}\n`);
  assert.equal(code, 0, stderr);
  assert.match(stdout, /Verdict: ACCEPTED as moderator\s*$/);
});

test('usage errors exit 2', () => {
  assert.equal(run([]).code, 2);
  assert.equal(run(['one', 'two']).code, 2);
  assert.equal(run(['x', '--bogus']).code, 2);
  assert.equal(run(['-'], '   \n').code, 2);
  assert.equal(run(['garbage']).code, 1, 'garbage is a refusal, not a usage error');
});
