'use server';

import { cookies, headers } from 'next/headers';
import { redirect } from 'next/navigation';
import { z } from 'zod';
import { mayReceiveSignInLink, signIn, signInMethods, signOut } from '@/lib/auth/config';
import { startDevSession } from '@/lib/auth/dev-sign-in';
import { limitEmailLinkRequest } from '@/lib/auth/link-rate-limit';
import { emailSignInSchema, safeCallbackPath } from '@/lib/auth/schemas';
import { clientAddress } from '@/lib/rate-limit';
import { AppError } from '@/lib/errors';
import { serverAction } from '@/lib/safe-action';
import { idSchema } from '@/lib/schemas';
import { countOf } from '@/lib/text';

/** Signing in is for people who are not signed in yet: anyone may ask. */
const anyone = async () => null;

/** Sends a one-time sign-in link (the answer is the same whether or not the address has an account). */
export const requestEmailLink = serverAction({
  caller: anyone,
  input: emailSignInSchema,
  run: async (_nobody, { email, callbackUrl }) => {
    if (!signInMethods().email) throw new AppError('UNAVAILABLE');
    const limit = await limitEmailLinkRequest(email, clientAddress(await headers()));
    if (!limit.allowed) throw new AppError('RATE_LIMITED', `Too many sign-in links were asked for. Try again in ${countOf(Math.ceil(limit.retryAfterSeconds / 60), 'minute')}.`);
    // Checked before Auth.js stores a verification token, so a refused address leaves nothing behind.
    if (!(await mayReceiveSignInLink(email))) redirect('/sign-in/check-email');
    // Redirects to the "check your email" page.
    await signIn('nodemailer', { email, redirectTo: safeCallbackPath(callbackUrl) });
  },
});

/** OIDC sign-in and sign-out only redirect, with no result to show: plain form actions, not `serverAction`. */
export async function signInWithOidc(formData: FormData): Promise<void> {
  if (!signInMethods().oidc) redirect('/sign-in');
  await signIn('oidc', { redirectTo: safeCallbackPath(formData.get('callbackUrl')) });
}

const devSignInSchema = z.strictObject({ userId: idSchema, callbackUrl: z.string().max(2000).optional() });

/** Development sign-in: exists only on the embedded default (startDevSession refuses otherwise). */
export const devSignIn = serverAction({
  caller: anyone,
  input: devSignInSchema,
  run: async (_nobody, { userId }) => {
    const session = await startDevSession(userId);
    const secure = (await headers()).get('x-forwarded-proto') === 'https';
    (await cookies()).set(secure ? '__Secure-authjs.session-token' : 'authjs.session-token', session.sessionToken, {
      httpOnly: true,
      sameSite: 'lax',
      path: '/',
      secure,
      expires: session.expires,
    });
  },
  redirectTo: (_done, { callbackUrl }) => safeCallbackPath(callbackUrl),
});

export async function signOutAction(): Promise<void> {
  await signOut({ redirectTo: '/sign-in?signedOut=1' });
}
