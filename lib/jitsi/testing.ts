/**
 * Crafted tokens for the verifier's and the inspector's tests (test code only: the secret is public).
 */
import { SignJWT, type JWTPayload } from 'jose';
import type { JitsiServerConfig } from './verify';

export const TEST_SECRET = 'a-long-shared-secret-for-tests-only-0123456789';
export const TEST_NOW = new Date('2026-03-01T12:00:00Z');
export const TEST_NOW_S = Math.floor(TEST_NOW.getTime() / 1000);

/** An HS256 Jitsi at meet.example.com with Gatehouse's audience; domain verification on (the plugin default). */
export const testHsServer: JitsiServerConfig = {
  domain: 'meet.example.com',
  appId: 'gatehouse',
  acceptedAudiences: ['jitsi'],
  algorithm: 'HS256',
  appSecret: TEST_SECRET,
};

/** A good host token's claims for room "Team Standup" on meet.example.com, valid at TEST_NOW. */
export function testClaims(overrides: Record<string, unknown> = {}): JWTPayload {
  return {
    iss: 'gatehouse',
    aud: 'jitsi',
    sub: 'meet.example.com',
    room: 'team%20standup',
    nbf: TEST_NOW_S - 30,
    iat: TEST_NOW_S - 30,
    exp: TEST_NOW_S + 600,
    context: { user: { id: 'u-1', name: 'Ada Lovelace', email: 'ada@example.com', moderator: true, affiliation: 'owner' } },
    ...overrides,
  };
}

export function withoutKeys(payload: JWTPayload, ...keys: string[]): JWTPayload {
  const copy: JWTPayload = { ...payload };
  for (const key of keys) delete copy[key];
  return copy;
}

export async function signHs256(payload: JWTPayload, header: Record<string, unknown> = { alg: 'HS256', typ: 'JWT' }, secret = TEST_SECRET) {
  return new SignJWT(payload).setProtectedHeader(header as { alg: string }).sign(new TextEncoder().encode(secret));
}

/** A token built by hand: base64url(header).base64url(payload).signature */
export function handmadeToken(header: Record<string, unknown>, payload: Record<string, unknown>, sign?: (input: string) => string) {
  const input = `${Buffer.from(JSON.stringify(header)).toString('base64url')}.${Buffer.from(JSON.stringify(payload)).toString('base64url')}`;
  return `${input}.${sign ? sign(input) : ''}`;
}
