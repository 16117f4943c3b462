import Link from 'next/link';

/** The plain page for someone who may not join now, saying why. */
export function JoinRefused({ message, backHref = '/' }: { message: string; backHref?: string }) {
  return (
    <div className="mx-auto mt-12 max-w-lg rounded-lg border border-slate-200 bg-white p-6 text-center shadow-sm">
      <h1 className="text-xl font-semibold text-slate-900">You can’t join right now</h1>
      <p className="mt-3 text-slate-700">{message}</p>
      <Link href={backHref} className="mt-6 inline-block rounded-md bg-brand-600 px-4 py-2 text-sm font-semibold text-white hover:bg-brand-700">
        Back to your dashboard
      </Link>
    </div>
  );
}
