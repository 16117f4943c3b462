import type { Metadata } from 'next';
import Link from 'next/link';
import { Card } from '@/components/ui/card';

export const metadata: Metadata = { title: 'Sign-in problem' };

const messages: Record<string, { title: string; body: string }> = {
  Verification: {
    title: 'This sign-in link no longer works',
    body: 'Sign-in links work once and expire after a few minutes. Ask for a new link and use the newest mail.',
  },
  AccessDenied: { title: 'Not allowed', body: 'You are not allowed to sign in to Gatehouse. Ask your administrator for access.' },
  Configuration: {
    title: 'Sign-in is not set up correctly',
    body: 'Gatehouse could not complete the sign-in because of a server configuration problem. Please tell your administrator.',
  },
};

type Props = { searchParams: Promise<{ error?: string }> };

export default async function SignInErrorPage({ searchParams }: Props) {
  const { error } = await searchParams;
  const message = messages[error ?? ''] ?? { title: 'Sign-in did not work', body: 'Something went wrong while signing you in. Please try again.' };
  return (
    <Card>
      <h1 className="text-xl font-semibold text-slate-900">{message.title}</h1>
      <p className="mt-3 text-sm text-slate-700">{message.body}</p>
      <Link href="/sign-in" className="mt-6 inline-block rounded-md bg-brand-600 px-4 py-2 text-sm font-semibold text-white hover:bg-brand-700">
        Back to sign-in
      </Link>
    </Card>
  );
}
