import { createHash, createHmac, hkdfSync, randomBytes } from 'node:crypto';

/**
 * A personal link's token is derived from a random seed kept with the invite, with a key only the
 * portal holds (derived from its AUTH_SECRET). The database stores the seed and the token's hash:
 * a copy of the database alone gives no working link, while the portal can put the same link into
 * every mail about the invite (invitation, update, reminder) instead of replacing it each time.
 */
export type InviteLink = { token: string; linkSeed: string; tokenHash: string };

function linkKey(secret: string): Buffer {
  return Buffer.from(hkdfSync('sha256', secret, '', 'gatehouse invite links', 32));
}

/** The token for a seed: 256 bits, URL-safe (43 characters). */
export function inviteTokenFromSeed(linkSeed: string, secret: string): string {
  return createHmac('sha256', linkKey(secret)).update(linkSeed).digest('base64url');
}

/** A new link: a fresh seed, its token (for the link) and the token's hash (for the lookup). */
export function newInviteLink(secret: string): InviteLink {
  const linkSeed = randomBytes(16).toString('base64url');
  const token = inviteTokenFromSeed(linkSeed, secret);
  return { token, linkSeed, tokenHash: hashInviteToken(token) };
}

export function hashInviteToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/** Cheap shape check before touching the database (43 base64url characters). */
export function looksLikeInviteToken(token: string): boolean {
  return /^[A-Za-z0-9_-]{43}$/.test(token);
}
