import Link from 'next/link';

export default function Forbidden() {
  return (
    <main className="mx-auto max-w-lg px-6 py-24 text-center">
      <p className="text-sm font-semibold text-brand-700">403</p>
      <h1 className="mt-2 text-2xl font-semibold text-slate-900">This page is for administrators</h1>
      <p className="mt-3 text-slate-600">Your account does not have access to it. If you need it, ask one of your Gatehouse admins.</p>
      <Link href="/" className="mt-6 inline-block text-sm font-semibold text-brand-700 hover:underline">Back to your dashboard</Link>
    </main>
  );
}
