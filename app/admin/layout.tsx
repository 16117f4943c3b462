import Link from 'next/link';
import { requireAdmin } from '@/lib/auth/session';
import { SiteHeader } from '@/components/ui/site-header';

export default async function AdminLayout({ children }: { children: React.ReactNode }) {
  const user = await requireAdmin();
  return (
    <>
      <SiteHeader user={user} isAdmin />
      <div className="mx-auto max-w-5xl px-6 py-8">
        <nav aria-label="Admin" className="mb-6 flex gap-4 border-b border-slate-200 pb-3 text-sm">
          <Link href="/admin/users" className="font-medium text-brand-700">Users</Link>
          <Link href="/admin/audit" className="font-medium text-brand-700">Audit log</Link>
        </nav>
        <main>{children}</main>
      </div>
    </>
  );
}
