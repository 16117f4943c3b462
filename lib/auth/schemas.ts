import { z } from 'zod';

const LOCAL_PART = /^[a-z0-9!#$%&'*+/=?^_`{|}~-]+(\.[a-z0-9!#$%&'*+/=?^_`{|}~-]+)*$/;
const DOMAIN = /^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/;

/**
 * Normalises an email address (trimmed, lowercase) or returns null when it is not a plain address.
 * Refused: anything outside printable ASCII (full-width @, CR/LF, NUL, bidi overrides), quoted or
 * commented local parts, commas, spaces, angle brackets, more than one @, IP-literal domains.
 */
export function normalizeEmail(input: string): string | null {
  const value = input.trim().toLowerCase();
  if (value.length > 254 || !/^[\x21-\x7e]+$/.test(value)) return null;
  const at = value.indexOf('@');
  if (at < 1 || at !== value.lastIndexOf('@')) return null;
  const local = value.slice(0, at);
  const domain = value.slice(at + 1);
  if (local.length > 64 || !LOCAL_PART.test(local) || !DOMAIN.test(domain)) return null;
  return value;
}

export const emailAddressSchema = z
  .string({ error: 'Enter your work email address.' })
  .transform((value, ctx) => {
    const email = normalizeEmail(value);
    if (!email) {
      ctx.addIssue({ code: 'custom', message: value.trim() ? 'That does not look like an email address. Check it and try again.' : 'Enter your work email address.' });
      return z.NEVER;
    }
    return email;
  });

/** Sign-in by email link: the form and the action share it. */
export const emailSignInSchema = z.strictObject({
  email: emailAddressSchema,
  callbackUrl: z.string().max(2000).optional(),
});

/** Stands in for the portal's origin when the caller has none at hand: then only relative paths pass. */
const OWN_ORIGIN = 'http://gatehouse.invalid';

/**
 * A path on this portal to send someone to (after sign-in, for example), or "/" for anything else:
 * another origin, a scheme such as `javascript:`, a protocol-relative `//host`, and any control
 * character, whitespace or backslash anywhere (browsers drop tabs and newlines and read `\` as `/`, so
 * `/\t/evil.example` would land on evil.example). The value is parsed against `origin` (the portal's
 * own, e.g. Auth.js's baseUrl) and only its path, query and fragment are returned, percent-encoded,
 * so the answer is always safe in a Location header. Never throws.
 */
export function safeCallbackPath(value: unknown, origin: string = OWN_ORIGIN): string {
  if (typeof value !== 'string' || value.length > 2000 || /[\\\p{Cc}\p{Z}\s]/u.test(value)) return '/';
  let url: URL;
  let own: string;
  try {
    own = new URL(origin).origin;
    url = new URL(value, own);
  } catch {
    return '/';
  }
  const path = `${url.pathname}${url.search}${url.hash}`;
  if (url.origin !== own || !path.startsWith('/') || path.startsWith('//')) return '/';
  return path;
}
