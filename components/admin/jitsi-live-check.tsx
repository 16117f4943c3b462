'use client';

import { useActionState } from 'react';
import { runLiveCheckAction } from '@/lib/jitsi/admin-actions';
import type { LiveAttempt, LiveCheckReport } from '@/lib/jitsi/live-check';

const OUTCOME: Record<LiveAttempt['outcome'], { mark: string; word: string; tone: string }> = {
  joined: { mark: '✓', word: 'Accepted', tone: 'text-green-700' },
  waiting: { mark: '…', word: 'Held in the lobby', tone: 'text-amber-700' },
  refused: { mark: '✗', word: 'Refused', tone: 'text-red-700' },
  failed: { mark: '✗', word: 'No answer', tone: 'text-red-700' },
};

const TOKEN_LABEL: Record<LiveAttempt['token'], string> = { participant: 'Participant token', moderator: 'Moderator token', lobby: 'Token that must wait in the lobby' };

const VERDICT_TONE: Record<LiveCheckReport['verdict'], string> = { ok: 'text-green-700', warn: 'text-amber-700', fail: 'text-red-700' };

/** Logs in to the configured Jitsi from the server with a participant, a moderator and a lobby token, and shows what Jitsi did. */
export function JitsiLiveCheck({ domain }: { domain: string }) {
  const [state, formAction, pending] = useActionState(runLiveCheckAction, null);
  const report = state?.ok ? state.data : null;
  return (
    <div className="space-y-4">
      <form action={formAction}>
        <button disabled={pending} className="rounded-md bg-brand-600 px-4 py-2 text-sm font-semibold text-white hover:bg-brand-700 disabled:opacity-60">
          {pending ? 'Logging in to Jitsi…' : 'Run live check'}
        </button>
      </form>
      <p aria-live="polite" className="text-sm text-red-700">{state && !state.ok ? state.message : null}</p>
      {report && (
        <div data-testid="live-check-report" data-verdict={report.verdict} className="rounded-lg border border-slate-200 bg-white">
          <p role="status" className={`border-b border-slate-200 px-4 py-3 font-semibold ${VERDICT_TONE[report.verdict]}`}>
            {report.summary}
          </p>
          <ul className="divide-y divide-slate-100">
            {report.attempts.map((attempt) => (
              <li key={attempt.token} data-testid={`live-check-${attempt.token}`} data-outcome={attempt.outcome} data-role={attempt.role ?? ''} className="flex gap-3 px-4 py-3 text-sm">
                <span aria-hidden className={`w-4 font-bold ${OUTCOME[attempt.outcome].tone}`}>{OUTCOME[attempt.outcome].mark}</span>
                <div>
                  <p className="font-medium text-slate-900">
                    {TOKEN_LABEL[attempt.token]} <span className={`text-xs font-normal ${OUTCOME[attempt.outcome].tone}`}>{OUTCOME[attempt.outcome].word}</span>
                    {attempt.role && <span className="ml-2 text-xs font-normal text-slate-600">role: {attempt.role}</span>}
                  </p>
                  <p className="text-slate-700">{attempt.detail}</p>
                </div>
              </li>
            ))}
          </ul>
          <p className="border-t border-slate-100 px-4 py-2 text-xs text-slate-500">
            Checked {domain} with the throw-away room {report.room}.
          </p>
        </div>
      )}
    </div>
  );
}
