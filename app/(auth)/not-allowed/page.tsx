import type { Metadata } from 'next';
import Link from 'next/link';
import { Card } from '@/components/ui/card';

export const metadata: Metadata = { title: 'Not allowed' };

const reasons: Record<string, string> = {
  domain: 'Gatehouse is for employees of this organisation, and your email address is not one of its domains.',
  'invite-only': 'This Gatehouse only admits people an administrator has added. Ask your administrator to add you.',
  disabled: 'Your account has been disabled. If you think this is a mistake, contact your administrator.',
  unverified: 'Your sign-in provider has not confirmed your email address, so Gatehouse cannot tell who you are. Verify your address with your provider, or sign in by email link.',
};

type Props = { searchParams: Promise<{ reason?: string }> };

export default async function NotAllowedPage({ searchParams }: Props) {
  const { reason } = await searchParams;
  return (
    <Card>
      <h1 className="text-xl font-semibold text-slate-900">You can’t sign in here</h1>
      <p className="mt-3 text-sm text-slate-700">{reasons[reason ?? ''] ?? 'You are not allowed to sign in to Gatehouse. Ask your administrator for access.'}</p>
      <Link href="/sign-in" className="mt-6 inline-block text-sm font-semibold text-brand-700 hover:underline">
        ← Back to sign-in
      </Link>
    </Card>
  );
}
