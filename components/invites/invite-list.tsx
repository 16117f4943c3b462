import { listMeetingInvites } from '@/lib/invites/queries';
import { DELIVERY_LABELS, inviteStateText } from '@/lib/invites/state';
import { ResendInviteButton, RevokeInviteButton } from '@/components/invites/invite-panel';

/** The meeting's invites with their state, for its hosts. */
export async function InviteList({ meetingId, timeZone, canMail }: { meetingId: string; timeZone: string; canMail: boolean }) {
  const invites = await listMeetingInvites(meetingId);
  if (!invites.length) return <p className="text-sm text-slate-600">No guests invited yet.</p>;
  const now = new Date();
  return (
    <div className="overflow-x-auto rounded-lg border border-slate-200">
      <table className="min-w-full divide-y divide-slate-200 text-sm">
        <thead className="bg-slate-50 text-left text-xs font-semibold uppercase tracking-wide text-slate-500">
          <tr>
            <th scope="col" className="px-3 py-2">Invite</th>
            <th scope="col" className="px-3 py-2">Joins as</th>
            <th scope="col" className="px-3 py-2">State</th>
            <th scope="col" className="px-3 py-2"><span className="sr-only">Actions</span></th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {invites.map((i) => {
            const label = i.email ? `${i.name ?? ''} <${i.email}>`.trim() : `open link (${i.useCount}/${i.maxUses} used)`;
            const state = inviteStateText(i, timeZone, now);
            const mail = DELIVERY_LABELS[i.delivery];
            return (
              <tr key={i.id} data-invite={i.email ?? 'link'}>
                <td className="px-3 py-2">
                  {i.email ? (
                    <>
                      <span className="block font-medium text-slate-900">{i.name}</span>
                      <span className="block text-xs text-slate-500">{i.email}</span>
                    </>
                  ) : (
                    <span>Open link · {i.useCount} of {i.maxUses} uses</span>
                  )}
                </td>
                <td className="px-3 py-2">{i.role === 'CO_HOST' ? 'Co-host' : 'Guest'}</td>
                <td className="px-3 py-2">
                  {state}
                  {mail && <span className={`block text-xs ${i.delivery === 'FAILED' ? 'text-red-700' : 'text-slate-500'}`}>{mail}{i.delivery === 'FAILED' && i.deliveryError ? `: ${i.deliveryError}` : ''}</span>}
                </td>
                <td className="space-y-1 px-3 py-2 text-right">
                  {!i.revokedAt && i.email && canMail && <ResendInviteButton inviteId={i.id} meetingId={meetingId} label={label} />}
                  {!i.revokedAt && <RevokeInviteButton inviteId={i.id} meetingId={meetingId} label={label} />}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
