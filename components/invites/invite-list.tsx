import Link from 'next/link';
import { INVITE_PAGE_SIZE, listMeetingInvites } from '@/lib/invites/queries';
import { Invitee, inviteLabel, InviteState } from '@/components/invites/invite-cells';
import { ResendInviteButton, RevokeInviteButton } from '@/components/invites/invite-panel';
import { Pager } from '@/components/ui/pager';
import { Table } from '@/components/ui/table';
import { countOf } from '@/lib/text';

type Props = { meetingId: string; timeZone: string; canMail: boolean; search?: string; page: number };

/** The meeting's invites with their state, for its hosts: by name, searchable, a page at a time. */
export async function InviteList({ meetingId, timeZone, canMail, search, page }: Props) {
  const { rows: invites, total } = await listMeetingInvites(meetingId, { search, page });
  if (!total && !search) return <p className="text-sm text-slate-600">No guests invited yet.</p>;
  const now = new Date();
  const path = `/meetings/${meetingId}`;
  return (
    <div className="space-y-3">
      <form role="search" action={`${path}#guests`} className="flex flex-wrap items-end gap-2">
        <label className="text-xs text-slate-600">
          Find a guest
          <input name="q" type="search" defaultValue={search} maxLength={100} placeholder="name or email" className="block rounded-md px-2 py-1.5 text-sm ring-1 ring-slate-300" />
        </label>
        <button className="rounded-md px-3 py-1.5 text-sm font-medium ring-1 ring-slate-300 hover:bg-slate-50">Search</button>
        {search && <Link href={`${path}#guests`} className="px-2 py-1.5 text-sm text-brand-700 hover:underline">Show all</Link>}
        <p className="ml-auto py-1.5 text-sm text-slate-600">{countOf(total, search ? 'matching invite' : 'invite')}</p>
      </form>
      {invites.length === 0 ? (
        <p className="text-sm text-slate-600" aria-live="polite">
          {total ? 'No invites on this page.' : <>No invites match “{search}”.</>}
        </p>
      ) : (
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
      )}
      <Pager path={path} hash="guests" params={{ q: search }} page={page} pageSize={INVITE_PAGE_SIZE} total={total} />
    </div>
  );
}
