import Link from 'next/link';
import { signOutAction } from '@/lib/auth/actions';
import type { CurrentUser } from '@/lib/auth/session';
import { isEmbeddedDevelopment } from '@/lib/env';
import { Logo } from '@/components/ui/logo';

export function SiteHeader({ user, isAdmin }: { user: CurrentUser; isAdmin: boolean }) {
  const devMailbox = isEmbeddedDevelopment();
  return (
    <header className="border-b border-slate-200 bg-white">
      <div className="mx-auto flex max-w-5xl items-center justify-between gap-4 px-6 py-3">
        <nav className="flex items-center gap-6 text-sm" aria-label="Main">
          <Link href="/" className="text-base font-semibold text-brand-900">
            <Logo />
          </Link>
          <Link href="/" className="text-slate-600 hover:text-slate-900">
            Dashboard
          </Link>
          <Link href="/rooms" className="text-slate-600 hover:text-slate-900">
            Rooms
          </Link>
          <Link href="/settings" className="text-slate-600 hover:text-slate-900">
            Settings
          </Link>
          {devMailbox && (
            <Link href="/dev/mailbox" className="text-amber-700 hover:text-amber-900">
              Mailbox (dev)
            </Link>
          )}
          {isAdmin && (
            <Link href="/admin/users" className="text-slate-600 hover:text-slate-900">
              Admin
            </Link>
          )}
        </nav>
        <div className="flex items-center gap-3 text-sm">
          <span className="hidden text-right sm:block">
            <span className="block font-medium text-slate-900">{user.name ?? user.email}</span>
            <span className="block text-xs text-slate-500">{user.email}</span>
          </span>
          <form action={signOutAction}>
            <button type="submit" className="rounded-md px-3 py-1.5 font-medium text-slate-700 ring-1 ring-slate-300 hover:bg-slate-50">
              Sign out
            </button>
          </form>
        </div>
      </div>
    </header>
  );
}
