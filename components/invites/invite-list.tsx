import { listMeetingInvites } from '@/lib/invites/queries';
import { Invitee, inviteLabel, InviteState } from '@/components/invites/invite-cells';
import { ResendInviteButton, RevokeInviteButton } from '@/components/invites/invite-panel';
import { Table } from '@/components/ui/table';

/** The meeting's invites with their state, for its hosts. */
export async function InviteList({ meetingId, timeZone, canMail }: { meetingId: string; timeZone: string; canMail: boolean }) {
  const invites = await listMeetingInvites(meetingId);
  if (!invites.length) return <p className="text-sm text-slate-600">No guests invited yet.</p>;
  const now = new Date();
  return (
    <Table columns={['Invite', 'Joins as', 'State', { hidden: 'Actions' }]}>
      {invites.map((i) => {
        const label = inviteLabel(i);
        return (
          <tr key={i.id} data-invite={i.email ?? 'link'}>
            <td className="px-3 py-2">
              <Invitee invite={i} />
            </td>
            <td className="px-3 py-2">{i.role === 'CO_HOST' ? 'Co-host' : 'Guest'}</td>
            <td className="px-3 py-2">
              <InviteState invite={i} timeZone={timeZone} now={now} />
            </td>
            <td className="space-y-1 px-3 py-2 text-right">
              {!i.revokedAt && i.email && canMail && <ResendInviteButton inviteId={i.id} meetingId={meetingId} label={label} />}
              {!i.revokedAt && <RevokeInviteButton inviteId={i.id} meetingId={meetingId} label={label} />}
            </td>
          </tr>
        );
      })}
    </Table>
  );
}
