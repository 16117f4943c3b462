/**
 * Benchmark 1, token minting, in one process: Gatehouse's `mintJoinToken` (jose), `jsonwebtoken`
 * signing the same claims the way most tutorials do (a string secret), and a bare HMAC-SHA256 over the
 * same bytes (the floor). The minters take turns in short rounds, so a noisy neighbour hits all of them
 * alike; each figure is the median of its rounds. Prints one JSON object.
 *
 * Run alone: node --conditions=react-server --import tsx scripts/bench/mint.ts [--rounds 5] [--ms 1000]
 */
import { createHmac, createSecretKey, randomUUID } from 'node:crypto';
import { parseArgs } from 'node:util';
import jwt from 'jsonwebtoken';
import { decodeJwt, jwtVerify } from 'jose';
import { parseEnv } from '../../lib/env';
import { resolveJitsiSettings } from '../../lib/jitsi/config';
import { mintJoinToken, type MintInput } from '../../lib/jitsi/token';
import { JITSI_SECRET } from './config';

const { values } = parseArgs({ options: { rounds: { type: 'string', default: '5' }, ms: { type: 'string', default: '1000' } } });
const ROUNDS = Number(values.rounds);
const ROUND_MS = Number(values.ms);

const settings = resolveJitsiSettings(
  parseEnv({ NODE_ENV: 'production', AUTH_SECRET: 'bench-auth-secret-not-for-production-0123456789', JITSI_DOMAIN: 'meet.example.com', JITSI_APP_SECRET: JITSI_SECRET }),
);
const input: MintInput = {
  identity: { id: 'cmbenchuser000000000000001', name: 'Ada Lovelace', email: 'ada.lovelace@example.com', avatar: null },
  room: { jitsiName: 'k3x9m2p7q4w8r1t6y5u0z', moderatorRecording: true, moderatorLivestreaming: false, moderatorTranscription: false },
  role: 'moderator',
};

// The same claims Gatehouse signs, re-dated and with a fresh jti on every call (as Gatehouse does).
const sample = await mintJoinToken(input, settings);
const template = decodeJwt(sample.token);
const ttl = settings.ttlSeconds;
const skew = settings.skewSeconds;
function claims() {
  const now = Math.floor(Date.now() / 1000);
  return { ...template, iat: now, nbf: now - skew, exp: now + ttl, jti: randomUUID() };
}

// The floor: one HMAC-SHA256 over a token's signing input (header.payload), with a ready key.
const signingInput = Buffer.from(sample.token.slice(0, sample.token.lastIndexOf('.')));
const hmacKey = createSecretKey(Buffer.from(JITSI_SECRET, 'utf8'));
const keyObject = createSecretKey(Buffer.from(JITSI_SECRET, 'utf8'));

type Minter = { name: string; label: string; run: () => unknown };
const minters: Minter[] = [
  { name: 'gatehouse', label: 'Gatehouse mintJoinToken (jose)', run: () => mintJoinToken(input, settings) },
  { name: 'jsonwebtoken', label: 'jsonwebtoken.sign, string secret (tutorial style)', run: () => jwt.sign(claims(), JITSI_SECRET, { algorithm: 'HS256' }) },
  { name: 'hmac', label: 'bare HMAC-SHA256 over the same bytes (floor)', run: () => createHmac('sha256', hmacKey).update(signingInput).digest('base64url') },
  // For the notes: the same library with a key object, which skips its per-call key parsing.
  { name: 'jsonwebtokenKeyObject', label: 'jsonwebtoken.sign, KeyObject secret', run: () => jwt.sign(claims(), keyObject, { algorithm: 'HS256' }) },
];

// Every minter's output is a valid token for the same secret (a benchmark of wrong tokens proves nothing).
const secretBytes = new TextEncoder().encode(JITSI_SECRET);
for (const m of minters.filter((m) => m.name !== 'hmac')) {
  const out = await m.run();
  const token = typeof out === 'string' ? out : (out as { token: string }).token;
  await jwtVerify(token, secretBytes, { audience: 'jitsi', issuer: 'gatehouse' });
}

/** Calls `fn` one after the other (awaiting each, as one request would) for `ms`; returns calls per second. */
async function measure(fn: () => unknown, ms: number): Promise<number> {
  let calls = 0;
  const start = performance.now();
  const end = start + ms;
  while (performance.now() < end) {
    for (let i = 0; i < 50; i++) {
      const result = fn();
      if (result instanceof Promise) await result;
    }
    calls += 50;
  }
  return calls / ((performance.now() - start) / 1000);
}

// Warm-up (JIT, key caches), then the rounds.
for (const m of minters) await measure(m.run, 300);
const samples: Record<string, number[]> = Object.fromEntries(minters.map((m) => [m.name, []]));
for (let round = 0; round < ROUNDS; round++) {
  for (const m of minters) samples[m.name]!.push(await measure(m.run, ROUND_MS));
}

const median = (values: number[]) => {
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
};

console.log(
  JSON.stringify({
    rounds: ROUNDS,
    roundMs: ROUND_MS,
    tokenBytes: sample.token.length,
    signingInputBytes: signingInput.length,
    results: minters.map((m) => ({ name: m.name, label: m.label, perSecond: median(samples[m.name]!), samples: samples[m.name]! })),
  }),
);
