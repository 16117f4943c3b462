import Link from 'next/link';

export default function NotFound() {
  return (
    <div className="mx-auto max-w-lg px-6 py-24 text-center">
      <p className="text-sm font-semibold text-brand-700">404</p>
      <h1 className="mt-2 text-2xl font-semibold text-slate-900">We could not find that page</h1>
      <p className="mt-3 text-slate-600">It may have been removed, or the link is not quite right.</p>
      <Link href="/" className="mt-6 inline-block text-sm font-semibold text-brand-700 hover:underline">Back to your dashboard</Link>
    </div>
  );
}
