import { createHash, timingSafeEqual } from 'node:crypto';

/**
 * Whether an Authorization header is exactly "Bearer <secret>", compared in constant time (both sides
 * hashed first, so their lengths are equal and the secret's length does not leak either).
 */
export function bearerMatches(header: string | null, secret: string): boolean {
  const digest = (value: string) => createHash('sha256').update(value, 'utf8').digest();
  return timingSafeEqual(digest(header ?? ''), digest(`Bearer ${secret}`));
}
