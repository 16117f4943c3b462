'use client';

import { inspectTokenAction } from '@/lib/jitsi/admin-actions';
import type { TokenInspection } from '@/lib/jitsi/inspect';
import { useFormAction } from '@/components/ui/use-form-action';
import { TextAreaField, TextField } from '@/components/ui/field';

/** Paste a token or a meeting link; see what Jitsi would do with it, check by check. */
export function TokenInspector() {
  const { state, formAction, onSubmit, pending } = useFormAction(inspectTokenAction);
  const errors = state && !state.ok ? state.fieldErrors : undefined;
  return (
    <div className="space-y-6">
      <form action={formAction} onSubmit={onSubmit} className="space-y-4 rounded-lg border border-slate-200 bg-white p-4" noValidate>
        <TextAreaField
          label="Token or meeting link"
          name="token"
          rows={4}
          spellCheck={false}
          placeholder="eyJhbGciOi…  or  https://meet.example.com/room#jwt=eyJhbGciOi…"
          hint="Tokens from anywhere work, not only Gatehouse’s. The token is checked on the server and not stored."
          errors={errors?.token}
          className="mt-1 block w-full rounded-md px-3 py-2 font-mono text-xs ring-1 ring-slate-300"
        />
        <TextField label="Room (optional)" name="room" hint="The room the person tried to open, as in the meeting link. Without it, the link’s room is used." errors={errors?.room} />
        <button disabled={pending} className="rounded-md bg-brand-600 px-4 py-2 text-sm font-semibold text-white hover:bg-brand-700 disabled:opacity-60">
          {pending ? 'Checking…' : 'Inspect token'}
        </button>
        {state && !state.ok && !errors && <p className="text-sm text-red-700" aria-live="polite">{state.message}</p>}
      </form>
      {state?.ok && <InspectionResult result={state.data} />}
    </div>
  );
}

function InspectionResult({ result }: { result: TokenInspection }) {
  return (
    <div className="space-y-4" data-testid="inspection" data-accepted={result.accepted}>
      <div role="status" className={`rounded-lg border px-4 py-3 ${result.accepted ? 'border-green-200 bg-green-50 text-green-900' : 'border-red-200 bg-red-50 text-red-900'}`}>
        <p className="text-lg font-semibold" data-testid="inspection-verdict">{result.verdict}</p>
        <p className="text-sm">
          Judged as Jitsi at {result.server.domain} ({result.server.algorithm}) would
          {result.request.room ? `, for the room “${result.request.room}”` : ''}
          {result.expiry ? `. ${result.expiry.past ? 'Expired' : 'Expires'} ${result.expiry.relative} (${new Date(result.expiry.at).toLocaleString()})` : ''}.
        </p>
      </div>
      {result.notes.length > 0 && (
        <ul className="space-y-1 text-sm">
          {result.notes.map((note, i) => (
            <li key={i} className={note.level === 'warning' ? 'text-amber-800' : 'text-slate-700'}>
              {note.level === 'warning' ? '⚠ ' : 'ℹ '}
              {note.text}
            </li>
          ))}
        </ul>
      )}
      <section aria-labelledby="checks-heading" className="rounded-lg border border-slate-200 bg-white">
        <h3 id="checks-heading" className="border-b border-slate-200 px-4 py-2 font-semibold text-slate-900">Checks, in the order Jitsi makes them</h3>
        <ol className="divide-y divide-slate-100">
          {result.checks.map((check) => (
            <li key={check.id} data-testid="inspection-check" data-ok={check.ok} className="flex gap-3 px-4 py-2 text-sm">
              <span aria-hidden className={`w-4 font-bold ${check.ok ? 'text-green-700' : 'text-red-700'}`}>{check.ok ? '✓' : '✗'}</span>
              <div>
                <p className="font-medium text-slate-900">
                  {check.label} <span className="sr-only">{check.ok ? 'passed' : 'failed'}</span>
                </p>
                <p className="text-slate-700">{check.detail}</p>
              </div>
            </li>
          ))}
        </ol>
      </section>
      {result.accepted && (
        <dl className="grid grid-cols-[max-content_1fr] gap-x-4 gap-y-1 rounded-lg border border-slate-200 bg-white p-4 text-sm">
          <dt className="text-slate-500">Role</dt>
          <dd data-testid="inspection-role">{result.role === 'moderator' ? 'Moderator' : 'Participant'}</dd>
          <dt className="text-slate-500">Shown as</dt>
          <dd>{[result.identity.name, result.identity.email].filter(Boolean).join(' · ') || '—'}</dd>
          <dt className="text-slate-500">Features</dt>
          <dd>
            {result.features
              ? Object.entries(result.features).map(([name, on]) => `${name} ${on ? 'on' : 'off'}`).join(', ')
              : 'No features in the token: the role decides.'}
          </dd>
        </dl>
      )}
      <div className="grid gap-4 md:grid-cols-2">
        {[
          ['Header', result.headerJson],
          ['Claims', result.claimsJson],
        ].map(([title, json]) => (
          <section key={title} className="rounded-lg border border-slate-200 bg-white">
            <h3 className="border-b border-slate-200 px-4 py-2 font-semibold text-slate-900">
              {title} {!result.verified && <span className="text-xs font-normal text-slate-500">(decoded, not verified)</span>}
            </h3>
            <pre className="overflow-x-auto p-4 text-xs">{json ?? 'Could not be decoded.'}</pre>
          </section>
        ))}
      </div>
    </div>
  );
}
