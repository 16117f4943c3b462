export default function HomePage() {
  return (
    <main className="mx-auto max-w-2xl px-6 py-24">
      <h1 className="text-3xl font-semibold text-brand-900">Gatehouse</h1>
      <p className="mt-3 text-slate-600">Your organisation’s meeting portal for Jitsi Meet.</p>
    </main>
  );
}
