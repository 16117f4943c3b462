import type { Metadata } from 'next';
import { redirect } from 'next/navigation';
import { signInWithOidc } from '@/lib/auth/actions';
import { signInMethods } from '@/lib/auth/config';
import { devSignInEnabled } from '@/lib/auth/dev-sign-in';
import { safeCallbackPath } from '@/lib/auth/schemas';
import { getCurrentUser } from '@/lib/auth/session';
import { listDevSignInUsers } from '@/lib/users/queries';
import { Card } from '@/components/ui/card';
import { Notice } from '@/components/ui/notice';
import { SubmitButton } from '@/components/ui/submit-button';
import { EmailSignInForm } from '@/components/auth/email-sign-in-form';
import { DevSignIn } from '@/components/auth/dev-sign-in';

export const metadata: Metadata = { title: 'Sign in' };

const errorText: Record<string, string> = {
  OAuthAccountNotLinked: 'That sign-in could not be linked to your existing account. Use the method you used before.',
  OAuthCallbackError: 'Your sign-in provider did not complete the sign-in. Please try again.',
  AccessDenied: 'You are not allowed to sign in to Gatehouse.',
};

type Props = { searchParams: Promise<{ callbackUrl?: string | string[]; error?: string; signedOut?: string }> };

export default async function SignInPage({ searchParams }: Props) {
  const params = await searchParams;
  const callbackUrl = safeCallbackPath(params.callbackUrl);
  if (await getCurrentUser()) redirect(callbackUrl);

  const methods = signInMethods();
  const devUsers = devSignInEnabled() ? await listDevSignInUsers() : null;
  const nothingConfigured = !methods.oidc && !methods.email && !devUsers;

  return (
    <Card>
      <h1 className="text-xl font-semibold text-slate-900">Sign in</h1>
      <p className="mt-1 text-sm text-slate-600">Sign in to schedule and join your organisation’s meetings.</p>

      <div className="mt-4 space-y-3">
        {params.signedOut && <Notice tone="success">You are signed out.</Notice>}
        {params.error && <Notice tone="error">{errorText[params.error] ?? 'Sign-in did not work. Please try again.'}</Notice>}
      </div>

      <div className="mt-6 space-y-6">
        {methods.oidc && (
          <form action={signInWithOidc}>
            <input type="hidden" name="callbackUrl" value={callbackUrl} />
            <SubmitButton block pendingLabel="Redirecting…">
              Sign in with {methods.oidc.name}
            </SubmitButton>
          </form>
        )}

        {methods.oidc && methods.email && (
          <div className="flex items-center gap-3 text-xs uppercase tracking-wide text-slate-400">
            <span className="h-px flex-1 bg-slate-200" /> or <span className="h-px flex-1 bg-slate-200" />
          </div>
        )}

        {methods.email && <EmailSignInForm callbackUrl={callbackUrl} />}

        {devUsers && (
          <section aria-labelledby="dev-sign-in" className="rounded-md border border-dashed border-amber-300 bg-amber-50/60 p-4">
            <h2 id="dev-sign-in" className="text-sm font-semibold text-amber-900">Development sign-in</h2>
            <p className="mb-3 mt-1 text-xs text-amber-900/80">
              Only on the embedded demo database, never in production. Pick a demo person to continue as them.
            </p>
            {devUsers.length ? <DevSignIn users={devUsers} callbackUrl={callbackUrl} /> : <p className="text-sm">No active users yet: run npm run db:seed.</p>}
          </section>
        )}

        {nothingConfigured && (
          <Notice tone="warning" title="No sign-in method is configured">
            An administrator needs to set up OpenID Connect (OIDC_ISSUER, OIDC_CLIENT_ID, OIDC_CLIENT_SECRET) or email links (SMTP_URL, MAIL_FROM).
          </Notice>
        )}
      </div>
    </Card>
  );
}
