'use client';

import { useState, useTransition } from 'react';
import { createCalendarFeedAction, revokeCalendarFeedAction } from '@/lib/calendar/actions';
import { Button } from '@/components/ui/button';

export function CalendarFeed({ origin, active }: { origin: string; active: boolean }) {
  const [url, setUrl] = useState<string | null>(null);
  const [hasFeed, setHasFeed] = useState(active);
  const [pending, startTransition] = useTransition();

  const create = () =>
    startTransition(async () => {
      const result = await createCalendarFeedAction();
      if (result.ok) {
        setUrl(`${origin}/api/calendar/${result.data.token}.ics`);
        setHasFeed(true);
      }
    });
  const revoke = () =>
    startTransition(async () => {
      if (!window.confirm('Turn off your calendar link? Calendars subscribed to it stop updating.')) return;
      await revokeCalendarFeedAction();
      setUrl(null);
      setHasFeed(false);
    });

  return (
    <div className="space-y-3">
      {url ? (
        <div>
          <label htmlFor="feed-url" className="block text-sm font-medium text-slate-700">Your calendar link (shown once — copy it now)</label>
          <input id="feed-url" readOnly value={url} onFocus={(e) => e.target.select()} className="mt-1 block w-full rounded-md bg-slate-50 px-3 py-2 font-mono text-xs ring-1 ring-slate-300" />
          <p className="mt-1 text-xs text-slate-500">Add it in your calendar app as a subscription (“From URL”). Anyone with this link can see your meeting titles and times.</p>
        </div>
      ) : (
        <p className="text-sm text-slate-700" aria-live="polite">
          {hasFeed ? 'Your calendar link is on. For your safety it is only shown when created: make a new one if you lost it (the old one stops working).' : 'No calendar link yet.'}
        </p>
      )}
      <div className="flex gap-2">
        <Button type="button" onClick={create} disabled={pending} variant={hasFeed ? 'secondary' : 'primary'}>
          {hasFeed ? 'Make a new link' : 'Create calendar link'}
        </Button>
        {hasFeed && (
          <Button type="button" variant="ghost" onClick={revoke} disabled={pending}>Turn off</Button>
        )}
      </div>
    </div>
  );
}
