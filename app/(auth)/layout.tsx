import { Logo } from '@/components/ui/logo';

export default function AuthLayout({ children }: { children: React.ReactNode }) {
  return (
    <main className="flex min-h-screen items-start justify-center px-4 py-16 sm:py-24">
      <div className="w-full max-w-md">
        <p className="mb-6 flex justify-center text-lg font-semibold tracking-tight text-brand-900">
          <Logo size={32} />
        </p>
        {children}
      </div>
    </main>
  );
}
