import type { Env } from '@/lib/env';

/** Why someone may not come in; each has its own wording on the "not allowed" page. */
type EntryRefusal = 'disabled' | 'domain' | 'invite-only' | 'unverified';

export type EntryDecision = { allowed: true; makeAdmin: boolean } | { allowed: false; reason: EntryRefusal };

type Policy = Pick<Env, 'ALLOWED_EMAIL_DOMAINS' | 'REGISTRATION_MODE' | 'ADMIN_EMAILS'>;

/**
 * Decides whether a person may sign in. Existing accounts may, unless disabled. New people need an
 * address listed in ADMIN_EMAILS, or open registration and an allowed domain.
 */
export function decideEntry(
  policy: Policy,
  email: string,
  existing: { disabledAt: Date | null; lastSignInAt: Date | null } | null,
): EntryDecision {
  const listedAdmin = policy.ADMIN_EMAILS.includes(email);
  if (existing) {
    if (existing.disabledAt) return { allowed: false, reason: 'disabled' };
    return { allowed: true, makeAdmin: listedAdmin && !existing.lastSignInAt };
  }
  if (listedAdmin) return { allowed: true, makeAdmin: true };
  if (policy.REGISTRATION_MODE === 'invite-only') return { allowed: false, reason: 'invite-only' };
  const domain = email.slice(email.lastIndexOf('@') + 1);
  if (!policy.ALLOWED_EMAIL_DOMAINS.includes(domain)) return { allowed: false, reason: 'domain' };
  return { allowed: true, makeAdmin: false };
}
