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

/** A same-origin path to return to after sign-in; anything else becomes "/". */
export function safeCallbackPath(value: string | null | undefined): string {
  if (!value || !value.startsWith('/') || value.startsWith('//') || value.startsWith('/\\')) return '/';
  return value;
}
