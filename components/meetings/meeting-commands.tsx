'use client';

import { useActionState } from 'react';
import { cancelMeetingAction, cancelOccurrenceAction } from '@/lib/meetings/actions';

export function CancelOccurrenceButton({ meetingId, occurrence, label }: { meetingId: string; occurrence: string; label: string }) {
  const [state, formAction, pending] = useActionState(cancelOccurrenceAction, null);
  return (
    <form action={formAction} onSubmit={(e) => !window.confirm(`Cancel the meeting on ${label}? The other dates stay.`) && e.preventDefault()}>
      <input type="hidden" name="meetingId" value={meetingId} />
      <input type="hidden" name="occurrence" value={occurrence} />
      <button disabled={pending} aria-label={`Cancel the meeting on ${label}`} className="text-xs font-medium text-red-700 hover:underline disabled:opacity-50">Cancel this one</button>
      {state && !state.ok && <span aria-live="polite" className="ml-2 text-xs text-red-700">{state.message}</span>}
    </form>
  );
}

export function CancelMeetingButton({ meetingId, recurring }: { meetingId: string; recurring: boolean }) {
  const [state, formAction, pending] = useActionState(cancelMeetingAction, null);
  const what = recurring ? 'every meeting in this series' : 'this meeting';
  return (
    <form action={formAction} onSubmit={(e) => !window.confirm(`Cancel ${what}?`) && e.preventDefault()}>
      <input type="hidden" name="meetingId" value={meetingId} />
      <button disabled={pending} className="rounded-md px-3 py-1.5 text-sm font-medium text-red-700 ring-1 ring-red-300 hover:bg-red-50 disabled:opacity-50">
        {recurring ? 'Cancel series' : 'Cancel meeting'}
      </button>
      {state && !state.ok && <p aria-live="polite" className="mt-1 text-xs text-red-700">{state.message}</p>}
    </form>
  );
}
