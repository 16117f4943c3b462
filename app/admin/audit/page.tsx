import type { Metadata } from 'next';
import Link from 'next/link';
import { requirePermission } from '@/lib/auth/session';
import { auditFilterSchema, listAuditEvents, listAuditKinds } from '@/lib/audit/queries';
import { formatInZone } from '@/lib/time/zones';
import { Table } from '@/components/ui/table';

export const metadata: Metadata = { title: 'Audit log' };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function AuditPage({ searchParams }: Props) {
  const admin = await requirePermission('audit.read');
  const raw = await searchParams;
  const filter = auditFilterSchema.parse(Object.fromEntries(Object.entries(raw).map(([k, v]) => [k, Array.isArray(v) ? v[0] : v])));
  const [{ rows, next }, kinds] = await Promise.all([listAuditEvents(filter), listAuditKinds()]);
  const query = new URLSearchParams(Object.entries({ ...filter, before: undefined }).filter((e): e is [string, string] => !!e[1]));
  const input = 'rounded-md px-2 py-1.5 text-sm ring-1 ring-slate-300';

  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-end justify-between gap-3">
        <h1 className="text-2xl font-semibold text-slate-900">Audit log</h1>
        <a href={`/admin/audit.csv?${query}`} className="text-sm font-semibold text-brand-700 hover:underline">Export CSV</a>
      </div>
      <form className="flex flex-wrap items-end gap-2" role="search">
        <label className="text-xs text-slate-600">Person<input name="person" defaultValue={filter.person} placeholder="email" className={`${input} block`} /></label>
        <label className="text-xs text-slate-600">Room<input name="room" defaultValue={filter.room} placeholder="room address" className={`${input} block`} /></label>
        <label className="text-xs text-slate-600">
          Kind
          <select name="kind" defaultValue={filter.kind ?? ''} className={`${input} block`}>
            <option value="">All</option>
            {kinds.map((k) => <option key={k} value={k}>{k}</option>)}
          </select>
        </label>
        <label className="text-xs text-slate-600">From<input type="date" name="from" defaultValue={filter.from} className={`${input} block`} /></label>
        <label className="text-xs text-slate-600">To<input type="date" name="to" defaultValue={filter.to} className={`${input} block`} /></label>
        <button className="rounded-md px-3 py-1.5 text-sm font-medium ring-1 ring-slate-300 hover:bg-slate-50">Filter</button>
      </form>
      {rows.length === 0 ? (
        <p className="rounded-lg border border-slate-200 bg-white p-6 text-sm text-slate-700">No events match these filters.</p>
      ) : (
        <Table columns={['When', 'What', 'Who', 'Details']}>
          {rows.map((e) => (
            <tr key={e.id}>
              <td className="whitespace-nowrap px-3 py-2 text-slate-600">{formatInZone(e.createdAt, admin.timeZone, 'short')}</td>
              <td className="px-3 py-2 font-mono text-xs">{e.kind}</td>
              <td className="px-3 py-2">{e.actorEmail ?? '—'}</td>
              <td className="max-w-md truncate px-3 py-2 font-mono text-xs text-slate-600">{JSON.stringify(e.data)}</td>
            </tr>
          ))}
        </Table>
      )}
      {next && <Link href={`/admin/audit?${query}&before=${next}`} className="inline-block text-sm font-semibold text-brand-700 hover:underline">Older events →</Link>}
    </div>
  );
}
