import 'server-only';
import { db } from '@/lib/db';
import { getEnv } from '@/lib/env';

export type RateLimitResult = { allowed: true } | { allowed: false; retryAfterSeconds: number };

/** The longest window any limit may use; a row whose window started longer ago than this has expired. */
export const MAX_WINDOW_SECONDS = 24 * 3600;
/** Expired rows are deleted at most this often per process, and at most PURGE_BATCH at a time. */
const PURGE_EVERY_MS = 60_000;
const PURGE_BATCH = 1000;
let lastPurge = 0;

/**
 * Counts one attempt against `key` in a fixed window and says whether it is within `limit`.
 * One atomic upsert in the database, so every portal process shares the same counters. Now and then
 * (once a minute per process) it also deletes a bounded batch of expired rows.
 */
export async function consumeRateLimit(key: string, limit: number, windowSeconds: number, now = new Date()): Promise<RateLimitResult> {
  if (windowSeconds > MAX_WINDOW_SECONDS) throw new RangeError(`A rate-limit window is at most ${MAX_WINDOW_SECONDS} seconds`);
  const windowStartBefore = new Date(now.getTime() - windowSeconds * 1000);
  const rows = await db.$queryRaw<{ count: number; windowStart: Date }[]>`
    INSERT INTO "RateLimit" ("key", "windowStart", "count") VALUES (${key}, ${now}, 1)
    ON CONFLICT ("key") DO UPDATE SET
      "count" = CASE WHEN "RateLimit"."windowStart" <= ${windowStartBefore} THEN 1 ELSE "RateLimit"."count" + 1 END,
      "windowStart" = CASE WHEN "RateLimit"."windowStart" <= ${windowStartBefore} THEN ${now} ELSE "RateLimit"."windowStart" END
    RETURNING "count", "windowStart"`;
  if (Date.now() - lastPurge >= PURGE_EVERY_MS) {
    lastPurge = Date.now();
    await purgeExpiredRateLimits(now).catch((error: unknown) => console.error('[rate-limit] purging expired rows failed:', error));
  }
  const row = rows[0];
  if (!row || row.count <= limit) return { allowed: true };
  const resetsAt = row.windowStart.getTime() + windowSeconds * 1000;
  return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil((resetsAt - now.getTime()) / 1000)) };
}

/** Deletes up to `batch` rows whose window ended (older than the longest window); returns how many. */
export async function purgeExpiredRateLimits(now = new Date(), batch = PURGE_BATCH): Promise<number> {
  const cutoff = new Date(now.getTime() - MAX_WINDOW_SECONDS * 1000);
  return db.$executeRaw`
    DELETE FROM "RateLimit" WHERE "key" IN (
      SELECT "key" FROM "RateLimit" WHERE "windowStart" < ${cutoff} ORDER BY "windowStart" LIMIT ${batch}
    )`;
}

/**
 * The client's address, for the per-client rate limits. The server appends each connection's peer
 * address to X-Forwarded-For (`lib/security/peer-address.ts`), so the last entry is the real peer.
 * With `trustedHops` proxies in front (TRUSTED_PROXY_HOPS), each appended the address it was reached
 * from, so the client is the entry that many places before the last. Entries further left were
 * written by the client itself and are never believed.
 */
export function clientAddress(headers: Headers, trustedHops = getEnv().TRUSTED_PROXY_HOPS): string {
  const chain = (headers.get('x-forwarded-for') ?? '').split(',').map((s) => s.trim()).filter(Boolean);
  const address = chain[Math.max(0, chain.length - 1 - trustedHops)];
  if (!address) return 'unknown';
  // The same client over IPv4 and IPv4-in-IPv6 is one client.
  return address.replace(/^::ffff:(\d+\.\d+\.\d+\.\d+)$/i, '$1');
}
