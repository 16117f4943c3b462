'use server';

import { cookies, headers } from 'next/headers';
import { redirect } from 'next/navigation';
import { z } from 'zod';
import { fail, formInput, fromError, validationFailure, type ActionResult } from '@/lib/action-result';
import { mayReceiveSignInLink, signIn, signInMethods, signOut } from '@/lib/auth/config';
import { startDevSession } from '@/lib/auth/dev-sign-in';
import { limitEmailLinkRequest } from '@/lib/auth/link-rate-limit';
import { emailSignInSchema, safeCallbackPath } from '@/lib/auth/schemas';
import { clientAddress } from '@/lib/rate-limit';

/** Sends a one-time sign-in link (the answer is the same whether or not the address has an account). */
export async function requestEmailLink(_prev: ActionResult | null, formData: FormData): Promise<ActionResult> {
  if (!signInMethods().email) return fail('UNAVAILABLE');
  const parsed = emailSignInSchema.safeParse(formInput(formData));
  if (!parsed.success) return validationFailure(parsed.error);
  const limit = await limitEmailLinkRequest(parsed.data.email, clientAddress(await headers()));
  if (!limit.allowed) {
    const minutes = Math.ceil(limit.retryAfterSeconds / 60);
    return fail('RATE_LIMITED', `Too many sign-in links were asked for. Try again in ${minutes} minute${minutes === 1 ? '' : 's'}.`);
  }
  // Checked before Auth.js stores a verification token, so a refused address leaves nothing behind.
  if (!(await mayReceiveSignInLink(parsed.data.email))) redirect('/sign-in/check-email');
  // Redirects to the "check your email" page.
  await signIn('nodemailer', { email: parsed.data.email, redirectTo: safeCallbackPath(parsed.data.callbackUrl) });
  return { ok: true, data: undefined };
}

export async function signInWithOidc(formData: FormData): Promise<void> {
  if (!signInMethods().oidc) redirect('/sign-in');
  await signIn('oidc', { redirectTo: safeCallbackPath(formData.get('callbackUrl')?.toString()) });
}

const devSignInSchema = z.strictObject({ userId: z.string().min(1).max(64), callbackUrl: z.string().max(2000).optional() });

/** Development sign-in: exists only on the embedded default (startDevSession refuses otherwise). */
export async function devSignIn(_prev: ActionResult | null, formData: FormData): Promise<ActionResult> {
  const parsed = devSignInSchema.safeParse(formInput(formData));
  if (!parsed.success) return validationFailure(parsed.error);
  let session: Awaited<ReturnType<typeof startDevSession>>;
  try {
    session = await startDevSession(parsed.data.userId);
  } catch (error) {
    return fromError(error);
  }
  const secure = (await headers()).get('x-forwarded-proto') === 'https';
  (await cookies()).set(secure ? '__Secure-authjs.session-token' : 'authjs.session-token', session.sessionToken, {
    httpOnly: true,
    sameSite: 'lax',
    path: '/',
    secure,
    expires: session.expires,
  });
  redirect(safeCallbackPath(parsed.data.callbackUrl));
}

export async function signOutAction(): Promise<void> {
  await signOut({ redirectTo: '/sign-in?signedOut=1' });
}
