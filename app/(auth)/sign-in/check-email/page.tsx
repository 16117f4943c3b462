import type { Metadata } from 'next';
import Link from 'next/link';
import { connection } from 'next/server';
import { getEnv } from '@/lib/env';
import { Card } from '@/components/ui/card';

export const metadata: Metadata = { title: 'Check your email' };

export default async function CheckEmailPage() {
  await connection(); // reads the running configuration, not the build's
  const minutes = getEnv().EMAIL_LINK_MAX_AGE_MINUTES;
  return (
    <Card>
      <h1 className="text-xl font-semibold text-slate-900">Check your email</h1>
      <p className="mt-3 text-sm text-slate-700">
        If this address can sign in to Gatehouse, a sign-in link is on its way. It works once and expires in {minutes} minutes.
      </p>
      <p className="mt-3 text-sm text-slate-600">
        Nothing arrived after a few minutes? Check your spam folder, or ask your administrator whether your address has access.
      </p>
      <Link href="/sign-in" className="mt-6 inline-block text-sm font-semibold text-brand-700 hover:underline">
        ← Back to sign-in
      </Link>
    </Card>
  );
}
