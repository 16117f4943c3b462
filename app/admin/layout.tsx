import { requireAdmin } from '@/lib/auth/session';
import { SiteHeader } from '@/components/ui/site-header';
import { AdminNav } from '@/components/admin/admin-nav';

export default async function AdminLayout({ children }: { children: React.ReactNode }) {
  const user = await requireAdmin();
  return (
    <>
      <SiteHeader user={user} isAdmin />
      <div className="mx-auto max-w-5xl px-6 py-8">
        <AdminNav />
        <main>{children}</main>
      </div>
    </>
  );
}
