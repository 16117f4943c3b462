'use client';

import Link from 'next/link';
import { usePathname } from 'next/navigation';

const LINKS = [
  { href: '/admin/live', label: 'Live now' },
  { href: '/admin/users', label: 'Users' },
  { href: '/admin/rooms', label: 'Rooms' },
  { href: '/admin/invites', label: 'Invites' },
  { href: '/admin/audit', label: 'Audit log' },
  { href: '/admin/jitsi', label: 'Jitsi setup' },
  { href: '/admin/jitsi/inspect', label: 'Token inspector' },
] as const;

export function AdminNav() {
  const pathname = usePathname();
  // The most specific link that matches is the current one (/admin/jitsi/inspect is not also "Jitsi setup").
  const current = LINKS.filter((l) => pathname === l.href || pathname.startsWith(`${l.href}/`)).sort((a, b) => b.href.length - a.href.length)[0]?.href;
  return (
    <nav aria-label="Admin" className="mb-6 flex flex-wrap gap-x-5 gap-y-2 border-b border-slate-200 pb-3 text-sm">
      {LINKS.map((l) => (
        <Link
          key={l.href}
          href={l.href}
          aria-current={l.href === current ? 'page' : undefined}
          className={l.href === current ? 'font-semibold text-slate-900 underline decoration-brand-600 decoration-2 underline-offset-8' : 'font-medium text-brand-700 hover:underline'}
        >
          {l.label}
        </Link>
      ))}
    </nav>
  );
}
