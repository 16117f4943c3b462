import type { Metadata } from 'next';
import { findUnsubscribeTarget } from '@/lib/notifications/unsubscribe';

export const metadata: Metadata = { title: 'Reminders and updates', referrer: 'no-referrer', robots: { index: false } };

const box = 'mx-auto mt-24 max-w-md rounded-lg border border-slate-200 bg-white p-6 shadow-sm';

/**
 * A guest's unsubscribe page (linked from every reminder and update mail). Opening it changes nothing,
 * so link checkers in mail systems cannot unsubscribe anyone: the button posts to the same one-click
 * address mail programs use (RFC 8058).
 */
export default async function UnsubscribePage({ params, searchParams }: { params: Promise<{ token: string }>; searchParams: Promise<{ done?: string }> }) {
  const { token } = await params;
  const target = await findUnsubscribeTarget(token);
  if (!target) {
    return (
      <main className={box}>
        <h1 className="text-xl font-semibold text-slate-900">This link can’t be used</h1>
        <p className="mt-3 text-slate-700">The unsubscribe link is incomplete or was changed. Use the link in your most recent mail about the meeting.</p>
      </main>
    );
  }
  const title = target.meeting?.title ?? target.room.name;
  const done = (await searchParams).done === '1' || target.unsubscribedAt;
  return (
    <main className={box}>
      <h1 className="text-xl font-semibold text-slate-900">Reminders and updates</h1>
      {done ? (
        <p role="status" className="mt-3 text-slate-700">
          Done: <strong>{target.email}</strong> will no longer get reminders or update mails for “{title}”. Your invitation still works: join with the link from your most recent mail about this meeting, or from your calendar entry.
        </p>
      ) : (
        <form method="post" action={`/invite/unsubscribe/${token}/one-click`} className="mt-3 space-y-4">
          <p className="text-slate-700">
            Stop reminders and update mails about “{title}” to <strong>{target.email}</strong>? Your invitation stays valid and you can still join.
          </p>
          <input type="hidden" name="List-Unsubscribe" value="One-Click" />
          <button type="submit" className="rounded-md bg-blue-700 px-4 py-2 text-sm font-medium text-white hover:bg-blue-800">Stop these mails</button>
        </form>
      )}
    </main>
  );
}
