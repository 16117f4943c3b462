import type { NotificationDelivery as Delivery } from '@/lib/notifications/queries';
import { formatInZone } from '@/lib/time/zones';

const KIND_LABEL = { REMINDER: 'Reminders', UPDATE: 'Update mails', CANCEL: 'Cancellation mails' } as const;
const plural = (n: number, one: string, many: string) => `${n.toLocaleString('en')} ${n === 1 ? one : many}`;

/** The meeting's reminder, update and cancellation mails: totals, and each person whose mail failed or waits for a retry. */
export function NotificationDelivery({ counts, problems, timeZone }: Delivery & { timeZone: string }) {
  const kinds = (Object.keys(KIND_LABEL) as (keyof typeof KIND_LABEL)[]).filter((k) => counts[k].QUEUED + counts[k].SENT + counts[k].FAILED > 0);
  if (!kinds.length) return null;
  return (
    <section aria-labelledby="notification-mails" className="space-y-2 rounded-lg border border-slate-200 bg-white p-4 text-sm">
      <h2 id="notification-mails" className="text-lg font-semibold text-slate-900">Reminders and updates</h2>
      <ul className="text-slate-700">
        {kinds.map((k) => (
          <li key={k}>
            {KIND_LABEL[k]}: {counts[k].SENT.toLocaleString('en')} sent
            {counts[k].FAILED > 0 && `, ${counts[k].FAILED.toLocaleString('en')} failed`}
            {counts[k].QUEUED > 0 && `, ${counts[k].QUEUED.toLocaleString('en')} queued`}
          </li>
        ))}
      </ul>
      {problems.length > 0 && (
        <div>
          <p className="font-medium text-slate-800">{plural(problems.length, 'mail needs attention', 'mails need attention')} (newest first):</p>
          <ul className="mt-1 space-y-1">
            {problems.map((p) => (
              <li key={p.id} className="break-words">
                <span className="font-medium">{p.email}</span> — {p.kind === 'REMINDER' ? `reminder for ${formatInZone(new Date(p.subject), timeZone)}` : KIND_LABEL[p.kind].toLowerCase().replace(/s$/, '')}:{' '}
                {p.delivery === 'FAILED' ? <span className="text-red-700">failed: {p.error}</span> : <span className="text-amber-800">not delivered yet, retrying ({p.error})</span>}
              </li>
            ))}
          </ul>
        </div>
      )}
    </section>
  );
}
