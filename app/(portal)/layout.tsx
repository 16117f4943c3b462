import { can } from '@/lib/auth/permissions';
import { requireUser } from '@/lib/auth/session';
import { SiteHeader } from '@/components/ui/site-header';

export default async function PortalLayout({ children }: { children: React.ReactNode }) {
  const user = await requireUser();
  return (
    <>
      <SiteHeader user={user} isAdmin={can(user, 'admin.access')} />
      <main className="mx-auto max-w-5xl px-6 py-8">{children}</main>
    </>
  );
}
