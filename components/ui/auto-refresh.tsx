'use client';

import { useEffect } from 'react';
import { useRouter } from 'next/navigation';

/** Re-renders the page from the server every `seconds` while it is open (live views, no reload). */
export function AutoRefresh({ seconds }: { seconds: number }) {
  const router = useRouter();
  useEffect(() => {
    const timer = setInterval(() => router.refresh(), seconds * 1000);
    return () => clearInterval(timer);
  }, [seconds, router]);
  return null;
}
