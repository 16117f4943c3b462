import Link from 'next/link';

/**
 * What the way back from a meeting is called, by where it leads: guests have no dashboard, their way
 * back is their invitation page.
 */
export function backLinkText(href: string): string {
  if (href.startsWith('/invite/')) return 'Back to your invitation';
  if (href.startsWith('/meetings/')) return 'Back to the meeting';
  if (href.startsWith('/rooms/')) return 'Back to the room';
  return 'Back to your dashboard';
}

/** The plain page for someone who may not join now, saying why. */
export function JoinRefused({ message, backHref = '/' }: { message: string; backHref?: string }) {
  return (
    <div className="mx-auto mt-12 max-w-lg rounded-lg border border-slate-200 bg-white p-6 text-center shadow-sm">
      <h1 className="text-xl font-semibold text-slate-900">You can’t join right now</h1>
      <p className="mt-3 text-slate-700">{message}</p>
      {backHref.startsWith('/invite/') && <p className="mt-2 text-sm text-slate-600">If this looks wrong, reply to your invitation mail or contact the person who invited you.</p>}
      <Link href={backHref} className="mt-6 inline-block rounded-md bg-brand-600 px-4 py-2 text-sm font-semibold text-white hover:bg-brand-700">
        {backLinkText(backHref)}
      </Link>
    </div>
  );
}
