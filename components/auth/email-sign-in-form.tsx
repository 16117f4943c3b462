'use client';

import { useFormAction } from '@/components/ui/use-form-action';
import { requestEmailLink } from '@/lib/auth/actions';
import { SubmitButton } from '@/components/ui/submit-button';

export function EmailSignInForm({ callbackUrl }: { callbackUrl: string }) {
  const { state, formAction, onSubmit, pending } = useFormAction(requestEmailLink);
  const fieldError = state && !state.ok ? (state.fieldErrors?.email?.[0] ?? (state.code !== 'VALIDATION' ? state.message : undefined)) : undefined;
  return (
    <form action={formAction} onSubmit={onSubmit} noValidate className="space-y-3">
      <input type="hidden" name="callbackUrl" value={callbackUrl} />
      <div>
        <label htmlFor="email" className="block text-sm font-medium text-slate-700">
          Work email
        </label>
        <input
          id="email"
          name="email"
          type="email"
          autoComplete="email"
          required
          placeholder="you@company.com"
          aria-invalid={!!fieldError}
          aria-describedby="email-error"
          className="mt-1 block w-full rounded-md border-0 px-3 py-2 text-slate-900 shadow-sm ring-1 ring-inset ring-slate-300 placeholder:text-slate-400 focus:ring-2 focus:ring-brand-600 aria-[invalid=true]:ring-red-500"
        />
        <p id="email-error" aria-live="polite" className="mt-1 min-h-5 text-sm text-red-700">
          {fieldError}
        </p>
      </div>
      <SubmitButton pending={pending} variant="secondary" block pendingLabel="Sending link…">
        Email me a sign-in link
      </SubmitButton>
    </form>
  );
}
