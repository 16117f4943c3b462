'use client';

import { useEffect } from 'react';
import { useRouter } from 'next/navigation';
import type { DeliveryProgress as Progress } from '@/lib/invites/delivery';

function nextAttemptText(seconds: number | null): string {
  if (seconds === null || seconds === 0) return 'trying again now';
  return `next attempt in ${seconds} s`;
}

/**
 * Invitation mail progress; refreshes the page every 2 seconds while mails are still queued. During a
 * mail-server outage it says so, with the time of the next attempt, instead of a counter that stands still.
 */
export function DeliveryProgress({ queued, sent, failed, retry }: Progress) {
  const router = useRouter();
  useEffect(() => {
    if (queued === 0) return;
    const timer = setInterval(() => router.refresh(), 2000);
    return () => clearInterval(timer);
  }, [queued, router]);
  if (queued + sent + failed === 0) return null;
  const total = queued + sent + failed;
  return (
    <div role="status" aria-live="polite" className={`rounded-md border p-3 text-sm ${retry && !retry.recovered && retry.serverDown ? 'border-amber-300 bg-amber-50' : 'border-slate-200 bg-slate-50'}`}>
      <p className="font-medium text-slate-800">
        Invitation mails: {sent.toLocaleString('en')} sent{failed > 0 && `, ${failed.toLocaleString('en')} failed`}
        {queued > 0 && `, ${queued.toLocaleString('en')} still queued`}
      </p>
      {retry && (
        <p className="mt-1 text-amber-900" data-testid="mail-retry">
          {retry.recovered
            ? `Mail server reachable again — the mails that failed are retried, ${nextAttemptText(retry.nextAttemptInSeconds)}.`
            : retry.serverDown
              ? `Mail server unreachable — retrying, ${nextAttemptText(retry.nextAttemptInSeconds)}.`
              : `The mail server deferred some mails — retrying, ${nextAttemptText(retry.nextAttemptInSeconds)}.`}
          <span className="block break-words text-xs text-slate-600" title={retry.lastError}>Last error: {retry.lastError.slice(0, 200)}</span>
        </p>
      )}
      <div className="mt-2 h-2 overflow-hidden rounded bg-slate-200" aria-hidden="true">
        <div className="h-full bg-green-600" style={{ width: `${Math.round((sent / total) * 100)}%` }} />
      </div>
    </div>
  );
}
