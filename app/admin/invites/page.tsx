import type { Metadata } from 'next';
import Link from 'next/link';
import { requirePermission } from '@/lib/auth/session';
import { INVITE_FILTERS, listAllInvites, type InviteFilter } from '@/lib/invites/queries';
import { formatInZone } from '@/lib/time/zones';
import { RevokeInviteButton } from '@/components/invites/invite-panel';
import { Invitee, inviteLabel, InviteState } from '@/components/invites/invite-cells';
import { Pager, pageNumber } from '@/components/ui/pager';
import { Table } from '@/components/ui/table';

export const metadata: Metadata = { title: 'Invites' };

const PAGE_SIZE = 50;

const FILTER_LABELS: Record<InviteFilter, string> = {
  all: 'All invites',
  active: 'Still usable',
  joined: 'Joined',
  not_joined: 'Usable, not joined yet',
  used_up: 'Used up',
  expired: 'Expired',
  revoked: 'Revoked',
  mail_failed: 'Mail failed',
  mail_queued: 'Mail queued',
};

type Props = { searchParams: Promise<{ state?: string; meeting?: string; meetingId?: string; q?: string; page?: string }> };

export default async function AdminInvitesPage({ searchParams }: Props) {
  const admin = await requirePermission('rooms.manage_any');
  const params = await searchParams;
  const state = (INVITE_FILTERS as readonly string[]).includes(params.state ?? '') ? (params.state as InviteFilter) : 'all';
  const meeting = params.meeting?.trim().slice(0, 200) || undefined;
  const meetingId = params.meetingId?.trim().slice(0, 64) || undefined;
  const search = params.q?.trim().slice(0, 100) || undefined;
  const page = pageNumber(params.page);
  const { rows, total } = await listAllInvites({ state, meeting, meetingId, search, take: PAGE_SIZE, skip: (page - 1) * PAGE_SIZE });
  const filtered = state !== 'all' || meeting || meetingId || search;
  const input = 'rounded-md px-2 py-1.5 text-sm ring-1 ring-slate-300';
  const now = new Date();

  return (
    <div className="space-y-4">
      <div>
        <h1 className="text-2xl font-semibold text-slate-900">Invites</h1>
        <p className="text-sm text-slate-600">Every guest invitation in Gatehouse. Revoking one stops its link at once.</p>
      </div>
      <form role="search" className="flex flex-wrap items-end gap-2">
        <label className="text-xs text-slate-600">
          Meeting
          <input name="meeting" defaultValue={meeting} placeholder="title contains" className={`${input} block`} />
        </label>
        <label className="text-xs text-slate-600">
          Guest
          <input name="q" defaultValue={search} placeholder="name or email" className={`${input} block`} />
        </label>
        <label className="text-xs text-slate-600">
          State
          <select name="state" defaultValue={state} className={`${input} block`}>
            {INVITE_FILTERS.map((f) => <option key={f} value={f}>{FILTER_LABELS[f]}</option>)}
          </select>
        </label>
        {meetingId && <input type="hidden" name="meetingId" value={meetingId} />}
        <button className="rounded-md px-3 py-1.5 text-sm font-medium ring-1 ring-slate-300 hover:bg-slate-50">Filter</button>
        {filtered && <Link href="/admin/invites" className="px-2 py-1.5 text-sm text-brand-700 hover:underline">Clear filters</Link>}
      </form>
      {rows.length === 0 ? (
        <p className="rounded-lg border border-slate-200 bg-white p-6 text-sm text-slate-700">
          {filtered ? 'No invites match these filters.' : 'No guests have been invited yet. Hosts invite guests from a meeting’s page.'}
        </p>
      ) : (
        <Table columns={['Guest', 'Meeting', 'State', 'Expires', { hidden: 'Actions' }]}>
          {rows.map((i) => {
            return (
              <tr key={i.id} data-testid="admin-invite" data-invite={i.email ?? 'link'}>
                <td className="px-3 py-2">
                  <Invitee invite={i} />
                  <span className="block text-xs text-slate-500">{i.role === 'CO_HOST' ? 'Co-host' : 'Guest'} · invited by {i.createdBy.email}</span>
                </td>
                <td className="px-3 py-2">
                  {i.meetingId && i.meeting ? (
                    <Link href={`/meetings/${i.meetingId}`} className="font-medium text-brand-700 hover:underline">{i.meeting.title}</Link>
                  ) : (
                    <span>—</span>
                  )}
                  <span className="block text-xs text-slate-500">{i.room.name}</span>
                </td>
                <td className="px-3 py-2">
                  <InviteState invite={i} timeZone={admin.timeZone} now={now} />
                </td>
                <td className="whitespace-nowrap px-3 py-2 text-slate-600">{formatInZone(i.expiresAt, admin.timeZone, 'short')}</td>
                <td className="px-3 py-2 text-right">{!i.revokedAt && i.meetingId && <RevokeInviteButton inviteId={i.id} meetingId={i.meetingId} label={inviteLabel(i)} />}</td>
              </tr>
            );
          })}
        </Table>
      )}
      <Pager path="/admin/invites" params={{ state: state === 'all' ? undefined : state, meeting, meetingId, q: search }} page={page} pageSize={PAGE_SIZE} total={total} />
    </div>
  );
}
