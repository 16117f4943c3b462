import { can } from '@/lib/auth/permissions';
import { requireUser } from '@/lib/auth/session';
import { SiteHeader } from '@/components/ui/site-header';

/** Meetings use the whole width of the window below the header. */
export default async function MeetingLayout({ children }: { children: React.ReactNode }) {
  const user = await requireUser();
  return (
    <>
      <SiteHeader user={user} isAdmin={can(user, 'admin.access')} />
      <main className="px-4 py-4">{children}</main>
    </>
  );
}
