import type { Metadata } from 'next';
import Link from 'next/link';
import { requirePermission } from '@/lib/auth/session';
import { listUsers } from '@/lib/users/queries';
import { UserActions } from '@/components/admin/user-actions';
import { Pager, pageNumber } from '@/components/ui/pager';
import { Table } from '@/components/ui/table';

export const metadata: Metadata = { title: 'Users' };

const PAGE_SIZE = 50;

type Props = { searchParams: Promise<{ q?: string; page?: string }> };

export default async function AdminUsersPage({ searchParams }: Props) {
  const admin = await requirePermission('users.manage');
  const params = await searchParams;
  const search = params.q?.trim().slice(0, 100) || undefined;
  const page = pageNumber(params.page);
  const { rows, total } = await listUsers({ search, take: PAGE_SIZE, skip: (page - 1) * PAGE_SIZE });
  const format = new Intl.DateTimeFormat('en-GB', { timeZone: admin.timeZone, dateStyle: 'medium', timeStyle: 'short' });

  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-end justify-between gap-3">
        <div>
          <h1 className="text-2xl font-semibold text-slate-900">Users</h1>
          <p className="text-sm text-slate-600">{total} {total === 1 ? 'person' : 'people'}{search ? ` matching “${search}”` : ''}</p>
        </div>
        <form role="search" className="flex gap-2">
          <label htmlFor="q" className="sr-only">Search by name or email</label>
          <input id="q" name="q" defaultValue={search} placeholder="Search name or email" className="rounded-md px-3 py-1.5 text-sm ring-1 ring-slate-300" />
          <button className="rounded-md px-3 py-1.5 text-sm font-medium ring-1 ring-slate-300 hover:bg-slate-50">Search</button>
        </form>
      </div>
      {rows.length === 0 ? (
        <p className="rounded-lg border border-slate-200 bg-white p-6 text-sm text-slate-700">No users match. Try another search.</p>
      ) : (
        <Table columns={['Person', 'Role', 'Status', 'Last sign-in', { hidden: 'Actions' }]}>
          {rows.map((u) => (
            <tr key={u.id} data-email={u.email}>
              <td className="px-3 py-2">
                <span className="block font-medium text-slate-900">{u.name ?? '—'}</span>
                <span className="block text-xs text-slate-500">{u.email}</span>
                <Link href={`/admin/audit?person=${encodeURIComponent(u.email)}`} className="text-xs font-medium text-brand-700 hover:underline">Activity</Link>
              </td>
              <td className="px-3 py-2">{u.role === 'ADMIN' ? 'Admin' : 'Member'}</td>
              <td className="px-3 py-2">{u.disabledAt ? <span className="text-red-700">Disabled</span> : 'Active'}</td>
              <td className="px-3 py-2 text-slate-600">{u.lastSignInAt ? format.format(u.lastSignInAt) : 'Never'}</td>
              <td className="px-3 py-2 text-right">
                {u.id === admin.id ? <span className="text-xs text-slate-500">You</span> : <UserActions user={{ id: u.id, email: u.email, role: u.role, disabled: !!u.disabledAt }} />}
              </td>
            </tr>
          ))}
        </Table>
      )}
      <Pager path="/admin/users" params={{ q: search }} page={page} pageSize={PAGE_SIZE} total={total} />
    </div>
  );
}
