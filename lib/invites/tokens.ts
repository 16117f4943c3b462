import { createHash, randomBytes } from 'node:crypto';

/** A new invite token: 256 random bits, URL-safe. It exists only in the link; the database keeps its hash. */
export function generateInviteToken(): string {
  return randomBytes(32).toString('base64url');
}

export function hashInviteToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/** Cheap shape check before touching the database (43 base64url characters). */
export function looksLikeInviteToken(token: string): boolean {
  return /^[A-Za-z0-9_-]{43}$/.test(token);
}
