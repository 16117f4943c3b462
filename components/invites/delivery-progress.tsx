'use client';

import { useEffect } from 'react';
import { useRouter } from 'next/navigation';

/** Invitation mail progress; refreshes the page every 2 seconds while mails are still queued. */
export function DeliveryProgress({ queued, sent, failed }: { queued: number; sent: number; failed: number }) {
  const router = useRouter();
  useEffect(() => {
    if (queued === 0) return;
    const timer = setInterval(() => router.refresh(), 2000);
    return () => clearInterval(timer);
  }, [queued, router]);
  if (queued + sent + failed === 0) return null;
  const total = queued + sent + failed;
  return (
    <div role="status" aria-live="polite" className="rounded-md border border-slate-200 bg-slate-50 p-3 text-sm">
      <p className="font-medium text-slate-800">
        Invitation mails: {sent.toLocaleString('en')} sent{failed > 0 && `, ${failed.toLocaleString('en')} failed`}
        {queued > 0 && `, ${queued.toLocaleString('en')} still queued`}
      </p>
      <div className="mt-2 h-2 overflow-hidden rounded bg-slate-200" aria-hidden="true">
        <div className="h-full bg-green-600" style={{ width: `${Math.round((sent / total) * 100)}%` }} />
      </div>
    </div>
  );
}
