'use client';

import { useEffect, useState } from 'react';

/** "N in the meeting now" for hosts, from Jitsi's events; asks again every 10 seconds. Nothing while nobody is in. */
export function LiveCount({ slug }: { slug: string }) {
  const [count, setCount] = useState<number | null>(null);
  useEffect(() => {
    let active = true;
    const ask = () =>
      fetch(`/rooms/${encodeURIComponent(slug)}/live`, { cache: 'no-store' })
        .then((response) => (response.ok ? (response.json() as Promise<{ inMeeting: number | null }>) : null))
        .then((answer) => active && setCount(answer?.inMeeting ?? null))
        .catch(() => undefined);
    void ask();
    const timer = setInterval(() => void ask(), 10_000);
    return () => {
      active = false;
      clearInterval(timer);
    };
  }, [slug]);
  if (!count) return null;
  return (
    <p role="status" data-testid="live-now" className="inline-flex items-center gap-2 rounded-full bg-green-50 px-3 py-1 text-sm font-medium text-green-800 ring-1 ring-green-200">
      <span aria-hidden className="size-2 rounded-full bg-green-600" />
      {count} {count === 1 ? 'person' : 'people'} in the meeting now
    </p>
  );
}
