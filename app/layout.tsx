import type { Metadata } from 'next';
import { headers } from 'next/headers';
import './globals.css';

export const metadata: Metadata = {
  title: { default: 'Gatehouse', template: '%s · Gatehouse' },
  description: 'Your organisation’s meeting portal for Jitsi Meet.',
};

export default async function RootLayout({ children }: { children: React.ReactNode }) {
  // Every page renders per request so Next can put this request's CSP nonce (set in proxy.ts) on its scripts.
  await headers();
  return (
    <html lang="en">
      <body className="min-h-screen">{children}</body>
    </html>
  );
}
