'use client';

import { runDoctorAction } from '@/lib/jitsi/admin-actions';
import type { DoctorStatus } from '@/lib/jitsi/doctor';
import { useFormAction } from '@/components/ui/use-form-action';

const STATUS: Record<DoctorStatus, { mark: string; word: string; tone: string }> = {
  ok: { mark: '✓', word: 'OK', tone: 'text-green-700' },
  warn: { mark: '!', word: 'Warning', tone: 'text-amber-700' },
  fail: { mark: '✗', word: 'Problem', tone: 'text-red-700' },
  skipped: { mark: '–', word: 'Not checked', tone: 'text-slate-500' },
};

/** Runs the connection doctor from the server and shows a plain verdict per check. */
export function JitsiDoctor({ configuredDomain }: { configuredDomain: string }) {
  const { state, formAction, onSubmit, pending } = useFormAction(runDoctorAction);
  const report = state?.ok ? state.data : null;
  const domainError = state && !state.ok ? (state.fieldErrors?.domain?.[0] ?? state.message) : null;
  return (
    <div className="space-y-4">
      <form action={formAction} onSubmit={onSubmit} className="flex flex-wrap items-end gap-3" noValidate>
        <div>
          <label htmlFor="doctor-domain" className="block text-sm font-medium text-slate-700">Jitsi server</label>
          <input
            id="doctor-domain"
            name="domain"
            placeholder={configuredDomain}
            aria-invalid={!!domainError}
            aria-describedby="doctor-domain-hint doctor-domain-error"
            className="mt-1 w-72 rounded-md px-3 py-1.5 text-sm ring-1 ring-slate-300"
          />
          <p id="doctor-domain-hint" className="mt-1 text-xs text-slate-500">Leave empty to check the configured server, {configuredDomain}.</p>
        </div>
        <button disabled={pending} className="mb-5 rounded-md bg-brand-600 px-4 py-2 text-sm font-semibold text-white hover:bg-brand-700 disabled:opacity-60">
          {pending ? 'Checking…' : 'Check connection'}
        </button>
      </form>
      <p id="doctor-domain-error" aria-live="polite" className="text-sm text-red-700">{domainError}</p>
      {report && (
        <div data-testid="doctor-report" data-verdict={report.verdict} className="rounded-lg border border-slate-200 bg-white">
          <p className={`border-b border-slate-200 px-4 py-3 font-semibold ${STATUS[report.verdict].tone}`} role="status">
            {report.summary}
          </p>
          <ul className="divide-y divide-slate-100">
            {report.checks.map((check) => (
              <li key={check.id} data-testid={`doctor-${check.id}`} data-status={check.status} className="flex gap-3 px-4 py-3 text-sm">
                <span aria-hidden className={`w-4 font-bold ${STATUS[check.status].tone}`}>{STATUS[check.status].mark}</span>
                <div>
                  <p className="font-medium text-slate-900">
                    {check.label} <span className={`text-xs font-normal ${STATUS[check.status].tone}`}>{STATUS[check.status].word}</span>
                  </p>
                  <p className="text-slate-700">{check.detail}</p>
                </div>
              </li>
            ))}
          </ul>
        </div>
      )}
    </div>
  );
}
